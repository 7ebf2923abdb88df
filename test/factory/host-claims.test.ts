// What sites on one host must not share, refused before anything is written by the factory
// and reported with file:line by `check --manifest`: a domain, and a port of any profile
// (custom profiles included), while a port they only connect to (PostgreSQL) is shared.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plonefactory, refused, tempDir } from '../support/cli.js';

interface Site { name: string; host: string; [k: string]: unknown }

const HOSTS = { web1: { address: '10.0.0.11' }, web2: { address: '10.0.0.12' } };

function factoryDir(sites: Site[]): string {
  const dir = tempDir('claims');
  mkdirSync(dir);
  writeManifest(dir, sites);
  return dir;
}

function writeManifest(dir: string, sites: Site[]): void {
  writeFileSync(join(dir, 'sites.json'), JSON.stringify({ defaults: { plone: '6.2' }, hosts: HOSTS, sites }, null, 1));
}

function check(dir: string): { status: number | null; findings: Array<{ file: string; line: number; code: string; message: string }> } {
  const r = plonefactory(dir, ['check', '--manifest', 'sites.json', '--json']);
  return { status: r.status, findings: r.status === 0 || r.status === 1 ? JSON.parse(r.stdout) : [] };
}

describe('plonefactory factory: what sites on one host must not share', function () {
  this.timeout(120000);

  it('refuses two sites claiming one domain on a host, naming both manifest entries, and writes nothing', function () {
    const dir = factoryDir([{ name: 'acme', host: 'web1', domain: 'acme.org' }, { name: 'beta', host: 'web1', domain: 'acme.org' }]);
    refused(dir, ['factory', 'sites.json'], /^plonefactory: sites\.json: sites\[0\] \(acme\) and sites\.json: sites\[1\] \(beta\) on host web1 both claim domain "acme\.org"; give each site on a host its own "domain"$/);
    // check --manifest says so before any site is generated, as it does once they are
    const before = check(dir);
    assert.equal(before.status, 1);
    assert.deepEqual(before.findings.map((f) => [f.code, f.file.endsWith('sites.json')]), [['domain-conflict', true]]);
    assert.match(before.findings[0]!.message, /sites\[0\] \(acme\) and sites\.json: sites\[1\] \(beta\) on host web1 both claim domain "acme\.org"/);
    writeManifest(dir, [{ name: 'acme', host: 'web1' }, { name: 'beta', host: 'web1' }]);
    refused(dir, ['factory', 'sites.json'], /both claim domain "example\.com", not given: the default;/);
    // on two hosts, one domain is two sites' business, not a clash
    writeManifest(dir, [{ name: 'acme', host: 'web1', domain: 'acme.org' }, { name: 'beta', host: 'web2', domain: 'acme.org' }]);
    const r = plonefactory(dir, ['factory', 'sites.json']);
    assert.equal(r.status, 0, r.stderr);
  });

  it('compares every profile\'s ports: a custom profile\'s block is found by check, avoided by the factory, and a fixed base on it is refused', function () {
    const dir = factoryDir([{ name: 'acme', host: 'web1', domain: 'acme.org' }, { name: 'beta', host: 'web1', domain: 'beta.org' }]);
    assert.equal(plonefactory(dir, ['factory', 'sites.json']).status, 0);
    // The profile generator puts staging on the block above acme's own: beta's block.
    const p = plonefactory(join(dir, 'acme'), ['profile', 'staging']);
    assert.equal(p.status, 0, p.stderr);
    const stagingHttp = /^http = (\d+)$/m.exec(readFileSync(join(dir, 'acme/profiles/staging.cfg'), 'utf8'))?.[1];
    const betaHttp = /^http = (\d+)$/m.exec(readFileSync(join(dir, 'beta/profiles/etc/defines.cfg'), 'utf8'))?.[1];
    assert.equal(stagingHttp, betaHttp, 'the premise: staging took beta\'s ports');

    const found = check(dir);
    assert.equal(found.status, 1);
    const staging = readFileSync(join(dir, 'acme/profiles/staging.cfg'), 'utf8').split('\n').indexOf(`http = ${stagingHttp}`) + 1;
    const defines = join(dir, 'beta/profiles/etc/defines.cfg');
    const betaLine = readFileSync(defines, 'utf8').split('\n').indexOf(`http = ${betaHttp}`) + 1;
    const http = found.findings.find((f) => f.message.includes(`port ${stagingHttp} `));
    assert.deepEqual(http, {
      file: defines, line: betaLine, code: 'port-conflict', severity: 'error',
      message: `sites acme and beta on host web1 both use port ${stagingHttp} (acme staging ports:http at ${join(dir, 'acme/profiles/staging.cfg')}:${staging}, beta development ports:http)`,
    });
    assert.ok(found.findings.every((f) => f.code === 'port-conflict'), JSON.stringify(found.findings));

    // beta has no fixed base: the factory moves it off staging's block, and check is clean again.
    const moved = plonefactory(dir, ['factory', 'sites.json']);
    assert.equal(moved.status, 0, moved.stderr);
    assert.match(moved.stdout, /^beta\s+.*changed$/m);
    assert.deepEqual(check(dir).findings, []);

    // A fixed port-base on staging's block cannot be moved: refused, naming the profile and the entry.
    writeManifest(dir, [{ name: 'acme', host: 'web1', domain: 'acme.org' }, { name: 'beta', host: 'web1', domain: 'beta.org', 'port-base': Number(stagingHttp) }]);
    refused(dir, ['factory', 'sites.json'], new RegExp(`^plonefactory: site acme's profile staging \\(acme/profiles/staging\\.cfg, port base ${stagingHttp}\\) and site beta \\(sites\\.json: sites\\[1\\]: port-base ${stagingHttp}\\) on host web1 both use ports ${stagingHttp}-\\d+; give one of them another port-base$`));
  });

  it('check --manifest reports a domain two sites serve on a host at the line that sets it, and lets relstorage sites share PostgreSQL', function () {
    const dir = factoryDir([
      { name: 'acme', host: 'web1', domain: 'acme.org', storage: 'relstorage' },
      { name: 'beta', host: 'web1', domain: 'beta.org', storage: 'relstorage' },
    ]);
    assert.equal(plonefactory(dir, ['factory', 'sites.json']).status, 0);
    // both connect to PostgreSQL's 5432: a port they use, not one they serve
    assert.deepEqual(check(dir), { status: 0, findings: [] });
    const defines = join(dir, 'beta/profiles/etc/defines.cfg');
    const text = readFileSync(defines, 'utf8').replace(/^domain = beta\.org$/m, 'domain = acme.org');
    writeFileSync(defines, text);
    const { status, findings } = check(dir);
    assert.equal(status, 1);
    const line = text.split('\n').indexOf('domain = acme.org') + 1;
    const domain = findings.filter((f) => f.code === 'domain-conflict');
    assert.deepEqual(domain.map((f) => [f.file, f.line]), [[defines, line]], JSON.stringify(findings));
    assert.match(domain[0]!.message, /^sites acme and beta on host web1 both use domain acme\.org \(acme \w+ site:domain at .*acme\/profiles\/etc\/defines\.cfg:\d+, beta \w+ site:domain\)$/);
  });

  it('check --manifest refuses a site on a host the manifest does not have, naming the entry', function () {
    const dir = factoryDir([{ name: 'acme', host: 'web9' }]);
    const r = plonefactory(dir, ['check', '--manifest', 'sites.json']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /sites\.json: sites\[0\] \(acme\): host "web9" is not allowed; choose one of the manifest's hosts: web1, web2/);
  });

  it('a host\'s front owns its public ports: a site with its own front on them is refused by the factory, and found by check --manifest through a hand edit', function () {
    const dir = factoryDir([{ name: 'acme', host: 'web1', domain: 'acme.org' }, { name: 'beta', host: 'web1', domain: 'beta.org', front: 'own' }]);
    refused(dir, ['factory', 'sites.json'], /^plonefactory: the front of host web1 \(sites\.json: hosts\.web1\) and sites\.json: sites\[1\] \(beta\)'s own front on host web1 both listen on port 80; let the site use the host's front/);
    writeManifest(dir, [{ name: 'acme', host: 'web1', domain: 'acme.org' }, { name: 'beta', host: 'web1', domain: 'beta.org', front: 'own', 'public-http': 8000, 'public-https': 8443 }]);
    assert.equal(plonefactory(dir, ['factory', 'sites.json']).status, 0);
    assert.deepEqual(check(dir), { status: 0, findings: [] });
    const production = join(dir, 'beta/profiles/production.cfg');
    writeFileSync(production, readFileSync(production, 'utf8').replace('https-port = 8443', 'https-port = 443'));
    const { status, findings } = check(dir);
    assert.equal(status, 1);
    const line = readFileSync(production, 'utf8').split('\n').indexOf('https-port = 443') + 1;
    assert.deepEqual(findings.map((f) => [f.file, f.line, f.code]), [[production, line, 'port-conflict']]);
    assert.match(findings[0]!.message, /^the front of host web1 and site beta both use port 443 \(hosts\.web1\.https-port in .*sites\.json, beta production front:https-port\)/);
  });

  it('refuses an alias another site on the host claims, and a front server the catalog does not have', function () {
    const dir = factoryDir([{ name: 'acme', host: 'web1', domain: 'acme.org', aliases: ['beta.org'] }, { name: 'beta', host: 'web1', domain: 'beta.org' }]);
    refused(dir, ['factory', 'sites.json'], /sites\[0\] \(acme\) and sites\.json: sites\[1\] \(beta\) on host web1 both claim domain "beta\.org"/);
    writeFileSync(join(dir, 'sites.json'), JSON.stringify({ hosts: { web1: { address: '10.0.0.11', front: 'caddy' } }, sites: [{ name: 'acme', host: 'web1' }] }));
    refused(dir, ['factory', 'sites.json'], /^plonefactory: sites\.json: hosts\.web1: front "caddy" is not allowed; choose one of: nginx, apache$/);
  });

  it('a host\'s front follows its sites: a site that takes its own front back leaves it and serves TLS itself; with no site on a front, no hosts/ is written', function () {
    const dir = factoryDir([{ name: 'acme', host: 'web1', domain: 'acme.org' }]);
    assert.equal(plonefactory(dir, ['factory', 'sites.json']).status, 0);
    const snippet = join(dir, 'hosts/web1/nginx/sites-available/plonefactory-acme.conf');
    assert.match(readFileSync(snippet, 'utf8'), /server_name acme\.org;/);
    assert.doesNotMatch(readFileSync(join(dir, 'acme/templates/nginx.conf.in'), 'utf8'), /ssl_certificate/);
    writeManifest(dir, [{ name: 'acme', host: 'web1', domain: 'acme.org', front: 'own' }]);
    const r = plonefactory(dir, ['factory', 'sites.json']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!existsSync(snippet), 'the host front no longer serves acme');
    assert.match(readFileSync(join(dir, 'acme/templates/nginx.conf.in'), 'utf8'), /ssl_certificate \$\{front:certificate\};/);
    const alone = factoryDir([{ name: 'acme', host: 'web1', domain: 'acme.org', front: 'own' }]);
    assert.equal(plonefactory(alone, ['factory', 'sites.json']).status, 0);
    assert.ok(!existsSync(join(alone, 'hosts')));
  });
});
