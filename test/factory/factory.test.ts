// Factory mode: many sites from one manifest, one process, ports that never collide on a
// host, re-runs that change only what changed, hand edits never lost.
import { strict as assert } from 'node:assert';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plonefactory, snapshot, tempDir, yo } from '../support/cli.js';
import { profileRoot, resolveWithBuildout } from '../support/buildout.js';
import { requireTool } from '../support/real-tools.js';

const PROFILES = ['development', 'standalone', 'preproduction', 'production'];

interface Site { name: string; host: string; [k: string]: unknown }

function manifest(sites: Site[], defaults: Record<string, unknown> = { plone: '6.2' }): string {
  return JSON.stringify({ defaults, hosts: { web1: { address: '10.0.0.11' }, web2: { address: '10.0.0.12' } }, sites }, null, 1);
}

function factoryDir(text: string, file = 'sites.json'): string {
  const dir = tempDir('factory');
  mkdirSync(dir);
  writeFileSync(join(dir, file), text);
  return dir;
}

// Sites sharing a host need their own domains (host-claims.test.ts).
const SITES: Site[] = [
  { name: 'acme', host: 'web1', domain: 'acme.org' },
  { name: 'beta', host: 'web1', domain: 'beta.org', clients: 4, storage: 'relstorage', http: 'apache', cache: 'squid' },
  { name: 'gamma', host: 'web2', plone: '5.2', balancer: 'pound' },
  { name: 'delta', host: 'web1', domain: 'delta.org', 'port-base': 9000 },
  { name: 'eps', host: 'web1', domain: 'eps.org', cache: 'none' },
];

const siteFiles = (all: Map<string, string>, site: string): string[] => [...all.keys()].filter((p) => p.startsWith(`${site}/`));

describe('plonefactory factory', function () {
  this.timeout(120000);

  it('creates every site in one run, each profile accepted by real zc.buildout, no port shared on a host', async function () {
    requireTool(this, 'buildout');
    const dir = factoryDir(manifest(SITES));
    const r = plonefactory(dir, ['factory', 'sites.json']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^acme\s+web1\s+10\.0\.0\.11\s+\d+-\d+\s+created$/m);
    assert.match(r.stdout, /5 sites: 5 created, 0 changed, 0 unchanged/);
    const configs = SITES.flatMap((s) => PROFILES.map((p) => profileRoot(join(dir, s.name), p)));
    const results = await resolveWithBuildout(configs);
    for (const res of results) assert.ok(res.ok, res.ok ? '' : `${res.config}: ${res.message}`);
    const used = new Map<string, string>();
    SITES.forEach((s, i) => {
      const prod = results[i * PROFILES.length + 3];
      assert.ok(prod?.ok);
      for (const [key, port] of Object.entries(prod.sections['ports'] ?? {})) {
        const at = `${s.host}:${port}`;
        assert.ok(!used.has(at), `${s.name} ports:${key} ${port} already used by ${used.get(at)} on ${s.host}`);
        used.set(at, `${s.name} ports:${key}`);
      }
    });
    const delta = results[3 * PROFILES.length + 3];
    assert.ok(delta?.ok);
    assert.equal(delta.sections['ports']?.['http'], '9000', 'a fixed port-base is honoured');
  });

  it('re-runs without changing a byte, and after a manifest change touches only the site that changed', function () {
    const dir = factoryDir(manifest(SITES));
    assert.equal(plonefactory(dir, ['factory', 'sites.json']).status, 0);
    const first = snapshot(dir);
    const again = plonefactory(dir, ['factory', 'sites.json']);
    assert.match(again.stdout, /5 sites: 0 created, 0 changed, 5 unchanged/);
    assert.deepEqual(snapshot(dir), first);
    writeFileSync(join(dir, 'sites.json'), manifest(SITES.map((s) => (s.name === 'beta' ? { ...s, clients: 3 } : s))));
    const changed = plonefactory(dir, ['factory', 'sites.json']);
    assert.equal(changed.status, 0, changed.stderr);
    assert.match(changed.stdout, /^beta\s+.*changed$/m);
    assert.match(changed.stdout, /1 changed, 4 unchanged/);
    const after = snapshot(dir);
    for (const [path, v] of after) {
      if (!path.startsWith('beta/') && path !== 'sites.json') assert.equal(v, first.get(path), `${path} changed`);
    }
    assert.doesNotMatch(readFileSync(join(dir, 'beta/profiles/stack/clients.cfg'), 'utf8'), /instance4/);
  });

  it('keeps hand edits; a conflict with one is reported and no site is written', function () {
    const dir = factoryDir(manifest(SITES));
    assert.equal(plonefactory(dir, ['factory', 'sites.json']).status, 0);
    appendFileSync(join(dir, 'acme/profiles/etc/project.cfg'), '    collective.handmade\n');
    writeFileSync(join(dir, 'sites.json'), manifest(SITES.map((s) => (s.name === 'acme' ? { ...s, clients: 3 } : s))));
    const kept = plonefactory(dir, ['factory', 'sites.json']);
    assert.equal(kept.status, 0, kept.stderr);
    assert.match(readFileSync(join(dir, 'acme/profiles/etc/project.cfg'), 'utf8'), /collective\.handmade/);
    appendFileSync(join(dir, 'acme/profiles/etc/versions.cfg'), 'my.pin = 1.0\n');
    writeFileSync(join(dir, 'sites.json'), manifest(SITES.map((s) => (s.name === 'acme' ? { ...s, plone: '6.1' } : s.name === 'beta' ? { ...s, clients: 2 } : s))));
    const before = snapshot(dir);
    const clash = plonefactory(dir, ['factory', 'sites.json']);
    assert.equal(clash.status, 1);
    assert.match(clash.stderr, /^plonefactory: site acme: hand edits in profiles\/etc\/versions\.cfg conflict with this run's changes; nothing was written/m);
    const after = snapshot(dir);
    for (const [path, v] of before) if (path !== 'sites.json') assert.equal(after.get(path), v, `${path} changed`);
  });

  it('adds and removes a site\'s modules as its manifest entry changes, back to the same bytes', async function () {
    requireTool(this, 'buildout');
    const dir = factoryDir(manifest([{ name: 'acme', host: 'web1' }]));
    assert.equal(plonefactory(dir, ['factory', 'sites.json']).status, 0);
    const plain = snapshot(dir);
    writeFileSync(join(dir, 'sites.json'), manifest([{ name: 'acme', host: 'web1', modules: ['easyform', 'exportimport'] }]));
    const added = plonefactory(dir, ['factory', 'sites.json']);
    assert.equal(added.status, 0, added.stderr);
    const [prod] = await resolveWithBuildout([profileRoot(join(dir, 'acme'), 'production')]);
    assert.ok(prod?.ok, prod?.ok ? '' : prod?.message);
    const eggs = prod.sections['instance1']?.['eggs'] ?? '';
    for (const egg of ['collective.easyform', 'collective.exportimport']) assert.ok(eggs.split('\n').includes(egg), `${egg} not in instance1's eggs`);
    writeFileSync(join(dir, 'sites.json'), manifest([{ name: 'acme', host: 'web1' }]));
    const removed = plonefactory(dir, ['factory', 'sites.json']);
    assert.equal(removed.status, 0, removed.stderr);
    // .resolve-*.cfg: the root files this test wrote to ask real buildout, not the factory's.
    const strip = (m: Map<string, string>): string[] => [...m].filter(([p]) => p !== 'sites.json' && !p.includes('/.resolve-')).map(([p, v]) => `${p} ${v.replace(/^[\d.]+ /, '')}`).sort();
    assert.deepEqual(strip(snapshot(dir)), strip(plain));
  });

  it('check --manifest finds ports two sites share on a host, even through a hand edit', function () {
    const dir = factoryDir(manifest(SITES));
    assert.equal(plonefactory(dir, ['factory', 'sites.json']).status, 0);
    const clean = JSON.parse(plonefactory(dir, ['check', '--manifest', 'sites.json', '--json']).stdout) as Array<{ code: string; message: string }>;
    assert.deepEqual(clean, []);
    const acmeHttp = /^http = (\d+)$/m.exec(readFileSync(join(dir, 'acme/profiles/etc/defines.cfg'), 'utf8'))?.[1];
    const beta = join(dir, 'beta/profiles/etc/defines.cfg');
    writeFileSync(beta, readFileSync(beta, 'utf8').replace(/^cache = \d+$/m, `cache = ${acmeHttp}`));
    const clash = plonefactory(dir, ['check', '--manifest', 'sites.json']);
    assert.equal(clash.status, 1, clash.stdout);
    assert.match(clash.stdout, new RegExp(`^beta/profiles/etc/defines\\.cfg:\\d+: error: port-conflict: sites acme and beta on host web1 both use port ${acmeHttp} \\(acme development ports:http at acme/profiles/etc/defines\\.cfg:\\d+, beta development ports:cache\\)$`, 'm'));
    // gamma is alone on web2: the same port there is no conflict
    const json = JSON.parse(plonefactory(dir, ['check', '--manifest', 'sites.json', '--json']).stdout) as Array<{ code: string; message: string }>;
    assert.deepEqual(json.map((f) => f.code), ['port-conflict']);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['an unknown answer key', manifest([{ name: 'a', host: 'web1', plonee: '6.2' }]), /sites\[0\] \(a\): unknown key "plonee"; allowed: host, git, aliases, certificate, certificate-key, name, domain, plone/],
    ['a bad alias', manifest([{ name: 'a', host: 'web1', aliases: ['www.a.org', 'a b'] }]), /sites\[0\] \(a\): alias "a b" is not allowed; use a host name/],
    ['a relative certificate path', manifest([{ name: 'a', host: 'web1', certificate: 'tls/a.pem' }]), /sites\[0\] \(a\): certificate "tls\/a\.pem" is not allowed; give an absolute path/],
    ['an unknown host', manifest([{ name: 'a', host: 'web9' }]), /sites\[0\] \(a\): host "web9" is not allowed; choose one of the manifest's hosts: web1, web2/],
    ['a name used twice', manifest([{ name: 'a', host: 'web1' }, { name: 'a', host: 'web2' }]), /sites\[1\]: site name "a" is used twice/],
    ['a bad answer', manifest([{ name: 'a', host: 'web1', cache: 'memcached' }]), /site a: --cache "memcached" is not allowed; choose one of: varnish, squid, none/],
    ['two fixed bases that collide', manifest([{ name: 'a', host: 'web1', domain: 'a.org', 'port-base': 9000 }, { name: 'b', host: 'web1', domain: 'b.org', 'port-base': 9005 }]), /site a \(sites\.json: sites\[0\]: port-base 9000\) and site b \(sites\.json: sites\[1\]: port-base 9005\) on host web1 both use ports 9005-9012; give one of them another port-base/],
    ['a bad site name', manifest([{ name: 'A B', host: 'web1' }]), /--name "A B" is not allowed/],
    ['invalid JSON', '{"sites": [', /sites\.json is not valid JSON/],
  ];
  for (const [what, text, message] of bad) {
    it(`rejects ${what} with one line, writing nothing`, function () {
      const dir = factoryDir(text);
      const before = snapshot(dir);
      const r = plonefactory(dir, ['factory', 'sites.json']);
      assert.equal(r.status, 1);
      const ours = r.stderr.split('\n').filter((l) => l.startsWith('plonefactory: '));
      assert.equal(ours.length, 1, r.stderr);
      assert.match(ours[0]!, message);
      assert.deepEqual(snapshot(dir), before);
    });
  }

  it('reads YAML manifests, and yo\'s path (Yeoman loaded) writes the same sites', function () {
    const yamlText = ['defaults: {plone: "6.0"}', 'hosts: {web1: {address: 10.0.0.11}}', 'sites:', '  - {name: one, host: web1, domain: one.org}', '  - {name: two, host: web1, domain: two.org, clients: 3}', ''].join('\n');
    const direct = factoryDir(yamlText, 'sites.yaml');
    const yeoman = factoryDir(yamlText, 'sites.yaml');
    assert.equal(plonefactory(direct, ['factory', 'sites.yaml']).status, 0);
    const r = yo(yeoman, ['plonefactory:factory', 'sites.yaml']);
    assert.equal(r.status, 0, r.stderr);
    const strip = (m: Map<string, string>): string[] =>
      [...m].filter(([p]) => !p.endsWith('secrets.cfg') && !p.endsWith('.yo-rc.json')).map(([p, v]) => `${p} ${v.replace(/^[\d.]+ /, '')}`).sort();
    assert.deepEqual(strip(snapshot(yeoman)), strip(snapshot(direct)));
    assert.deepEqual(siteFiles(snapshot(direct), 'two').length, siteFiles(snapshot(direct), 'one').length);
  });
});
