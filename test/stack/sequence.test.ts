// A random but seeded sequence of ~30 stack switches and new profiles (jenkins, custom ones
// extending any profile, custom ones included). After every step the project must be byte for
// byte the pristine plan of what .yo-rc.json stores (no hand edits, so the surgical edits
// must reproduce it exactly); at the end every profile must resolve in real zc.buildout with
// the stack its --from chain gives it, on ports that collide with no other profile's.
// Rerun a failure with PF_SEED=<the seed in its message>.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import helpers from 'yeoman-test';
import { COMPONENTS, COMPONENTS_BY_LEVEL, LEVELS, type ComponentName } from '../../lib/catalog/stack.js';
import type { ProfileSpec } from '../../lib/generator/project-state.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { ANSWER_KEYS, BASE_PROFILES, type Answers } from '../../lib/project/answers.js';
import { hasStack, profilePortBase, stackSource } from '../../lib/project/layout.js';
import { planProject } from '../../lib/project/plan.js';
import { derivePorts } from '../../lib/project/ports.js';
import { loadOrCreateSecrets } from '../../lib/project/secrets.js';
import { lines, profileRoot, resolveWithBuildout, type Resolved } from '../support/buildout.js';
import { tempDir } from '../support/cli.js';
import { requireTool } from '../support/real-tools.js';

const gen = (name: string): string => join(PACKAGE_ROOT, 'dist', 'generators', name, 'index.js');
const STEPS = 30;
/** Our generators' own options (--from, --storage...), which yeoman-test's typings do not know. */
type GenOptions = Parameters<ReturnType<typeof helpers.run>['withOptions']>[0];

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function state(dir: string): { answers: Answers; profiles: Record<string, ProfileSpec> } {
  const all = (JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8')) as Record<string, Record<string, unknown>>)['generator-plonefactory'] ?? {};
  const answers = Object.fromEntries(ANSWER_KEYS.map((k) => [k, all[k]])) as unknown as Answers;
  return { answers, profiles: (all['profiles'] ?? {}) as Record<string, ProfileSpec> };
}

/** Every planned file on disk exactly as planned, and no component file the plan does not have. */
function assertPristine(dir: string): void {
  const { answers, profiles } = state(dir);
  const secrets = loadOrCreateSecrets(readFileSync(join(dir, 'profiles/etc/secrets.cfg'), 'utf8'));
  const plan = planProject({ answers, secrets, profiles });
  for (const f of plan) assert.equal(readFileSync(join(dir, f.path), 'utf8'), f.content, `${f.path} differs from the pristine plan`);
  const planned = new Set(plan.map((f) => f.path));
  for (const sub of ['profiles/stack', 'templates', 'profiles']) {
    for (const name of readdirSync(join(dir, sub))) {
      const path = `${sub}/${name}`;
      if (!existsSync(join(dir, path)) || !/\.(cfg|in)$/.test(name)) continue;
      assert.ok(planned.has(path), `${path} left behind`);
    }
  }
}

const seed = Number(process.env['PF_SEED'] ?? Math.floor(Math.random() * 2 ** 31));

describe(`a seeded random sequence of stack switches and new profiles (PF_SEED=${seed})`, function () {
  this.timeout(120_000);
  const said = (e: unknown): Error => Object.assign(e instanceof Error ? e : new Error(String(e)), {
    message: `seed ${seed} (rerun with PF_SEED=${seed}): ${e instanceof Error ? e.message : String(e)}`,
  });
  let dir: string;
  const log: string[] = [];

  before(async function () {
    requireTool(this, 'buildout');
    const rnd = mulberry32(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    dir = tempDir('seq');
    mkdirSync(dir);
    const storage = pick(['zeo', 'relstorage'] as const);
    const clients = String(1 + Math.floor(rnd() * 3));
    try {
      const options = { defaults: true, storage, clients };
      await helpers.run(gen('app')).cd(dir).withOptions(options as GenOptions);
      log.push(`app --storage ${storage} --clients ${clients}`);
      for (let i = 0; i < STEPS; i++) {
        const profiles = state(dir).profiles;
        if (rnd() < 0.7) {
          const level = pick(LEVELS);
          const choice = pick([...COMPONENTS_BY_LEVEL[level], 'none']);
          log.push(`stack ${level} ${choice}`);
          await helpers.run(gen('stack')).cd(dir).withArguments([level, choice]);
        } else if (!profiles['jenkins'] && rnd() < 0.3) {
          log.push('profile jenkins');
          await helpers.run(gen('profile')).cd(dir).withArguments(['jenkins']);
        } else {
          const from = pick([...BASE_PROFILES, ...Object.keys(profiles)]);
          log.push(`profile p${i} --from ${from}`);
          const options = { from };
          await helpers.run(gen('profile')).cd(dir).withArguments([`p${i}`]).withOptions(options as GenOptions);
        }
        assertPristine(dir);
      }
    } catch (e) {
      throw said(new Error(`after ${log.join(' | ')}: ${(e as Error).message}`));
    }
  });

  it('leaves every profile resolving in real zc.buildout with the stack of its --from chain, on its own ports', async function () {
    try {
      const { answers: a, profiles } = state(dir);
      const names = [...BASE_PROFILES, ...Object.keys(profiles)];
      const roots = names.map((p) => profileRoot(dir, p));
      if (profiles['jenkins']) roots.push(join(dir, 'jenkins.cfg'));
      const results = await resolveWithBuildout(roots);
      const byName = new Map<string, Resolved>(names.map((p, i) => [p, results[i]!]));
      const chosen = LEVELS.map((l) => a[l]).filter((c): c is ComponentName => c !== 'none');
      const prodPorts = new Set(derivePorts(a.portBase, a.clients).map(([, p]) => p));
      for (const [p, r] of byName) {
        const where = `${p} after ${log.join(' | ')}`;
        assert.ok(r.ok, `${where}: ${r.ok ? '' : `${r.kind}: ${r.message}`}`);
        const stack = hasStack(p, profiles) ? chosen : [];
        for (const c of Object.keys(COMPONENTS)) assert.equal(r.parts.includes(`${c}-conf`), stack.includes(c as ComponentName), `${where}: ${c}-conf in ${r.parts.join(' ')}`);
        if (hasStack(p, profiles)) {
          const programs = lines(r.sections['supervisor']?.['programs']).map((l) => l.split(/\s+/)[1]).sort();
          const clients = Array.from({ length: a.clients }, (_, i) => `instance${i + 1}`);
          assert.deepEqual(programs, [...clients, 'instance-debug', ...(a.storage === 'zeo' ? ['zeoserver'] : []), ...stack].sort(), `${where}: programs`);
        }
        const spec = profiles[p];
        if (spec?.kind === 'custom') {
          const from = byName.get(spec.from);
          assert.ok(from?.ok);
          assert.deepEqual(r.parts, from.parts, `${where}: the parts of ${spec.from}`);
          assert.equal(stackSource(p, profiles), stackSource(spec.from, profiles));
          const ports = Object.entries(r.sections['ports'] ?? {}).filter(([k]) => k !== 'postgresql').map(([, v]) => Number(v));
          const base = profilePortBase(p, a, profiles);
          assert.deepEqual(ports.sort(), derivePorts(base, a.clients).map(([, n]) => n).sort(), `${where}: its own ports`);
          for (const port of ports) assert.ok(!prodPorts.has(port), `${where}: port ${port} is also production's`);
          for (const [other, s] of Object.entries(profiles)) {
            if (other !== p && s.kind === 'custom') assert.notEqual(s.portBase, spec.portBase, `${where}: same port base as ${other}`);
          }
        }
      }
      if (profiles['jenkins']) {
        const r = results[results.length - 1];
        assert.ok(r?.ok, `jenkins.cfg: ${r && !r.ok ? r.message : ''}`);
        assert.ok(r.parts.includes('test') && r.parts.includes('coverage'), r.parts.join(' '));
      }
    } catch (e) {
      throw said(e);
    }
  });
});
