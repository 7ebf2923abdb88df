// `plonefactory stack LEVEL COMPONENT`: every level x every component (none included), from
// a default project and from one with no stack at all. Each switched project must resolve in
// real zc.buildout with exactly the promised component parts and supervisor programs, its
// rendered configs must pass the real servers' checks, and switching back must restore every
// file byte for byte. Yeoman-test drives the matrix (fast); the bin drives the errors.
import { strict as assert } from 'node:assert';
import { appendFileSync, chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import helpers from 'yeoman-test';
import { COMPONENTS, COMPONENTS_BY_LEVEL, LEVELS, type ComponentName, type Level } from '../../lib/catalog/stack.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { renderRecipeTemplate } from '../../lib/stack/render-template.js';
import { lines, profileRoot, resolveWithBuildout, type Resolved } from '../support/buildout.js';
import { plonefactory, snapshot, tempDir } from '../support/cli.js';
import { requireTool } from '../support/real-tools.js';
import { checkConfig, prepareWorkDir, TOOL_OF, writeRendered, type CheckResult } from '../support/servers.js';
import { SERVICE_GROUP, SERVICE_USER } from '../support/service-user.js';

const GEN = join(PACKAGE_ROOT, 'dist', 'generators', 'stack', 'index.js');
const PROFILES = ['development', 'standalone', 'preproduction', 'production'] as const;
type Stack = Record<Level, string>;

/** Build artefacts (git-ignored): real buildout and the config checks create them. */
const ARTEFACT = /^(\.resolve-|bin\/|parts\/|eggs\/|develop-eggs\/|etc\/|var\/)/;

/** Project files -> content and mode, without mtimes and artefacts. */
function files(dir: string): Map<string, string> {
  return new Map([...snapshot(dir)].filter(([p]) => !ARTEFACT.test(p)).map(([p, v]) => [p, v.slice(v.indexOf(' ') + 1)]));
}

function newProject(args: string[]): string {
  const dir = tempDir('acme');
  mkdirSync(dir);
  const r = plonefactory(dir, ['--defaults', ...args]);
  assert.equal(r.status, 0, r.stderr);
  return dir;
}

function copyOf(src: string): string {
  const dir = tempDir('acme');
  cpSync(src, dir, { recursive: true });
  return dir;
}

async function stack(dir: string, level: string, choice: string): Promise<void> {
  await helpers.run(GEN).cd(dir).withArguments([level, choice]);
}

const stored = (dir: string): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8')) as Record<string, Record<string, unknown>>)['generator-plonefactory'] ?? {};

/** What each profile must run, from the issue: the chosen components, nothing of the others. */
function assertStack(r: Resolved | undefined, stackOf: Stack, where: string): void {
  assert.ok(r?.ok, `${where}: ${r && !r.ok ? `${r.kind}: ${r.message}` : 'not resolved'}`);
  const chosen = LEVELS.map((l) => stackOf[l]).filter((c) => c !== 'none');
  const all = LEVELS.flatMap((l) => [...COMPONENTS_BY_LEVEL[l]]);
  for (const c of all) assert.equal(r.parts.includes(`${c}-conf`), chosen.includes(c), `${where}: part ${c}-conf in ${r.parts.join(' ')}`);
  const programs = lines(r.sections['supervisor']?.['programs']).map((l) => l.split(/\s+/)[1]);
  assert.deepEqual([...programs].sort(), ['instance1', 'instance2', 'instance-debug', 'zeoserver', ...chosen].sort(), `${where}: supervisor programs`);
  for (const c of chosen) {
    const conf: Record<string, string> | undefined = r.sections[`${c}-conf`];
    assert.equal(conf?.['input'], join(dirOf(r), 'templates', `${COMPONENTS[c as ComponentName].config}.in`), `${where}: ${c} template`);
  }
}

const dirOf = (r: Resolved): string => r.config.slice(0, r.config.lastIndexOf('/'));

interface Case { from: string; start: Stack; level: Level; choice: string; dir: string; original: Map<string, string> }

describe('plonefactory stack: every level x every component, in real zc.buildout and real servers', function () {
  this.timeout(120_000);
  const cases: Case[] = [];
  const resolved = new Map<string, Resolved>();

  before(async function () {
    requireTool(this, 'buildout');
    const starts: Array<[string, Stack, string[]]> = [
      ['default', { http: 'nginx', cache: 'varnish', balancer: 'haproxy' }, []],
      ['all-none', { http: 'none', cache: 'none', balancer: 'none' }, ['--http', 'none', '--cache', 'none', '--balancer', 'none']],
    ];
    for (const [from, start, args] of starts) {
      const base = newProject(args);
      const original = files(base);
      for (const level of LEVELS) {
        for (const choice of [...COMPONENTS_BY_LEVEL[level], 'none']) {
          const dir = copyOf(base);
          await stack(dir, level, choice);
          cases.push({ from, start, level, choice, dir, original });
        }
      }
    }
    const configs = cases.flatMap((c) => PROFILES.map((p) => profileRoot(c.dir, p)));
    const results = await resolveWithBuildout(configs);
    configs.forEach((cfg, i) => resolved.set(cfg, results[i]!));
  });

  it('stores the new component, and every profile resolves with exactly its parts and programs', function () {
    for (const c of cases) {
      const where = `${c.from} -> ${c.level} ${c.choice}`;
      const want = { ...c.start, [c.level]: c.choice };
      assert.equal(stored(c.dir)[c.level], c.choice, `${where}: .yo-rc.json`);
      for (const p of PROFILES) {
        const r = resolved.get(join(c.dir, `.resolve-${p}.cfg`));
        if (p === 'preproduction' || p === 'production') assertStack(r, want, `${where} ${p}`);
        else {
          assert.ok(r?.ok, `${where} ${p}: ${r && !r.ok ? r.message : ''}`);
          assert.ok(!r.parts.some((x) => x.endsWith('-conf')), `${where} ${p}: no stack in ${r.parts.join(' ')}`);
        }
      }
      // a component's fragment and template exist exactly while it is chosen
      const have = files(c.dir);
      for (const level of LEVELS) {
        for (const comp of COMPONENTS_BY_LEVEL[level]) {
          const on = want[level] === comp;
          assert.equal(have.has(`profiles/stack/${comp}.cfg`), on, `${where}: profiles/stack/${comp}.cfg`);
          assert.equal(have.has(`templates/${COMPONENTS[comp].config}.in`), on, `${where}: templates/${COMPONENTS[comp].config}.in`);
        }
      }
    }
  });

  it('renders configs the real servers accept, chained to the right neighbours', function () {
    const checked = new Map<string, CheckResult>();
    for (const c of cases) {
      const r = resolved.get(join(c.dir, '.resolve-production.cfg'));
      assert.ok(r?.ok);
      const want = { ...c.start, [c.level]: c.choice };
      const chosen = LEVELS.filter((l) => want[l] !== 'none');
      // run as root, varnishd and squid read their config as their own users: open the way
      if (process.getuid?.() === 0) chmodSync(dirname(c.dir), 0o755);
      prepareWorkDir(c.dir);
      chosen.forEach((level, i) => {
        const name = want[level] as ComponentName;
        const tool = TOOL_OF[name];
        if (tool) requireTool(this, tool);
        const input = readFileSync(join(c.dir, 'templates', `${COMPONENTS[name].config}.in`), 'utf8');
        // The project's [users] os is `plone`, a user this machine lacks: the host's user stands in.
        const text = renderRecipeTemplate(input, { ...r.sections, users: { os: SERVICE_USER, group: SERVICE_GROUP } }, `${name}-conf`);
        const ports = r.sections['ports'] ?? {};
        // the hop forwards to the next present level, or balances over the clients
        const next = chosen[i + 1];
        const targets = next ? [ports[next]] : [ports['instance1'], ports['instance2']];
        for (const port of targets) assert.ok(text.includes(`${port}`), `${c.from} -> ${c.level} ${c.choice}: ${name} forwards to ${port}`);
        if (next) assert.ok(!text.includes(`${ports['instance1']}`), `${name} must not skip to the clients`);
        const key = `${name}\n${text.split(c.dir).join('@DIR@')}`;
        let result = checked.get(key);
        if (!result) {
          result = checkConfig(name, writeRendered(c.dir, name, text), c.dir);
          checked.set(key, result);
        }
        assert.ok(result.ok, `${name} rejected (${c.from} -> ${c.level} ${c.choice}):\n$ ${result.command}\n${result.output}\n--- config ---\n${text}`);
      });
    }
  });

  it('switching back restores every file byte for byte', async function () {
    for (const c of cases) {
      await stack(c.dir, c.level, c.start[c.level]);
      const now = files(c.dir);
      assert.deepEqual([...now.keys()].sort(), [...c.original.keys()].sort(), `${c.from} -> ${c.level} ${c.choice} and back: the same files`);
      for (const [path, content] of c.original) assert.equal(now.get(path), content, `${c.from} -> ${c.level} ${c.choice} and back: ${path}`);
    }
  });
});

describe('plonefactory stack as a user runs it', function () {
  this.timeout(60_000);
  let base: string;
  before(function () {
    base = newProject([]);
  });

  it('keeps hand edits of a profile through a switch and back', function () {
    const dir = copyOf(base);
    const prod = join(dir, 'profiles/production.cfg');
    writeFileSync(join(dir, 'profiles/local.cfg'), '[site]\nid = Intranet\n');
    const text = readFileSync(prod, 'utf8')
      .replace('# Production:', '# Our production box, see the wiki.\n# Production:')
      .replace('    stack/haproxy.cfg\n', '    stack/haproxy.cfg\n    local.cfg\n');
    writeFileSync(prod, text);
    appendFileSync(prod, '\n[instance1]\n# more threads for the editors\nzserver-threads = 4\n');
    const edited = readFileSync(prod, 'utf8');
    const r = plonefactory(dir, ['stack', 'cache', 'squid']);
    assert.equal(r.status, 0, r.stderr);
    const after = readFileSync(prod, 'utf8');
    assert.match(after, /^# Our production box, see the wiki\.$/m);
    assert.match(after, /^ {4}stack\/squid\.cfg\n {4}stack\/haproxy\.cfg\n {4}local\.cfg$/m);
    assert.match(after, /^zserver-threads = 4$/m);
    assert.equal(after, edited.replace('stack/varnish.cfg', 'stack/squid.cfg'), 'only the extends entry changed (a rewritten header stays the user\'s)');
    // the untouched preproduction profile followed, header included
    assert.match(readFileSync(join(dir, 'profiles/preproduction.cfg'), 'utf8'), /^# behind nginx -> squid -> haproxy, all run by supervisor\.$/m);
    const back = plonefactory(dir, ['stack', 'cache', 'varnish']);
    assert.equal(back.status, 0, back.stderr);
    assert.equal(readFileSync(prod, 'utf8'), edited);
  });

  it('without arguments and no terminal: prints the chain, exits non-zero naming the arguments', function () {
    const dir = copyOf(base);
    const before = snapshot(dir);
    const r = plonefactory(dir, ['stack']);
    assert.equal(r.status, 1);
    assert.match(r.stdout + r.stderr, /client -> nginx :8080 -> varnish :8081 -> haproxy :8082 -> \{ instance1 :8091, instance2 :8092 \}/);
    assert.match(r.stderr, /^plonefactory: no terminal to ask on: pass LEVEL and COMPONENT, e\.g\. `plonefactory stack cache squid` \(http: nginx\|apache\|none; cache: varnish\|squid\|none; balancer: haproxy\|pound\|none\)$/m);
    assert.deepEqual(snapshot(dir), before);
  });

  it('asks for what is missing when it can ask, and leaves an unchanged level alone', async function () {
    const dir = copyOf(base);
    await helpers.run(GEN).cd(dir).withAnswers({ level: 'balancer', component: 'pound' });
    assert.equal(stored(dir)['balancer'], 'pound');
    await helpers.run(GEN).cd(dir).withArguments(['http']).withAnswers({ component: 'apache' });
    assert.equal(stored(dir)['http'], 'apache');
    const before = snapshot(dir);
    await stack(dir, 'http', 'apache');
    assert.deepEqual(snapshot(dir), before);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['an unknown level', ['stack', 'tier', 'nginx'], /^plonefactory: level "tier" is not allowed; choose one of: http, cache, balancer$/m],
    ['an unknown component', ['stack', 'cache', 'memcached'], /^plonefactory: cache component "memcached" is not allowed; choose one of: varnish, squid, none$/m],
    ['a component of another level', ['stack', 'http', 'varnish'], /^plonefactory: http component "varnish" is not allowed; choose one of: nginx, apache, none$/m],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} in one line, with nothing written`, function () {
      const dir = copyOf(base);
      const before = snapshot(dir);
      const r = plonefactory(dir, args);
      assert.equal(r.status, 1);
      assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('plonefactory: ')).length, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.deepEqual(snapshot(dir), before);
    });
  }

  it('refuses a switch that would extend two components of one level, with nothing written', async function () {
    // The user runs pound by hand next to the generated stack (balancer none): switching the
    // balancer to haproxy would extend both balancers in production.
    const dir = newProject(['--balancer', 'none']);
    mkdirSync(join(dir, 'profiles/stack'), { recursive: true });
    writeFileSync(join(dir, 'profiles/stack/pound.cfg'), '[buildout]\nparts +=\n    mypound\n\n[mypound]\nrecipe = collective.recipe.template\ninput = inline:\noutput = ${buildout:directory}/etc/mypound.cfg\n');
    const prod = join(dir, 'profiles/production.cfg');
    writeFileSync(prod, readFileSync(prod, 'utf8').replace('    stack/varnish.cfg\n', '    stack/varnish.cfg\n    stack/pound.cfg\n'));
    const before = snapshot(dir);
    const r = plonefactory(dir, ['stack', 'balancer', 'haproxy']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^plonefactory: balancer haproxy would make buildout go wrong: profiles\/production\.cfg:\d+: stack-level-conflict: two balancer components extended in one profile: profiles\/stack\/haproxy\.cfg and profiles\/stack\/pound\.cfg; keep one; nothing was written$/m);
    assert.deepEqual(snapshot(dir), before);
    await stack(dir, 'cache', 'squid'); // a switch that adds no problem still goes through
    assert.equal(stored(dir)['cache'], 'squid');
  });

  it('refuses to overwrite a hand-edited neighbour template, with nothing written', function () {
    const dir = copyOf(base);
    appendFileSync(join(dir, 'templates/nginx.conf.in'), '# tuned by hand\n');
    const before = snapshot(dir);
    const r = plonefactory(dir, ['stack', 'cache', 'none']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^plonefactory: hand edits in templates\/nginx\.conf\.in conflict with this run's changes; nothing was written/m);
    assert.deepEqual(snapshot(dir), before);
  });

  it('outside a project: one line, nothing written', function () {
    const dir = tempDir('empty');
    mkdirSync(dir);
    const r = plonefactory(dir, ['stack', 'cache', 'squid']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^plonefactory: .* is not a plonefactory project/m);
    assert.deepEqual([...snapshot(dir).keys()], []);
  });
});
