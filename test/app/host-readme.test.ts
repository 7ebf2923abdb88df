// The generated README's bootstrap and "What a host needs", judged against the catalog
// (servers, modules' build packages, pound's source build), against the resolved profiles
// (which installed parts call crontab or pg_dump), and against apt itself (every Debian
// package it names exists in Debian 12).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolveProjectProfile } from '../../lib/buildout/offline-profile.js';
import { modeForLine } from '../../lib/buildout/project-mode.js';
import { BOOTSTRAP, HOST_COMMANDS } from '../../lib/catalog/host.js';
import { isUnsupported, moduleFor, MODULES } from '../../lib/catalog/modules.js';
import { PLONE_LINES, type PloneLineName } from '../../lib/catalog/plone-lines.js';
import { COMPONENTS, type ComponentName } from '../../lib/catalog/stack.js';
import type { Answers } from '../../lib/project/answers.js';
import { chosenComponents } from '../../lib/project/layout.js';
import { planProject } from '../../lib/project/plan.js';
import { loadOrCreateSecrets } from '../../lib/project/secrets.js';
import { answersWith } from '../support/project.js';
import { requireTool } from '../support/real-tools.js';

const PROFILES = ['development', 'standalone', 'preproduction', 'production'];
const SERVER_PROFILES = new Set(['preproduction', 'production']);
const DIR = '/nonexistent/acme';

/** Catalog modules of a line that need Debian build packages, plus one that needs none. */
function modulesWithPackages(line: PloneLineName): string[] {
  const withPackages = Object.keys(MODULES).filter((m) => {
    const spec = moduleFor(m, line);
    return spec !== undefined && !isUnsupported(spec) && (spec.systemPackages ?? []).length > 0;
  });
  assert.ok(withPackages.length > 0, `the catalog has no module with Debian build packages for ${line}`);
  return [...withPackages, 'easyform'].filter((m) => { const spec = moduleFor(m, line); return spec !== undefined && !isUnsupported(spec); });
}

const CASES: Array<Partial<Answers> & { plone: PloneLineName }> = [
  { plone: '6.2' },
  { plone: '6.2', http: 'apache', cache: 'squid', balancer: 'pound', storage: 'relstorage', modules: modulesWithPackages('6.2') },
  { plone: '6.1', http: 'nginx', cache: 'none', balancer: 'pound', modules: ['ldap'] },
  { plone: '6.0', http: 'none', cache: 'varnish', balancer: 'haproxy', storage: 'relstorage' },
  { plone: '5.2', balancer: 'pound', modules: modulesWithPackages('5.2') },
  { plone: '4.3', http: 'apache', cache: 'varnish', balancer: 'pound', storage: 'relstorage', modules: modulesWithPackages('4.3') },
];

interface Readme {
  text: string;
  bootstrapApt: string[];
  rows: Map<string, { packages: string[]; fromSource: string[] }>;
  /** Per server built from source: its build packages and its code block. */
  builds: Map<string, { apt: string[]; code: string[] }>;
}

const section = (text: string, heading: string): string => {
  const start = text.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has no "${heading}"`);
  const rest = text.slice(start + heading.length + 2);
  const end = rest.search(/\n#{2,3} /);
  return end < 0 ? rest : rest.slice(0, end);
};
const aptLine = (text: string): string[] => {
  const m = /^ {4}apt-get install -y (.+)$/m.exec(text);
  assert.ok(m, `no apt-get line in:\n${text}`);
  return m[1]!.split(' ');
};
const codeLines = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('    ')).map((l) => l.slice(4));

function readme(text: string): Readme {
  const rows = new Map<string, { packages: string[]; fromSource: string[] }>();
  for (const m of section(text, '## What a host needs').matchAll(/^\| ([a-z0-9_-]+) \| (.*) \|$/gm)) {
    if (m[1] === 'profile') continue;
    const [packages, built] = m[2]!.split(/,? ?and (?=\S+ built from source)/);
    const fromSource = built ? built.replace(/ built from source \(below\)$/, '').split(', ') : [];
    rows.set(m[1]!, { packages: packages === '(none)' || !packages ? [] : packages.split(' '), fromSource });
  }
  const builds = new Map<string, { apt: string[]; code: string[] }>();
  for (const m of text.matchAll(/^### (\S+), built from source$/gm)) {
    const body = section(text, m[0]);
    builds.set(m[1]!, { apt: aptLine(body), code: codeLines(body).filter((l) => !l.startsWith('apt-get')) });
  }
  return { text, bootstrapApt: aptLine(section(text, '## Bootstrap')), rows, builds };
}

function plan(a: Answers): Map<string, string> {
  return new Map(planProject({ answers: a, secrets: loadOrCreateSecrets(null) }).map((f) => [f.path, f.content]));
}

/** The Debian packages the installed parts of a resolved profile need, by the commands they call. */
function commandPackages(files: Map<string, string>, a: Answers, profile: string): Set<string> {
  const read = (p: string): string | null => (p.startsWith(`${DIR}/`) ? files.get(p.slice(DIR.length + 1)) ?? null : null);
  const resolved = resolveProjectProfile(DIR, profile, modeForLine(a.plone), read);
  const needed = new Set<string>();
  for (const part of resolved.installOrder) {
    const options = Object.entries(resolved.sections[part] ?? {}).map(([k, v]) => `${k} = ${v}`).join('\n');
    for (const c of HOST_COMMANDS) if (c.usedBy.test(options)) needed.add(c.debian);
  }
  return needed;
}

describe('the generated README says what a host needs, as the catalog and the profiles have it', function () {
  this.timeout(60_000);

  for (const c of CASES) {
    const a = answersWith(c);
    const label = `${a.plone}: ${[a.http, a.cache, a.balancer].join(' -> ')}, ${a.storage}, modules [${a.modules.join(', ')}]`;
    it(label, function () {
      const files = plan(a);
      const r = readme(files.get('README.md')!);
      const boot = BOOTSTRAP[a.plone];

      assert.deepEqual(r.bootstrapApt, [...boot.debian], 'the bootstrap apt-get line is the catalog\'s');
      const bootCode = codeLines(section(r.text, '## Bootstrap')).filter((l) => !l.startsWith('apt-get'));
      assert.deepEqual(bootCode, [...boot.commands], 'the bootstrap commands are the catalog\'s, in order');

      const servers = chosenComponents(a).map((n: ComponentName) => COMPONENTS[n]);
      const serverPackages = new Set(Object.values(COMPONENTS).flatMap((x) => (x.debian ? [x.debian] : [])));
      assert.deepEqual([...r.rows.keys()], PROFILES);
      for (const profile of PROFILES) {
        const row = r.rows.get(profile)!;
        const isServer = SERVER_PROFILES.has(profile);
        const expected = new Set<string>(commandPackages(files, a, profile));
        if (isServer) for (const s of servers) if (s.debian) expected.add(s.debian);
        const modules = new Set([...a.modules, ...(isServer && a.storage === 'relstorage' ? ['relstorage'] : [])]);
        for (const m of modules) {
          const spec = moduleFor(m, a.plone);
          assert.ok(spec && !isUnsupported(spec));
          for (const p of spec.systemPackages ?? []) expected.add(p);
        }
        assert.deepEqual(new Set(row.packages), expected, `${profile}: its servers, the commands its parts call, its modules' build packages, nothing else`);
        if (!isServer) assert.ok(row.packages.every((p) => !serverPackages.has(p)), `${profile} runs no server`);
        assert.deepEqual(row.fromSource, isServer ? servers.filter((s) => !s.debian).map((s) => s.name) : [], `${profile}: servers built from source`);
      }

      const pound = COMPONENTS.pound;
      const build = r.builds.get('pound');
      if (a.balancer !== 'pound') {
        assert.equal(build, undefined, 'no pound, no pound build');
        return;
      }
      assert.ok(build, 'a project with pound says how to build it');
      assert.deepEqual(build.apt, [...pound.fromSource!.buildPackages]);
      assert.deepEqual(build.code, [...pound.fromSource!.steps, `install -m755 ${pound.fromSource!.built} ${pound.binary}`]);
      // The command the README names is the program the production profile's supervisor runs.
      const resolved = resolveProjectProfile(DIR, 'production', modeForLine(a.plone), (p) => files.get(p.slice(DIR.length + 1)) ?? null);
      const said = /supervisor runs it as `([^`]+)`/.exec(section(r.text, '### pound, built from source'))![1]!;
      const [bin, ...args] = said.split(' ');
      const program = resolved.sections.supervisor!.programs!.split('\n').find((l) => l.includes(' pound '));
      assert.ok(program, 'production runs pound under supervisor');
      assert.ok(program.includes(`${bin} [${args.join(' ').replace('etc/', `${DIR}/etc/`)}]`), `README says ${said}; supervisor runs: ${program}`);
    });
  }
});

describe('every Debian package a generated README names exists in Debian (apt-cache show)', function () {
  this.timeout(60_000);

  it('for every Plone line, stack and module with build packages', function () {
    requireTool(this, 'apt-cache');
    const names = new Set<string>();
    for (const line of PLONE_LINES) {
      for (const balancer of ['haproxy', 'pound'] as const) {
        const a = answersWith({ plone: line, http: 'apache', cache: 'squid', balancer, storage: 'relstorage', modules: modulesWithPackages(line) });
        const r = readme(plan(a).get('README.md')!);
        for (const p of r.bootstrapApt) names.add(p);
        for (const row of r.rows.values()) for (const p of row.packages) names.add(p);
        for (const b of r.builds.values()) for (const p of b.apt) names.add(p);
      }
      const defaults = readme(plan(answersWith({ plone: line })).get('README.md')!);
      for (const row of defaults.rows.values()) for (const p of row.packages) names.add(p);
    }
    // One call for all (apt-cache reads its whole cache each time): a name it does not know is
    // reported on stderr, and a purely virtual one has no Package stanza, which apt-get install refuses too.
    const r = spawnSync('apt-cache', ['show', '--no-all-versions', ...names], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C' } });
    assert.ok(r.error === undefined, String(r.error));
    const found = new Set([...r.stdout.matchAll(/^Package: (\S+)$/gm)].map((m) => m[1]!));
    const missing = [...names].filter((n) => !found.has(n));
    if (missing.length) missing.push(`(apt-cache said: ${r.stderr.trim()})`);
    assert.deepEqual(missing, [], `packages a README names that apt does not know (of ${names.size}: ${[...names].join(' ')})`);
  });
});
