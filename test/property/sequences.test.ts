// Seeded random sequences of generator operations, valid and invalid, with hand edits in
// between. After every step either the operation failed and no file changed, or the tree
// is sound: .yo-rc.json valid, every hand edit still there, and (judged at the end, in one
// process) every profile accepted by real zc.buildout. PROPERTY_SEED reproduces a run.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProjectCheck } from '../../lib/buildout/check-project-cli.js';
import { MODULES } from '../../lib/catalog/modules.js';
import { DirectIO } from '../../lib/generator/project-io.js';
import { runAppDirect } from '../../lib/generator/run-app.js';
import { changeModules } from '../../lib/modules/apply.js';
import { profileRoot, resolveWithBuildout } from '../support/buildout.js';
import { extendsCache } from '../support/extends-cache.js';
import { requireTool } from '../support/real-tools.js';
import { snapshot } from '../support/cli.js';
import { appOptions, EXTRA_OPERATIONS, handEditOperations, lostHandEdit, profileFiles, rng, type HandEdit, type Operation } from './operations.js';

const STEPS = Number(process.env['PROPERTY_STEPS'] ?? 1000);
const SEED = Number(process.env['PROPERTY_SEED'] ?? 20261125);
/**
 * The share of distinct trees real zc.buildout judges, drawn with the seed: all of them took
 * ~85 s of the suite (3,200 profiles); PROPERTY_JUDGE=1 judges every one.
 */
const JUDGE = Number(process.env['PROPERTY_JUDGE'] ?? 0.25);

const quiet = (): void => undefined;

function baseOperations(dir: string, edits: HandEdit[]): Operation[] {
  const io = (): DirectIO => new DirectIO(dir, false, quiet);
  const modules = [...Object.keys(MODULES), 'nosuch', 'collective.handmade'];
  return [
    { name: 'app', weight: 3, run: (r) => {
      const opts = appOptions(r);
      runAppDirect(dir, opts, quiet);
      return `app ${JSON.stringify(opts)}`;
    } },
    { name: 'module add', weight: 3, run: (r) => {
      const name = r.pick(modules);
      const i = io();
      changeModules(i, { names: [name] }, {}, quiet);
      i.commit();
      return `module ${name}`;
    } },
    { name: 'module remove', weight: 2, run: (r) => {
      const stored = JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['generator-plonefactory']?.modules as string[] | undefined;
      const name = stored?.length && r.chance(0.8) ? r.pick(stored) : r.pick(modules);
      const i = io();
      changeModules(i, { names: [name], remove: true }, {}, quiet);
      i.commit();
      return `module --remove ${name}`;
    } },
    { name: 'check', weight: 1, run: () => {
      runProjectCheck({ dir, extendsCache: extendsCache() });
      return 'check';
    } },
    ...handEditOperations(dir, edits),
  ];
}

const treeHash = (tree: Map<string, string>): string =>
  createHash('sha256').update(JSON.stringify([...tree].map(([p, v]) => [p, v.replace(/^[\d.]+ /, '')]).sort())).digest('hex');

describe(`random operation sequences (seed ${SEED}, ${STEPS} steps; PROPERTY_SEED=N to replay)`, function () {
  this.timeout(600000);

  it('never corrupts a project: each step fails cleanly or leaves it sound', async function () {
    requireTool(this, 'buildout');
    const r = rng(SEED);
    const work = mkdtempSync(join(tmpdir(), 'pf-property-'));
    const dir = join(work, 'site');
    mkdirSync(dir);
    const edits: HandEdit[] = [];
    runAppDirect(dir, { defaults: true, name: 'site' }, quiet);
    const ops = [...baseOperations(dir, edits), ...EXTRA_OPERATIONS(dir, quiet)];
    const weighted = ops.flatMap((o) => Array.from({ length: o.weight }, () => o));
    const history: string[] = [];
    const judged = new Map<string, { step: number; copy: string }>();
    const fail = (msg: string): never => assert.fail(`seed ${SEED}, step ${history.length}: ${msg}\nlast steps:\n  ${history.slice(-8).join('\n  ')}`);
    let failures = 0;
    for (let step = 1; step <= STEPS; step++) {
      const op = r.pick(weighted);
      const before = snapshot(dir);
      let label = op.name;
      try {
        label = op.run(r);
        history.push(`${step} ok  ${label}`);
      } catch (e) {
        history.push(`${step} err ${op.name}: ${(e as Error).message.split('\n')[0]}`);
        failures++;
        const after = snapshot(dir);
        if (treeHash(after) !== treeHash(before)) fail(`${op.name} failed (${(e as Error).message.split('\n')[0]}) but changed files`);
        if ((e as Error).message.includes('\n')) fail(`error is not one line: ${(e as Error).message}`);
        continue;
      }
      let config: unknown;
      try {
        config = JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'));
      } catch (e) {
        fail(`.yo-rc.json is no longer JSON: ${(e as Error).message}`);
      }
      assert.ok(typeof config === 'object' && config !== null);
      const lost = lostHandEdit(dir, edits, label);
      if (lost) fail(lost);
      const tree = snapshot(dir);
      const h = treeHash(tree);
      if (!judged.has(h)) {
        const copy = join(work, `step-${step}`);
        cpSync(dir, copy, { recursive: true });
        judged.set(h, { step, copy });
      }
    }
    // Real zc.buildout judges a seeded sample of the distinct trees the sequence produced (the
    // last one always), in two processes at once (one per core).
    const pick = rng(SEED + 1);
    const trees = [...judged.values()];
    const sample = trees.filter((t, i) => i === trees.length - 1 || pick.chance(JUDGE));
    const configs: Array<{ step: number; cfg: string }> = [];
    for (const { step, copy } of sample) {
      for (const f of profileFiles(copy)) configs.push({ step, cfg: profileRoot(copy, f.slice('profiles/'.length, -'.cfg'.length)) });
    }
    const half = Math.ceil(configs.length / 2);
    const results = (await Promise.all([configs.slice(0, half), configs.slice(half)].map((part) => resolveWithBuildout(part.map((c) => c.cfg))))).flat();
    results.forEach((res, i) => {
      if (!res.ok) fail(`the tree after step ${configs[i]?.step} does not resolve: ${res.config}: ${res.kind}: ${res.message}`);
    });
    console.log(`      ${STEPS} steps (${failures} refused cleanly), ${judged.size} distinct trees, ${sample.length} of them (PROPERTY_JUDGE=${JUDGE}) judged: ${configs.length} profiles resolved by zc.buildout`);
    assert.ok(failures > STEPS / 20 && failures < STEPS, 'the sequence must mix accepted and refused operations');
  });
});
