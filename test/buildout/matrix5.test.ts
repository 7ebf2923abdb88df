// The app matrix's differential test under the 3.x rules: a sample of generated projects
// (every Plone line, both storages, random components) resolved by our resolver in mode 3 and
// by the real zc.buildout 5.2.0 must agree value for value. The whole matrix (270 projects)
// takes minutes in 5.2; the sample is drawn with a seed that is printed (PF_MATRIX5_SEED
// repeats a run).
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { PLONE_LINES } from '../../lib/catalog/plone-lines.js';
import { COMPONENTS_BY_LEVEL, LEVELS } from '../../lib/catalog/stack.js';
import { newLoadCache } from '../../lib/buildout/load.js';
import { tryResolve } from '../../lib/buildout/resolve.js';
import type { Answers } from '../../lib/project/answers.js';
import { profileRoot, resolveWithRealBuildout } from '../support/buildout.js';
import { extendsCache } from '../support/extends-cache.js';
import { answersWith, writeProject } from '../support/project.js';
import { requireTool } from '../support/real-tools.js';

const PROFILES = ['development', 'standalone', 'preproduction', 'production'] as const;
const PER_LINE = 4;

function sample(seedIn: number): Answers[] {
  let seed = seedIn;
  const r = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const out: Answers[] = [];
  let i = 0;
  for (const plone of PLONE_LINES) {
    for (let k = 0; k < PER_LINE; k++) {
      i++;
      const [http, cache, balancer] = LEVELS.map((l) => pick([...COMPONENTS_BY_LEVEL[l], 'none'])) as [Answers['http'], Answers['cache'], Answers['balancer']];
      out.push(answersWith({ name: `s5x${i}`, plone, storage: k % 2 ? 'relstorage' : 'zeo', http, cache, balancer, clients: 1 + Math.floor(r() * 3), portBase: 10000 + i * 100 }));
    }
  }
  return out;
}

describe('generated profiles under the 3.x rules vs real zc.buildout 5.2 (a seeded sample of the app matrix)', function () {
  const seed = Number(process.env.PF_MATRIX5_SEED ?? Math.floor(Math.random() * 1e9));
  const dirs: string[] = [];

  before(function () {
    requireTool(this, 'buildout5');
  });

  after(function () {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it(`our resolver in mode 3 agrees with zc.buildout 5.2 value for value (seed ${seed})`, async function () {
    console.log(`      matrix5 sample seed: ${seed} (PF_MATRIX5_SEED=${seed} repeats it)`);
    const configs: string[] = [];
    for (const a of sample(seed)) {
      const dir = writeProject(a);
      dirs.push(dir);
      for (const p of PROFILES) configs.push(profileRoot(dir, p));
    }
    const real = await resolveWithRealBuildout('5.2', configs);
    const failures: string[] = [];
    const caches = new Map<string, ReturnType<typeof newLoadCache>>();
    real.results.forEach((theirs, i) => {
      const config = configs[i] as string;
      const project = config.slice(0, config.lastIndexOf('/'));
      const cache = caches.get(project) ?? newLoadCache();
      caches.set(project, cache);
      const ours = tryResolve(config, { mode: '3', buildoutVersion: '5.2.0', executable: real.executable, extendsCache: extendsCache(), cache });
      if (!theirs.ok || !ours.ok) {
        const show = (o: typeof ours): string => (o.ok ? 'ok' : `${o.error.kind}: ${o.error.message}`);
        if (theirs.ok !== ours.ok || (!theirs.ok && !ours.ok && (theirs.kind !== ours.error.kind || theirs.message !== ours.error.message))) {
          failures.push(`${config}: ours ${show(ours)}; theirs ${theirs.ok ? 'ok' : `${theirs.kind}: ${theirs.message}`}`);
        }
        return;
      }
      if (JSON.stringify(ours.resolved.parts) !== JSON.stringify(theirs.parts)) failures.push(`${config}: parts`);
      if (JSON.stringify(ours.resolved.installOrder) !== JSON.stringify(theirs.installOrder)) failures.push(`${config}: install order`);
      const names = new Set([...Object.keys(theirs.sections), ...Object.keys(ours.resolved.sections)]);
      for (const name of names) {
        const a = ours.resolved.sections[name] ?? {};
        const b = theirs.sections[name] ?? {};
        for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (a[k] !== b[k]) failures.push(`${config}: [${name}] ${k}: ${JSON.stringify(a[k])} vs ${JSON.stringify(b[k])}`);
      }
    });
    assert.deepEqual(failures.slice(0, 20), []);
    assert.ok(real.results.filter((r) => r.ok).length >= configs.length * 0.9, 'most sampled profiles resolve in 5.2');
  });
});
