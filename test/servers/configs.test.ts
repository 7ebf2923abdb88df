// Every stack combination (http x cache x balancer, 'none' included): render each hop's
// template (EJS, then collective.recipe.template semantics) and run the server's own
// config checker on it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMPONENTS_BY_LEVEL, type ComponentName } from '../../lib/catalog/stack.js';
import { buildChain, type StackChoices } from '../../lib/stack/chain.js';
import { requireTool } from '../support/real-tools.js';
import { checkConfig, prepareWorkDir, renderHop, stackSections, TOOL_OF, writeRendered, type CheckResult } from '../support/servers.js';
import { derivePorts, frontPorts } from '../../lib/project/ports.js';
import type { Hop } from '../../lib/stack/chain.js';

const CLIENTS = 2;
const BASE = 41200;

const combos: StackChoices[] = [];
for (const http of [...COMPONENTS_BY_LEVEL.http, 'none'] as const)
  for (const cache of [...COMPONENTS_BY_LEVEL.cache, 'none'] as const)
    for (const balancer of [...COMPONENTS_BY_LEVEL.balancer, 'none'] as const) combos.push({ http, cache, balancer });

const PORTS = Object.fromEntries(derivePorts(BASE, CLIENTS)) as Record<string, number>;
const FRONT = frontPorts(BASE);

/** What every hop must say, whatever the server: where it listens, where it forwards, VHM only at the front. */
function assertShape(hop: Hop, text: string): void {
  const name = hop.component.name;
  const vhm = /\/VirtualHostBase\/https?\//;
  assert.ok(text.includes(String(PORTS[hop.listen.name])), `${name} listens on its ${hop.listen.name} port`);
  // The http level hands Zope the public front (https and its port); a cache or balancer in
  // front, its own scheme and port.
  const [scheme, port] = hop.component.level === 'http' ? ['https', FRONT.https] : ['http', PORTS[hop.listen.name]];
  if (hop.front) assert.ok(text.includes(`/VirtualHostBase/${scheme}/`) && text.includes(`:${port}/Plone/VirtualHostRoot`), `${name} (front) rewrites to the VirtualHostMonster with the public scheme and port`);
  else assert.ok(!vhm.test(text), `${name} (not front) passes the path on unchanged`);
  const clientPorts = hop.clients.map((c) => PORTS[c.name]!);
  if (hop.next) {
    assert.ok(text.includes(String(PORTS[hop.next.name])), `${name} forwards to the ${hop.next.name} port`);
  }
  for (const p of clientPorts) assert.equal(text.includes(String(p)), hop.next === null, `${name} ${hop.next ? 'must not talk to' : 'balances over'} client port ${p}`);
  // EJS treats a bare `%>` as a tag end: literal ones in the templates must be written `%%>`.
  if (name === 'apache') assert.match(text, /LogFormat "%h %l %u %t \\"%r\\" %>s %O /, 'apache LogFormat keeps %>s');
}

describe('stack templates pass the real servers\' config checks (all 27 combinations)', function () {
  this.timeout(60_000);
  let workDir: string;
  // The same rendered text needs checking once (identical hops recur across combinations).
  const checked = new Map<string, CheckResult>();

  before(function () {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'plonefactory-configs-'));
    prepareWorkDir(workDir);
  });
  after(function () {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  for (const stack of combos) {
    const label = `${stack.http} -> ${stack.cache} -> ${stack.balancer}`;
    it(label, function () {
      const chain = buildChain(stack, CLIENTS);
      if (stack.http === 'none' && stack.cache === 'none' && stack.balancer === 'none') {
        assert.deepEqual(chain, [], 'no components, no hops');
        return;
      }
      for (const hop of chain) {
        requireTool(this, TOOL_OF[hop.component.name as ComponentName]);
      }
      const sections = stackSections({ base: BASE, clients: CLIENTS, workDir });
      for (const hop of chain) {
        const name = hop.component.name as ComponentName;
        const text = renderHop(hop, chain, sections);
        assert.ok(!/\$\{/.test(text), `${name}: unresolved \${ in rendered config`);
        assertShape(hop, text);
        const key = `${name}\n${text}`;
        let result = checked.get(key);
        if (!result) {
          const file = writeRendered(workDir, name, text, `.${checked.size}`);
          result = checkConfig(name, file, workDir);
          checked.set(key, result);
        }
        assert.ok(result.ok, `${name} config rejected (${label}, front=${hop.front}, next=${hop.next?.name ?? 'clients'}):\n$ ${result.command}\n${result.output}\n--- config ---\n${text}`);
      }
    });
  }
});

describe('the config checkers are real (they reject broken configs)', function () {
  this.timeout(30_000);
  let workDir: string;
  before(function () {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'plonefactory-broken-'));
    prepareWorkDir(workDir);
  });
  after(function () {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  const breakers: Record<ComponentName, (t: string) => string> = {
    nginx: (t) => t.replace('daemon off;', 'daemon off;\nno_such_directive on;'),
    apache: (t) => `${t}\nNoSuchDirective On\n`,
    varnish: (t) => `${t}\nsub vcl_hit {\n    set req.no_such_variable = 1;\n}\n`,
    squid: (t) => `${t}\nno_such_option on\n`,
    haproxy: (t) => `${t}    no-such-keyword\n`,
    pound: (t) => t.replace(/End\s*$/, ''),
  };
  const singles: Record<ComponentName, StackChoices> = {
    nginx: { http: 'nginx', cache: 'none', balancer: 'none' },
    apache: { http: 'apache', cache: 'none', balancer: 'none' },
    varnish: { http: 'none', cache: 'varnish', balancer: 'none' },
    squid: { http: 'none', cache: 'squid', balancer: 'none' },
    haproxy: { http: 'none', cache: 'none', balancer: 'haproxy' },
    pound: { http: 'none', cache: 'none', balancer: 'pound' },
  };
  for (const name of Object.keys(breakers) as ComponentName[]) {
    it(`${name}`, function () {
      requireTool(this, TOOL_OF[name]);
      const chain = buildChain(singles[name], CLIENTS);
      const text = renderHop(chain[0]!, chain, stackSections({ base: BASE, clients: CLIENTS, workDir }));
      const good = checkConfig(name, writeRendered(workDir, name, text, '.good'), workDir);
      assert.ok(good.ok, good.output);
      const bad = checkConfig(name, writeRendered(workDir, name, breakers[name](text), '.bad'), workDir);
      assert.ok(!bad.ok, `${name} checker accepted a broken config:\n$ ${bad.command}\n${bad.output}`);
    });
  }

  it('rendering names a buildout reference the project does not define', function () {
    const chain = buildChain({ http: 'nginx', cache: 'none', balancer: 'none' }, CLIENTS);
    const { site: _site, ...noSite } = stackSections({ base: BASE, clients: CLIENTS, workDir });
    assert.throws(() => renderHop(chain[0]!, chain, noSite), /The referenced section, 'site', was not defined\./);
    const fewer = stackSections({ base: BASE, clients: 1, workDir });
    assert.throws(() => renderHop(chain[0]!, chain, fewer), /Referenced option does not exist: hosts instance2/);
  });
});
