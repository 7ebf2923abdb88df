// End to end: real servers from the rendered templates, chained on 127.0.0.1 in front of
// two stub Zope clients. Requests go in at the front hop and must reach the clients with
// the VirtualHostMonster path, spread over both, and keep working when one client stops.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ComponentName } from '../../lib/catalog/stack.js';
import type { StackChoices } from '../../lib/stack/chain.js';
import { requireTool } from '../support/real-tools.js';
import { httpGet, httpRequest, httpsGet, sleep, startStack, stopAllServers, TOOL_OF, type RunningStack, type StubRequest } from '../support/servers.js';

const CLIENTS = 2;
const SITE = 'Plone';
let nonce = 0;
const unique = (p: string) => `${p}?nonce=${process.pid}-${Date.now()}-${++nonce}`;

function label(stack: StackChoices): string {
  return [stack.http, stack.cache, stack.balancer].filter((c) => c !== 'none').join(' -> ');
}

function arrivals(stack: RunningStack, url: string): Array<{ stub: string; req: StubRequest }> {
  return stack.stubs.flatMap((s) => s.requests.filter((r) => r.url === url).map((req) => ({ stub: s.name, req })));
}

function e2e(choices: StackChoices, opts: { required: boolean }) {
  const components = [choices.http, choices.cache, choices.balancer].filter((c): c is ComponentName => c !== 'none');
  const cache = components.find((c) => c === 'varnish' || c === 'squid');

  describe(`${opts.required ? 'end to end' : 'end to end (role check)'}: ${label(choices)} -> 2 clients`, function () {
    this.timeout(30_000);
    let workDir: string | undefined;
    let stack: RunningStack | undefined;
    // The http level gives Zope its public front (https and the public https port); a cache or
    // balancer in front, its own scheme and port.
    const vhm = (host: string, rest: string) => {
      const pf = stack!.publicFront;
      return `/VirtualHostBase/${pf ? 'https' : 'http'}/${host}:${pf ? pf.httpsPort : stack!.front.port}/${SITE}/VirtualHostRoot${rest}`;
    };

    before(async function () {
      for (const c of components) requireTool(this, TOOL_OF[c]);
      workDir = mkdtempSync(path.join(os.tmpdir(), 'plonefactory-e2e-'));
      stack = await startStack(choices, { clients: CLIENTS, workDir });
    });

    afterEach(function () {
      if (this.currentTest?.state === 'failed' && stack) {
        for (const s of stack.servers) console.error(`--- ${s.command}\n${s.output().slice(-3000)}`);
        for (const s of stack.stubs) console.error(`--- stub ${s.name}: ${s.requests.map((r) => `${r.method} ${r.url}`).join('\n    ')}`);
      }
    });

    after(async function () {
      this.timeout(20_000);
      await stack?.stop();
      await stopAllServers();
      if (workDir) rmSync(workDir, { recursive: true, force: true });
    });

    it('rewrites to the VirtualHostMonster once, at the front, with the public host and port', async function () {
      const p1 = unique('/news/item');
      const r1 = await httpGet(stack!.front.host, stack!.front.port, p1);
      assert.equal(r1.status, 200, r1.body);
      const a1 = arrivals(stack!, vhm('127.0.0.1', p1));
      assert.equal(a1.length, 1, `expected ${vhm('127.0.0.1', p1)} at one stub once; stubs saw:\n${stack!.stubs.flatMap((s) => s.requests.map((r) => `${s.name} ${r.url}`)).join('\n')}`);
      assert.equal(r1.body.trim(), a1[0]!.stub, 'the answer comes from the stub that got the request');

      // A named virtual host: its port is dropped, the front hop's public port is used.
      const p2 = unique('/folder/page');
      const r2 = await httpGet(stack!.front.host, stack!.front.port, p2, { Host: `plone.example.org:${stack!.front.port}` });
      assert.equal(r2.status, 200, r2.body);
      assert.equal(arrivals(stack!, vhm('plone.example.org', p2)).length, 1, `expected ${vhm('plone.example.org', p2)}`);
    });

    if (choices.http !== 'none') {
      it('serves https with the certificate, redirects http to https, and serves ACME tokens from the webroot', async function () {
        requireTool(this, 'openssl');
        const pf = stack!.publicFront!;
        const p = unique('/secure/page');
        const r = await httpsGet(stack!.front.host, pf.httpsPort, p, { ca: pf.ca, servername: 'example.com' });
        assert.equal(r.status, 200, r.body);
        assert.equal(arrivals(stack!, vhm('example.com', p)).length, 1, `expected ${vhm('example.com', p)}`);

        const redirect = await httpGet(stack!.front.host, pf.httpPort, '/some/page?x=1', { Host: 'example.com' });
        assert.equal(redirect.status, 301);
        assert.equal(redirect.headers.location, `https://example.com:${pf.httpsPort}/some/page?x=1`);

        const token = `token-${process.pid}-${Date.now()}`;
        mkdirSync(path.join(pf.acmeWebroot, '.well-known', 'acme-challenge'), { recursive: true });
        writeFileSync(path.join(pf.acmeWebroot, '.well-known', 'acme-challenge', token), `${token}.key`);
        if (process.getuid?.() === 0) chmodSync(path.join(pf.acmeWebroot, '.well-known', 'acme-challenge', token), 0o644);
        const acme = await httpGet(stack!.front.host, pf.httpPort, `/.well-known/acme-challenge/${token}`, { Host: 'example.com' });
        assert.equal(acme.status, 200, acme.body);
        assert.equal(acme.body, `${token}.key`);
      });
    }

    it('spreads requests over both clients', async function () {
      const before = stack!.stubs.map((s) => s.vhmRequests().length);
      const answers: string[] = [];
      for (let i = 0; i < 8; i++) {
        const r = await httpGet(stack!.front.host, stack!.front.port, unique(`/spread/${i}`));
        assert.equal(r.status, 200, r.body);
        answers.push(r.body.trim());
      }
      const got = stack!.stubs.map((s, i) => s.vhmRequests().length - before[i]!);
      assert.equal(got.reduce((a, b) => a + b, 0), 8, `every request reached a client exactly once: ${got}`);
      for (const [i, s] of stack!.stubs.entries()) {
        assert.ok(got[i]! >= 2, `${s.name} got ${got[i]} of 8 requests (answers: ${answers.join(' ')})`);
        assert.equal(answers.filter((a) => a === s.name).length, got[i], `${s.name}'s answers match what it received`);
      }
    });

    if (cache) {
      it(`${cache} caches cacheable answers and PURGE from the clients' host evicts them`, async function () {
        const p = unique('/cacheable/doc');
        const first = await httpGet(stack!.front.host, stack!.front.port, p);
        assert.equal(first.status, 200);
        const url = vhm('127.0.0.1', p);
        const seen = arrivals(stack!, url);
        assert.equal(seen.length, 1);
        const second = await httpGet(stack!.front.host, stack!.front.port, p);
        assert.equal(second.status, 200);
        assert.equal(second.body, first.body);
        assert.equal(arrivals(stack!, url).length, 1, `second GET served by ${cache}, not by a client`);

        // plone.cachepurging sends PURGE for the VHM path straight to the cache, from a client's host.
        const cachePort = stack!.ports.cache!;
        const purge = await httpRequest('PURGE', '127.0.0.1', cachePort, url, { Host: seen[0]!.req.host ?? '' });
        assert.equal(purge.status, 200, `PURGE answered ${purge.status}: ${purge.body}`);
        const third = await httpGet(stack!.front.host, stack!.front.port, p);
        assert.equal(third.status, 200);
        assert.equal(arrivals(stack!, url).length, 2, 'after PURGE the next GET goes to a client again');
      });
    }

    it('keeps answering through the other client when one stops (health checks, retries)', async function () {
      const [gone, alive] = stack!.stubs;
      await gone!.close();
      const check = async (phase: string) => {
        for (let i = 0; i < 4; i++) {
          const r = await httpGet(stack!.front.host, stack!.front.port, unique(`/failover/${phase}/${i}`));
          assert.equal(r.status, 200, `${phase} request ${i}: ${r.status} ${r.body.slice(0, 200)}`);
          assert.equal(r.body.trim(), alive!.name);
        }
      };
      await check('at-once');
      // Long enough for the checks to mark it down (haproxy inter 1s fall 2, varnish probe
      // 2 of 3 at 2s, apache hcinterval 2; pound has no probe: a refused connection marks the
      // backend dead and the request goes to the other): requests must still go through.
      await sleep(2_500);
      await check('after-checks');
    });
  });
}

// The two chains the brief asks for, one with pound (built from source) as the balancer,
// then one stack per remaining role (a cache or balancer at the front, varnish/squid/nginx/
// apache balancing over the clients themselves).
e2e({ http: 'nginx', cache: 'varnish', balancer: 'haproxy' }, { required: true });
e2e({ http: 'apache', cache: 'squid', balancer: 'haproxy' }, { required: true });
e2e({ http: 'nginx', cache: 'varnish', balancer: 'pound' }, { required: true });
e2e({ http: 'none', cache: 'varnish', balancer: 'none' }, { required: false });
e2e({ http: 'none', cache: 'squid', balancer: 'none' }, { required: false });
e2e({ http: 'none', cache: 'none', balancer: 'haproxy' }, { required: false });
e2e({ http: 'none', cache: 'none', balancer: 'pound' }, { required: false });
e2e({ http: 'nginx', cache: 'none', balancer: 'none' }, { required: false });
e2e({ http: 'apache', cache: 'none', balancer: 'none' }, { required: false });
