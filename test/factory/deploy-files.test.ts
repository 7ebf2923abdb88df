// The factory's deploy/ (inventory and playbook) as files: read by Debian's real
// ansible-inventory, regenerated without a change, hand edits kept like a site's, left out
// with "deploy": false. The real run is test/deploy/ansible-deploy.test.ts.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOOTSTRAP } from '../../lib/catalog/host.js';
import { COMPONENTS } from '../../lib/catalog/stack.js';
import { plonefactory, snapshot, tempDir } from '../support/cli.js';
import { requireTool } from '../support/real-tools.js';

const MANIFEST = {
  defaults: { plone: '6.2', profile: 'production' },
  hosts: { web1: { address: '10.0.0.11' }, web2: { address: '10.0.0.12' }, spare: { address: '10.0.0.13' } },
  sites: [
    { name: 'acme', host: 'web1', domain: 'acme.org' },
    { name: 'beta', host: 'web1', domain: 'beta.org', http: 'apache', cache: 'squid', storage: 'relstorage' },
    { name: 'gamma', host: 'web2', domain: 'gamma.org', balancer: 'pound', git: 'git@example.org:acme/gamma.git' },
  ],
};

function factory(manifest: unknown = MANIFEST): string {
  const dir = tempDir('deploy');
  mkdirSync(dir);
  writeFileSync(join(dir, 'sites.json'), JSON.stringify(manifest));
  const r = plonefactory(dir, ['factory', 'sites.json']);
  assert.equal(r.status, 0, r.stderr);
  return dir;
}

interface HostVars { ansible_host: string; pf_apt_packages: string[]; pf_from_source: Array<{ name: string }>; pf_users: string[]; pf_sites: Array<{ name: string; user: string; git?: string; http_port: number }> }

describe('plonefactory factory: deploy/', function () {
  this.timeout(120000);

  it('writes an inventory the real ansible-inventory reads: each host, its address, its sites and what they need', function () {
    requireTool(this, 'ansible-playbook');
    const dir = factory();
    const out = execFileSync('ansible-inventory', ['-i', join(dir, 'deploy/inventory.yml'), '--list'], { encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    const inv = JSON.parse(out) as { plonefactory: { hosts: string[] }; _meta: { hostvars: Record<string, HostVars> } };
    // a host without sites has nothing to deploy
    assert.deepEqual(inv.plonefactory.hosts.sort(), ['web1', 'web2']);
    const web1 = inv._meta.hostvars['web1']!;
    const web2 = inv._meta.hostvars['web2']!;
    assert.equal(web1.ansible_host, '10.0.0.11');
    assert.deepEqual(web1.pf_sites.map((s) => [s.name, s.user, s.http_port]), [['acme', 'plone', 8080], ['beta', 'plone', 8180]]);
    assert.deepEqual(web2.pf_sites.map((s) => [s.name, s.git]), [['gamma', 'git@example.org:acme/gamma.git']]);
    // The catalog's facts, gathered: the bootstrap's packages, each chosen server's, pg_dump's for RelStorage.
    for (const p of [...BOOTSTRAP['6.2'].debian, 'nginx-light', 'varnish', 'haproxy', 'apache2', 'squid', 'postgresql-client', 'cron']) assert.ok(web1.pf_apt_packages.includes(p), `${p} not among web1's packages`);
    assert.ok(!web2.pf_apt_packages.includes('squid'), 'only what its own sites need');
    assert.deepEqual(web2.pf_from_source.map((c) => c.name), [COMPONENTS.pound.name]);
    assert.deepEqual(web1.pf_users, ['plone']);
  });

  it('re-runs without a change, keeps a hand edit of the playbook, and writes none with "deploy": false', function () {
    const dir = factory();
    const first = snapshot(dir);
    assert.equal(plonefactory(dir, ['factory', 'sites.json']).status, 0);
    assert.deepEqual(snapshot(dir), first);
    appendFileSync(join(dir, 'deploy/group_vars/all.yml'), 'pf_root: /opt/sites\n');
    writeFileSync(join(dir, 'sites.json'), JSON.stringify({ ...MANIFEST, sites: MANIFEST.sites.map((s) => (s.name === 'acme' ? { ...s, clients: 3 } : s)) }));
    const r = plonefactory(dir, ['factory', 'sites.json']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(join(dir, 'deploy/group_vars/all.yml'), 'utf8'), /^pf_root: \/opt\/sites$/m);
    const none = factory({ ...MANIFEST, deploy: false });
    assert.ok(!existsSync(join(none, 'deploy')));
  });

  it('refuses a git remote that is no URL with one line, writing nothing', function () {
    const dir = tempDir('deploy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'sites.json'), JSON.stringify({ ...MANIFEST, sites: [{ name: 'acme', host: 'web1', git: 'not a url' }] }));
    const before = snapshot(dir);
    const r = plonefactory(dir, ['factory', 'sites.json']);
    assert.equal(r.status, 1);
    assert.deepEqual(r.stderr.split('\n').filter((l) => l.startsWith('plonefactory: ')), [
      'plonefactory: sites.json: sites[0] (acme): git "not a url" is not allowed; give the project\'s remote as a URL (https://, ssh://, git://, file://), user@host:path or an absolute path',
    ]);
    assert.deepEqual(snapshot(dir), before);
  });
});
