// Every catalog module x every Plone line it supports, through the module code the bin runs
// (lib/modules with the bin's own DirectIO, in-process: 50 projects through the bin would cost
// a minute of Node start-ups). Each project: add the module, check the tree is exactly the
// pristine plan of the new state, resolve every profile in real zc.buildout (one Python
// process for all), then remove it and get every file back byte for byte.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES } from '../../lib/catalog/modules.js';
import { PLONE_LINES, type PloneLineName } from '../../lib/catalog/plone-lines.js';
import { FILES_KEY } from '../../lib/generator/apply-plan.js';
import { DirectIO } from '../../lib/generator/project-io.js';
import { SECRETS_FILE } from '../../lib/project/layout.js';
import { loadProject } from '../../lib/generator/project-state.js';
import { contentHash } from '../../lib/generator/reconcile.js';
import { runAppDirect } from '../../lib/generator/run-app.js';
import { changeModules } from '../../lib/modules/apply.js';
import { catalogSpec, type FragmentSpec } from '../../lib/modules/spec.js';
import { planProject } from '../../lib/project/plan.js';
import { lines, profileRoot, resolveWithBuildout, type Resolved } from '../support/buildout.js';
import { tempDir } from '../support/cli.js';
import { extendsCache } from '../support/extends-cache.js';
import { requireTool } from '../support/real-tools.js';
import { contents, PROFILES } from './support.js';

interface Case {
  module: string;
  line: PloneLineName;
  spec: FragmentSpec;
  dir: string;
  before: Map<string, string>;
}

const quiet = (): void => undefined;

function newProject(name: string, line: PloneLineName): string {
  const dir = tempDir(name);
  mkdirSync(dir);
  assert.ok(runAppDirect(dir, { defaults: true, plone: line }, quiet), `${name}: the app asked a question`);
  for (const p of PROFILES) profileRoot(dir, p);
  return dir;
}

function run(dir: string, names: string[], remove = false): void {
  const io = new DirectIO(dir, false, quiet);
  changeModules(io, { names, remove }, { extendsCache: extendsCache() }, quiet);
  io.commit();
}

/** The tree holds exactly the pristine plan of the stored state, and .yo-rc.json its hashes. */
function assertPristine(c: Case): void {
  const state = loadProject(new DirectIO(c.dir, false, quiet));
  const plan = planProject(state);
  for (const f of plan) assert.equal(readFileSync(join(c.dir, f.path), 'utf8'), f.content, `${c.module}@${c.line}: ${f.path} differs from the pristine plan`);
  const stored = JSON.parse(readFileSync(join(c.dir, '.yo-rc.json'), 'utf8'))['generator-plonefactory'];
  // secrets.cfg is git-ignored: the tracked .yo-rc.json keeps no hash of it
  assert.deepEqual(stored[FILES_KEY], Object.fromEntries(plan.filter((f) => f.path !== SECRETS_FILE).map((f) => [f.path, contentHash(f.content)])));
  assert.deepEqual(stored.modules, [c.module]);
}

const lowerKeys = (o: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

function assertResolved(c: Case, profile: string, res: Resolved | undefined): void {
  const label = `${c.module}@${c.line} ${profile}`;
  assert.ok(res?.ok, res && !res.ok ? `${label}: ${res.kind}: ${res.message}` : `${label}: no result`);
  const instances = res.installOrder.filter((p) => res.sections[p]?.['recipe'] === 'plone.recipe.zope2instance');
  assert.ok(instances.length > 0, `${label}: no zope2instance part`);
  for (const part of instances) {
    const eggs = lines(res.sections[part]?.['eggs']);
    const zcml = lines(res.sections[part]?.['zcml']);
    for (const egg of c.spec.eggs) assert.ok(eggs.includes(egg), `${label}: [${part}] eggs lacks ${egg}: ${eggs.join(' ')}`);
    for (const slug of c.spec.zcml) assert.ok(zcml.includes(slug), `${label}: [${part}] zcml lacks ${slug}`);
  }
  const versions = lowerKeys(res.sections['versions']);
  for (const [egg, version] of Object.entries(c.spec.pins)) assert.equal(versions[egg.toLowerCase()], version, `${label}: [versions] ${egg}`);
  for (const part of c.spec.parts) {
    assert.ok(res.parts.includes(part.name), `${label}: parts lack ${part.name}`);
    assert.equal(res.sections[part.name]?.['recipe'], part.recipe);
  }
}

describe('every catalog module x every line it supports, in real zc.buildout', function () {
  this.timeout(120000);
  const cases: Case[] = [];

  before(function () {
    requireTool(this, 'buildout');
    for (const [module, entry] of Object.entries(MODULES)) {
      for (const line of PLONE_LINES.filter((l) => entry.lines[l] !== undefined)) {
        const dir = newProject(`m-${module}-${line.replace('.', '')}`, line);
        cases.push({ module, line, spec: catalogSpec(module, line), dir, before: contents(dir) });
      }
    }
  });

  it('covers every module on every line it names (50 pairs)', function () {
    const expected = Object.values(MODULES).reduce((n, e) => n + Object.keys(e.lines).length, 0);
    assert.equal(cases.length, expected);
    assert.ok(expected >= 50, `only ${expected} pairs`);
  });

  it('adds each with every check passing, leaving exactly the pristine plan of the new state', function () {
    for (const c of cases) {
      try {
        run(c.dir, [c.module]);
      } catch (e) {
        assert.fail(`${c.module}@${c.line}: ${(e as Error).message}`);
      }
      assertPristine(c);
    }
  });

  it('every profile resolves in real zc.buildout with the eggs in every instance and the pins in [versions]', async function () {
    const roots = cases.flatMap((c) => PROFILES.map((p) => join(c.dir, `.resolve-${p}.cfg`)));
    const results = await resolveWithBuildout(roots);
    cases.forEach((c, i) => PROFILES.forEach((p, j) => assertResolved(c, p, results[i * PROFILES.length + j])));
  });

  it('adding it again changes nothing, removing it returns every file to its bytes', function () {
    for (const c of cases) {
      const added = contents(c.dir);
      run(c.dir, [c.module]);
      assert.deepEqual(contents(c.dir), added, `${c.module}@${c.line}: a second add changed files`);
      run(c.dir, [c.module], true);
      assert.deepEqual(contents(c.dir), c.before, `${c.module}@${c.line}: add then remove left a difference`);
    }
  });
});
