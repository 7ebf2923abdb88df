// The factory's host fronts judged by the real servers: per host, one nginx (web1) and one
// apache (web2) load all the generated snippets of their three sites (`nginx -t`,
// `apache2 -t`), then serve them on loopback: https for three domains through one front (SNI:
// each site's own self-signed certificate), each request reaching its own site's stand-in
// on the site's first-hop port with its own VirtualHostMonster path; http redirects to https
// and the ACME webroot answers. The front and its snippets are the factory's, unchanged; the
// sites' chains behind it are stand-ins (the deploy tests run real ones).
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HostFrontServer } from '../../lib/catalog/front.js';
import { plonefactory } from '../support/cli.js';
import { writeHostMain } from '../support/host-front.js';
import { requireTool } from '../support/real-tools.js';
import { checkConfig, httpGet, httpsGet, pickFreeBase, startServer, startStubBackend, stopAllServers, type RunningServer, type StubBackend } from '../support/servers.js';
import { AS_ROOT } from '../support/service-user.js';
import { selfSignedPair } from '../support/tls.js';

const HOSTS: Record<string, HostFrontServer> = { web1: 'nginx', web2: 'apache' };
// Three kinds of chain behind a front: an nginx, an apache, and a cache as the first hop.
const STACKS = [{ http: 'nginx' }, { http: 'apache', cache: 'squid' }, { http: 'none', cache: 'varnish' }] as const;
const FIRST_HOP_OFFSET = [0, 0, 1];

interface Site { name: string; host: string; domain: string; base: number; firstHop: number; ca: string }

describe('host fronts: one real nginx and one real apache per host, three sites each', function () {
  this.timeout(60_000);
  let root = '';
  let factory = '';
  const sites: Site[] = [];
  const fronts: Record<string, { http: number; https: number; acme: string }> = {};
  const dir = (host: string): string => path.join(factory, 'hosts', host, HOSTS[host] === 'nginx' ? 'nginx' : 'apache2');
  const includes = (host: string): string[] => [...(HOSTS[host] === 'apache' ? [path.join(dir(host), 'conf-available', '*.conf')] : []), path.join(dir(host), 'sites-available', '*.conf')];

  before(async function () {
    for (const t of ['nginx', 'apache2', 'openssl'] as const) requireTool(this, t);
    root = mkdtempSync(path.join(os.tmpdir(), 'pf-host-front-'));
    chmodSync(root, 0o755);
    factory = path.join(root, 'factory');
    mkdirSync(factory);
    const bases: number[] = [];
    const hosts: Record<string, unknown> = {};
    const manifestSites: unknown[] = [];
    for (const [host, server] of Object.entries(HOSTS)) {
      const frontBase = await pickFreeBase(1, '127.0.0.1', bases);
      bases.push(frontBase);
      fronts[host] = { http: frontBase + 5, https: frontBase + 6, acme: path.join(root, `acme-${host}`) };
      hosts[host] = { address: '127.0.0.1', front: server, bind: '127.0.0.1', 'http-port': frontBase + 5, 'https-port': frontBase + 6, 'acme-webroot': fronts[host]!.acme };
      for (const [i, stack] of STACKS.entries()) {
        const base = await pickFreeBase(2, '127.0.0.1', bases);
        bases.push(base);
        const name = `${host}s${i + 1}`;
        const domain = `${name}.example.org`;
        const aliases = i === 0 ? [`www.${domain}`] : [];
        const tls = selfSignedPair(path.join(root, 'tls', domain), domain, aliases);
        sites.push({ name, host, domain, base, firstHop: base + FIRST_HOP_OFFSET[i]!, ca: readFileSync(tls.certificate, 'utf8') });
        manifestSites.push({ name, host, domain, 'port-base': base, ...stack, certificate: tls.certificate, 'certificate-key': tls.key, aliases });
      }
    }
    writeFileSync(path.join(factory, 'sites.json'), JSON.stringify({ defaults: { profile: 'production' }, deploy: false, hosts, sites: manifestSites }));
    const r = plonefactory(factory, ['factory', 'sites.json']);
    assert.equal(r.status, 0, r.stderr);
  });

  after(async function () {
    await stopAllServers();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  for (const [host, server] of Object.entries(HOSTS)) {
    describe(`${host}: ${server}`, function () {
      let front: RunningServer | undefined;
      const stubs: StubBackend[] = [];
      const work = (): string => path.join(root, `run-${host}`);

      after(async function () {
        await front?.stop();
        await Promise.all(stubs.map((s) => s.close()));
      });

      it(`the real ${server} loads all the host's site snippets (${server === 'nginx' ? 'nginx -t' : 'apache2 -t'})`, function () {
        assert.deepEqual(readdirSync(path.join(dir(host), 'sites-available')).sort(), sites.filter((s) => s.host === host).map((s) => `plonefactory-${s.name}.conf`).sort());
        const main = writeHostMain(server, work(), includes(host));
        const check = checkConfig(server, main, work());
        assert.ok(check.ok, `$ ${check.command}\n${check.output}`);
      });

      it('serves three domains over https (SNI), each to its own site with its own VirtualHostMonster path', async function () {
        const on = sites.filter((s) => s.host === host);
        for (const s of on) stubs.push(await startStubBackend(s.name, s.firstHop));
        const f = fronts[host]!;
        front = await startServer(server, writeHostMain(server, work(), includes(host)), work(), { listen: { host: '127.0.0.1', port: f.https } });
        for (const s of on) {
          const names = s.name.endsWith('s1') ? [s.domain, `www.${s.domain}`] : [s.domain];
          for (const name of names) {
            const p = `/news/${s.name}?n=${name.length}`;
            const r = await httpsGet('127.0.0.1', f.https, p, { ca: s.ca, servername: name });
            assert.equal(r.status, 200, r.body);
            assert.equal(r.body.trim(), s.name, `${name} is answered by its own site`);
            const stub = stubs.find((b) => b.name === s.name)!;
            assert.equal(stub.requests.at(-1)?.url, `/VirtualHostBase/https/${name}:${f.https}/Plone/VirtualHostRoot${p}`);
          }
          const redirect = await httpGet('127.0.0.1', f.http, '/a/page?x=1', { Host: s.domain });
          assert.equal(redirect.status, 301);
          assert.equal(redirect.headers.location, `https://${s.domain}:${f.https}/a/page?x=1`);
        }
        for (const stub of stubs) assert.ok(stub.requests.every((r) => r.url.includes(`/${stub.name}?`)), `${stub.name} got only its own site's requests`);

        const token = `token-${process.pid}`;
        const challenge = path.join(f.acme, '.well-known', 'acme-challenge');
        mkdirSync(challenge, { recursive: true });
        writeFileSync(path.join(challenge, token), `${token}.key`, { mode: 0o644 });
        if (AS_ROOT) for (const d of [f.acme, path.dirname(challenge), challenge]) chmodSync(d, 0o755);
        const acme = await httpGet('127.0.0.1', f.http, `/.well-known/acme-challenge/${token}`, { Host: on[1]!.domain });
        assert.equal(acme.status, 200, acme.body);
        assert.equal(acme.body, `${token}.key`);
      });
    });
  }
});
