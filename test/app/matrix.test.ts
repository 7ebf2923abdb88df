// Every Plone line x both storages x every component at each level (none included):
// each generated profile must be accepted by real zc.buildout with the parts it promises.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { PLONE, PLONE_LINES } from '../../lib/catalog/plone-lines.js';
import { RELEASE_PINS } from '../../lib/catalog/release-pins.js';
import { DEV_HELPER_EGGS } from '../../lib/catalog/dev-helpers.js';
import { COMPONENTS_BY_LEVEL, LEVELS } from '../../lib/catalog/stack.js';
import type { Answers } from '../../lib/project/answers.js';
import { lines, profileRoot, resolveWithBuildout, type Resolved, type Sections } from '../support/buildout.js';
import { answersWith, writeProject } from '../support/project.js';
import { requireTool } from '../support/real-tools.js';
import { extendsCache } from '../support/extends-cache.js';
import { tryResolve } from '../../lib/buildout/resolve.js';
import { newLoadCache, type LoadCache } from '../../lib/buildout/load.js';

const PROFILES = ['development', 'standalone', 'preproduction', 'production'] as const;
type Profile = (typeof PROFILES)[number];

function choices<L extends (typeof LEVELS)[number]>(level: L): Array<Answers[L]> {
  return [...COMPONENTS_BY_LEVEL[level], 'none'] as Array<Answers[L]>;
}

/** Every line x storage x http x cache x balancer: 270 projects. */
function matrix(): Answers[] {
  const out: Answers[] = [];
  let i = 0;
  for (const plone of PLONE_LINES)
    for (const storage of ['zeo', 'relstorage'] as const)
      for (const http of choices('http'))
        for (const cache of choices('cache'))
          for (const balancer of choices('balancer')) {
            i++;
            out.push(answersWith({ name: `site${i}`, plone, storage, http, cache, balancer, clients: 1 + (i % 3), portBase: 10000 + i * 100 }));
          }
  return out;
}

// What each profile must contain, written from the issue, not from the generator's code.
function expectedParts(a: Answers, profile: Profile): { present: string[]; absent: string[] } {
  const components = [a.http, a.cache, a.balancer].filter((c) => c !== 'none').map((c) => `${c}-conf`);
  const allComponents = LEVELS.flatMap((l) => COMPONENTS_BY_LEVEL[l].map((c) => `${c}-conf`));
  const clients = Array.from({ length: a.clients }, (_, i) => `instance${i + 1}`);
  if (profile === 'development') return { present: ['instance', 'test', 'omelette'], absent: ['supervisor', 'zeoserver', ...allComponents] };
  if (profile === 'standalone') return { present: ['instance', 'backup', 'backup-cron'], absent: ['supervisor', 'zeoserver', ...allComponents] };
  const storage = a.storage === 'zeo' ? ['zeoserver', 'backup', 'backup-cron', 'pack-cron'] : ['backup-cron'];
  return {
    present: ['supervisor', ...clients, ...storage, ...components],
    absent: ['instance', `instance${a.clients + 1}`, ...(a.storage === 'zeo' ? [] : ['zeoserver']), ...allComponents.filter((c) => !components.includes(c))],
  };
}

function unresolved(sections: Sections): string[] {
  const found: string[] = [];
  for (const [s, opts] of Object.entries(sections))
    for (const [o, v] of Object.entries(opts)) if (/(^|[^$])\$\{/.test(v)) found.push(`${s}:${o} = ${v}`);
  return found;
}

describe('generated profiles in real zc.buildout (every line x storage x component)', function () {
  const projects = matrix();
  const results = new Map<string, Resolved>();

  before(async function () {
    requireTool(this, 'buildout');
    const configs: string[] = [];
    for (const a of projects) {
      const dir = writeProject(a);
      for (const p of PROFILES) {
        const cfg = profileRoot(dir, p);
        configs.push(cfg);
        results.set(`${a.name}/${p}`, { config: cfg, ok: false, kind: 'NotRun', message: '' });
      }
    }
    const resolved = await resolveWithBuildout(configs);
    let i = 0;
    for (const a of projects) for (const p of PROFILES) results.set(`${a.name}/${p}`, resolved[i++]!);
  });

  it('our resolver agrees with real zc.buildout 2.13 on every one of these profiles, value for value', function () {
    const failures: string[] = [];
    // One load cache per project, as check and the bench use it: the profiles share the
    // merged pin chain, so this also proves that sharing changes no value.
    const caches = new Map<string, LoadCache>();
    for (const [key, theirs] of results) {
      if (!theirs.ok) continue; // the per-line tests report these
      const project = key.split('/')[0] as string;
      const cache = caches.get(project) ?? newLoadCache();
      caches.set(project, cache);
      const ours = tryResolve(theirs.config, { mode: '2.13', extendsCache: extendsCache(), cache });
      if (!ours.ok) {
        failures.push(`${key}: we failed with ${ours.error.kind}: ${ours.error.message}`);
        continue;
      }
      if (JSON.stringify(ours.resolved.parts) !== JSON.stringify(theirs.parts)) failures.push(`${key}: parts ${ours.resolved.parts.join(' ')} vs ${theirs.parts.join(' ')}`);
      for (const [name, values] of Object.entries(theirs.sections)) {
        const mine = ours.resolved.sections[name];
        for (const [opt, v] of Object.entries(values)) if (mine?.[opt] !== v) failures.push(`${key}: [${name}] ${opt}: ${JSON.stringify(mine?.[opt])} vs ${JSON.stringify(v)}`);
      }
      if (failures.length > 20) break;
    }
    assert.deepEqual(failures, []);
  });

  it("keeps mr.developer's checkouts (sources-dir) out of git, and src/, where the project's own eggs go, in it (real git)", function () {
    requireTool(this, 'git');
    const r = results.get(`${projects[0]!.name}/development`)!;
    assert.ok(r.ok, r.ok ? '' : r.message);
    const dir = dirname(r.config);
    const sourcesDir = r.sections['buildout']?.['sources-dir'] ?? '';
    assert.equal(dirname(sourcesDir), dir, `sources-dir ${sourcesDir} is in the project`);
    execFileSync('git', ['init', '-q', dir], { stdio: 'ignore' });
    const ignored = (path: string): boolean => spawnSync('git', ['-C', dir, 'check-ignore', '-q', path]).status === 0;
    assert.ok(ignored(join(sourcesDir, 'collective.example', 'setup.py')), `${sourcesDir} is git-ignored`);
    assert.ok(!ignored(join(dir, 'src', `${projects[0]!.name}.policy`, 'setup.py')), 'src/ is not git-ignored');
  });

  for (const plone of PLONE_LINES) {
    it(`Plone ${plone}: every profile of every storage and stack resolves with its parts, eggs and pins`, function () {
      for (const a of projects.filter((x) => x.plone === plone)) {
        for (const profile of PROFILES) {
          const where = `${a.name} (${a.storage}, ${a.http}/${a.cache}/${a.balancer}, ${a.clients} clients) ${profile}`;
          const r = results.get(`${a.name}/${profile}`);
          assert.ok(r, where);
          assert.ok(r.ok, `${where}: ${r.ok ? '' : `${r.kind}: ${r.message}`}`);
          const parts = r.parts;
          const { present, absent } = expectedParts(a, profile);
          for (const p of present) assert.ok(parts.includes(p), `${where}: part ${p} missing from ${parts.join(' ')}`);
          for (const p of absent) assert.ok(!parts.includes(p), `${where}: part ${p} should not be there`);
          for (const p of parts) assert.ok(r.sections[p], `${where}: part ${p} has no section`);
          assert.deepEqual(unresolved(r.sections), [], `${where}: unresolved references`);
          const projectEggs = lines(r.sections['project-settings']?.['eggs']);
          assert.ok(projectEggs.includes('Plone'), `${where}: Plone not in project eggs`);
          if (a.storage === 'relstorage' && profile !== 'development' && profile !== 'standalone') assert.ok(projectEggs.includes('RelStorage'), where);
          // Development's instance adds the helpers (plone.reload, PDBDebugMode, PrintingMailHost), each pinned exactly.
          const helpers = profile === 'development' ? [...DEV_HELPER_EGGS] : [];
          for (const inst of parts.filter((p) => r.sections[p]?.['recipe'] === 'plone.recipe.zope2instance')) {
            assert.deepEqual(lines(r.sections[inst]?.['eggs']), [...projectEggs, ...helpers], `${where}: ${inst} eggs`);
            // Translations of checked-out add-ons compile at start-up, in every profile.
            assert.ok(lines(r.sections[inst]?.['environment-vars']).includes('zope_i18n_compile_mo_files true'), `${where}: ${inst} environment-vars`);
            // Zope 5.8.4+ (Plone 6.x) reads <dos_protection>; older Zopes would refuse the section.
            const extra: string | undefined = r.sections[inst]?.['zope-conf-additional'];
            if (plone.startsWith('6.')) assert.equal(extra, '<dos_protection>\n  form-memory-limit 16MB\n</dos_protection>', `${where}: ${inst} dos_protection`);
            else assert.equal(extra, undefined, `${where}: ${inst} has no zope-conf-additional`);
          }
          const versions = r.sections['versions'] ?? {};
          for (const egg of helpers) assert.match(versions[egg] ?? '', /^\d+(\.\d+)*((a|b|rc)\d+)?$/, `${where}: ${egg} pinned exactly`);
          assert.equal(versions['Plone'], PLONE[plone].release, `${where}: Plone pin`);
          for (const r of Object.values(PLONE[plone].recipes)) {
            // Recipes the release pins itself keep the release's exact pin; the others get our major.
            if (RELEASE_PINS[plone].eggs.includes(r.egg)) assert.match(versions[r.egg] ?? '', /^\d[\w.]*$/, `${where}: ${r.egg} overridden`);
            else assert.equal(versions[r.egg], r.version, `${where}: ${r.egg} pin`);
          }
          // Standalone has no front server: its instance is reachable from outside by a public bind.
          if (profile === 'standalone') assert.match(r.sections['instance']?.['http-address'] ?? '', /^0\.0\.0\.0:\d+$/, `${where}: standalone bind`);
          if (profile === 'production' || profile === 'preproduction') {
            const programs = lines(r.sections['supervisor']?.['programs']).map((l) => l.split(/\s+/)[1]);
            // The clients, the debug client outside the balancer, the storage, the servers.
            const want = [...Array.from({ length: a.clients }, (_, i) => `instance${i + 1}`), 'instance-debug', ...(a.storage === 'zeo' ? ['zeoserver'] : []), ...[a.http, a.cache, a.balancer].filter((c) => c !== 'none')];
            assert.deepEqual([...programs].sort(), [...want].sort(), `${where}: supervisor programs`);
          }
        }
      }
    });
  }
});
