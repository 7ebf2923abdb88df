// What a manifest means, whatever names and values it holds: hosts are machines by address
// (one port space, one set of domains), a site that moves never displaces one that stays,
// any host name is an ordinary name, a repeated key or a null is refused like any bad value,
// and the manifest's path is taken as given.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plonefactory, refused, snapshot, tempDir, yo } from '../support/cli.js';
import { profileRoot, resolveWithBuildout } from '../support/buildout.js';
import { requireTool, toolPath } from '../support/real-tools.js';

const PROFILES = ['development', 'standalone', 'preproduction', 'production'];

interface Site { name: string; host: string; [k: string]: unknown }

function factoryDir(): string {
  const dir = tempDir('manifest');
  mkdirSync(dir);
  return dir;
}

function write(dir: string, hosts: Record<string, unknown>, sites: Site[], file = 'sites.json'): void {
  writeFileSync(join(dir, file), JSON.stringify({ deploy: false, defaults: { plone: '6.2' }, hosts, sites }, null, 1));
}

function ok(dir: string, args: string[]): string {
  const r = plonefactory(dir, args);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return r.stdout;
}

/** Every port each site listens on in any profile, as real zc.buildout resolves them. */
async function portsBySite(dir: string, sites: readonly string[]): Promise<Map<string, Set<string>>> {
  const results = await resolveWithBuildout(sites.flatMap((s) => PROFILES.map((p) => profileRoot(join(dir, s), p))));
  const out = new Map<string, Set<string>>();
  sites.forEach((s, i) => {
    const ports = new Set<string>();
    for (const res of results.slice(i * PROFILES.length, (i + 1) * PROFILES.length)) {
      assert.ok(res.ok, res.ok ? '' : `${res.config}: ${res.message}`);
      for (const [key, port] of Object.entries(res.sections['ports'] ?? {})) if (key !== 'postgresql') ports.add(port);
    }
    out.set(s, ports);
  });
  return out;
}

const shared = (a: Set<string>, b: Set<string>): string[] => [...a].filter((p) => b.has(p));

describe('plonefactory factory: what a manifest means', function () {
  this.timeout(120000);

  it('gives two host names with one address one port space, and check --manifest compares them as one machine', async function () {
    requireTool(this, 'buildout');
    const dir = factoryDir();
    const hosts = { web1: { address: '10.0.0.11' }, web2: { address: '10.0.0.11' }, web3: { address: 'Web3.Example.org.' }, web4: { address: 'web3.example.org' } };
    const sites = [{ name: 'acme', host: 'web1', domain: 'acme.org' }, { name: 'beta', host: 'web2', domain: 'beta.org' }, { name: 'gamma', host: 'web3', domain: 'gamma.org' }, { name: 'delta', host: 'web4', domain: 'delta.org' }];
    write(dir, hosts, sites);
    ok(dir, ['factory', 'sites.json']);
    const ports = await portsBySite(dir, sites.map((s) => s.name));
    assert.deepEqual(shared(ports.get('acme')!, ports.get('beta')!), []);
    assert.deepEqual(shared(ports.get('gamma')!, ports.get('delta')!), []);
    // one domain on one machine under two names is refused like on one host name
    write(dir, hosts, [{ name: 'acme', host: 'web1', domain: 'acme.org' }, { name: 'beta', host: 'web2', domain: 'acme.org' }]);
    refused(dir, ['factory', 'sites.json'], /sites\[0\] \(acme\) and .*sites\[1\] \(beta\) on hosts web1 and web2 \(one address, 10\.0\.0\.11\) both claim domain "acme\.org"/);
    // one machine has one system front: its host names must not ask for two
    write(dir, { web1: { address: '10.0.0.11', front: 'apache' }, web2: { address: '10.0.0.11' } }, sites.slice(0, 2));
    refused(dir, ['factory', 'sites.json'], /the front of host web1 .* and the front of host web2 .* on hosts web1 and web2 \(one address, 10\.0\.0\.11\) both listen on port 80; one machine has one front/);
    // sites made for two machines, then the manifest says they are one: check sees the clash
    const other = factoryDir();
    write(other, { web1: { address: '10.0.0.21' }, web2: { address: '10.0.0.22' } }, [{ name: 'acme', host: 'web1', domain: 'acme.org' }, { name: 'beta', host: 'web2', domain: 'beta.org' }]);
    ok(other, ['factory', 'sites.json']);
    assert.equal(plonefactory(other, ['check', '--manifest', 'sites.json']).status, 0);
    write(other, { web1: { address: '10.0.0.21' }, web2: { address: '10.0.0.21' } }, [{ name: 'acme', host: 'web1', domain: 'acme.org' }, { name: 'beta', host: 'web2', domain: 'beta.org' }]);
    const r = plonefactory(other, ['check', '--manifest', 'sites.json', '--json']);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const found = (JSON.parse(r.stdout) as Array<{ code: string; message: string }>).filter((f) => f.code === 'port-conflict');
    assert.ok(found.length > 0, r.stdout);
    assert.match(found[0]!.message, /^sites acme and beta on hosts web1 and web2 \(one address, 10\.0\.0\.21\) both use port \d+/);
  });

  it('never lets a site that moves to a host displace the site that stays there', async function () {
    requireTool(this, 'buildout');
    const dir = factoryDir();
    const hosts = { web1: { address: '10.0.0.11' }, web2: { address: '10.0.0.12' } };
    write(dir, hosts, [{ name: 'acme', host: 'web1', domain: 'acme.org' }, { name: 'beta', host: 'web2', domain: 'beta.org' }]);
    ok(dir, ['factory', 'sites.json']);
    const beta = [...snapshot(dir)].filter(([p]) => p.startsWith('beta/'));
    // acme moves onto web2, listed first: beta, which stays, keeps its ports and every byte
    write(dir, hosts, [{ name: 'acme', host: 'web2', domain: 'acme.org' }, { name: 'beta', host: 'web2', domain: 'beta.org' }]);
    const out = ok(dir, ['factory', 'sites.json']);
    assert.match(out, /^beta\s+web2\s+10\.0\.0\.12\s+\S+\s+unchanged$/m);
    assert.deepEqual([...snapshot(dir)].filter(([p]) => p.startsWith('beta/')), beta);
    const ports = await portsBySite(dir, ['acme', 'beta']);
    assert.deepEqual(shared(ports.get('acme')!, ports.get('beta')!), []);
  });

  it('takes hosts named constructor, toString or __proto__ as ordinary names, in JSON and YAML, and refuses an undeclared one', function () {
    requireTool(this, 'ansible-inventory');
    for (const file of ['sites.json', 'sites.yaml']) {
      const dir = factoryDir();
      // (as entries: an object literal's `__proto__:` would set its prototype, not a key)
      const hosts: Array<[string, { address: string }]> = [['constructor', { address: '10.0.0.1' }], ['toString', { address: '10.0.0.2' }], ['__proto__', { address: '10.0.0.3' }]];
      const sites = [{ name: 'acme', host: 'constructor' }, { name: 'beta', host: 'toString' }, { name: 'gamma', host: '__proto__' }];
      const text = file.endsWith('.json')
        ? `{"hosts": {${hosts.map(([n, h]) => `${JSON.stringify(n)}: ${JSON.stringify(h)}`).join(', ')}}, "sites": ${JSON.stringify(sites)}}`
        : `hosts:\n${hosts.map(([n, h]) => `  ${n}: {address: ${h.address}}\n`).join('')}sites:\n${sites.map((s) => `  - {name: ${s.name}, host: ${s.host}}\n`).join('')}`;
      writeFileSync(join(dir, file), text);
      const out = ok(dir, ['factory', file]);
      for (const [site, host, address] of [['acme', 'constructor', '10.0.0.1'], ['beta', 'toString', '10.0.0.2'], ['gamma', '__proto__', '10.0.0.3']] as const)
        assert.match(out, new RegExp(`^${site}\\s+${host}\\s+${address.replace(/\./g, '\\.')}\\s+8080-8092\\s+created$`, 'm'), `${file}: ${out}`);
      // Ansible reads the inventory with the three hosts and their addresses
      const listed = JSON.parse(execFileSync(toolPath('ansible-inventory'), ['-i', join(dir, 'deploy', 'inventory.yml'), '--list'], { encoding: 'utf8' })) as { _meta: { hostvars: Record<string, { ansible_host: string }> } };
      assert.deepEqual(Object.entries(listed._meta.hostvars).map(([h, v]) => [h, v.ansible_host]).sort(), hosts.map(([h, v]) => [h, v.address]).sort());
    }
    const dir = factoryDir();
    for (const host of ['constructor', 'hasOwnProperty', '__proto__', 'toString']) {
      write(dir, { web1: { address: '10.0.0.11' } }, [{ name: 'acme', host }]);
      refused(dir, ['factory', 'sites.json'], new RegExp(`sites\\[0\\] \\(acme\\): host "${host}" is not allowed; choose one of the manifest's hosts: web1$`));
    }
  });

  it('refuses a key given twice in JSON as in YAML, naming it, before writing', function () {
    const dir = factoryDir();
    const site = (name: string): string => `{"name": "${name}", "host": "web1", "domain": "${name}.org"}`;
    const cases: Array<[string, RegExp]> = [
      [`{"hosts": {"web1": {"address": "10.0.0.11"}},\n "sites": [${site('acme')}],\n "sites": [${site('beta')}]}`, /key "sites" is given twice in one object \(line 3\)/],
      [`{"hosts": {"web1": {"address": "10.0.0.11"}, "web1": {"address": "10.0.0.12"}}, "sites": [${site('acme')}]}`, /key "web1" is given twice/],
      [`{"hosts": {"web1": {"address": "10.0.0.11"}}, "sites": [{"name": "acme", "host": "web1", "clients": 2, "clients": 4}]}`, /key "clients" is given twice/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(join(dir, 'sites.json'), text);
      refused(dir, ['factory', 'sites.json'], message);
      refused(dir, ['check', '--manifest', 'sites.json'], message);
    }
    writeFileSync(join(dir, 'sites.yaml'), 'hosts:\n  web1: {address: 10.0.0.11}\nsites:\n  - {name: acme, host: web1}\nsites:\n  - {name: beta, host: web1}\n');
    refused(dir, ['factory', 'sites.yaml'], /sites\.yaml is not valid YAML: duplicated mapping key/);
  });

  it('refuses null like any other bad value, naming the key, instead of asking for a terminal', function () {
    const dir = factoryDir();
    const hosts = { web1: { address: '10.0.0.11' } };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ hosts, sites: [{ name: 'acme', host: 'web1', clients: null }] }, /sites\[0\] \(acme\): clients null is not allowed; the number of clients must be a whole number from 1 to 32$/],
      [{ hosts, defaults: { 'port-base': null }, sites: [{ name: 'acme', host: 'web1' }] }, /defaults: port-base null is not allowed; the port base must be/],
      [{ hosts, sites: [{ name: 'acme', host: 'web1', modules: null }] }, /modules null is not allowed/],
      [{ hosts, defaults: null, sites: [{ name: 'acme', host: 'web1' }] }, /"defaults" "null" is not allowed; give an object/],
      [{ hosts, deploy: null, sites: [{ name: 'acme', host: 'web1' }] }, /"deploy" "null" is not allowed/],
      [{ hosts: { web1: null }, sites: [{ name: 'acme', host: 'web1' }] }, /hosts\.web1 must be an object/],
      [{ hosts: { web1: { address: '10.0.0.11', front: null } }, sites: [{ name: 'acme', host: 'web1' }] }, /hosts\.web1: front "null" is not allowed; choose one of: nginx, apache/],
      [{ hosts, sites: [{ name: 'acme', host: 'web1', aliases: null }] }, /aliases "null" is not allowed/],
    ];
    for (const [m, message] of cases) {
      writeFileSync(join(dir, 'sites.json'), JSON.stringify(m));
      refused(dir, ['factory', 'sites.json'], message);
    }
  });

  it('refuses a site named after one of the factory\'s own folders (deploy, hosts), before writing', function () {
    const dir = factoryDir();
    for (const name of ['deploy', 'hosts']) {
      write(dir, { web1: { address: '10.0.0.11' } }, [{ name: 'acme', host: 'web1', domain: 'acme.org' }, { name, host: 'web1', domain: `${name}.org` }]);
      refused(dir, ['factory', 'sites.json'], new RegExp(`sites\\[1\\]: site name "${name}" is not allowed; deploy and hosts are the factory's own folders`));
    }
  });

  it('reads `factory /absolute/path.json` and `check --manifest /absolute/path.json` as given, from any folder', function () {
    const dir = factoryDir();
    const elsewhere = factoryDir();
    write(elsewhere, { web1: { address: '10.0.0.11' } }, [{ name: 'acme', host: 'web1' }]);
    const manifest = join(elsewhere, 'sites.json');
    assert.match(ok(dir, ['factory', manifest]), /^acme\s+web1\s+10\.0\.0\.11\s+8080-8092\s+created$/m);
    assert.match(ok(dir, ['check', '--manifest', manifest]), /clean: no findings in 1 site/);
    const viaYo = yo(dir, ['plonefactory:factory', manifest]);
    assert.equal(viaYo.status, 0, viaYo.stderr);
    // (Yeoman's log writes to stderr)
    assert.match(viaYo.stdout + viaYo.stderr, /^acme\s+web1\s+10\.0\.0\.11\s+8080-8092\s+unchanged$/m);
    assert.deepEqual(snapshot(elsewhere).size, 1, 'nothing written beside the manifest');
  });
});
