// Operation types of the property tests (sequences, faults), their random source, the
// options of an app run, and the hand edits both sequences make between runs.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addValueLines, setPin } from '../../lib/buildout/edit.js';
import { parse } from '../../lib/buildout/parse.js';
import { serialize } from '../../lib/buildout/serialize.js';
import { PLONE_LINES } from '../../lib/catalog/plone-lines.js';
import { COMPONENTS_BY_LEVEL, LEVELS } from '../../lib/catalog/stack.js';
import { DirectIO } from '../../lib/generator/project-io.js';
import { addProfile, requestedProfile } from '../../lib/profiles/add-profile.js';
import { switchStack } from '../../lib/stack/apply-switch.js';
import { parseSwitch } from '../../lib/stack/switch.js';

export interface Rng {
  next(): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, seeded, reproducible. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T, chance: (p: number) => next() < p };
}

export interface Operation {
  name: string;
  weight: number;
  /** Runs once; throws when refused. Returns a label for the history. */
  run(r: Rng): string;
}

/** A line a hand edit added to a file: it must be there after every later step. */
export interface HandEdit { file: string; needle: string }

/** The first hand edit `dir` no longer holds, said as a failure of `label`; null when all are there. */
export function lostHandEdit(dir: string, edits: readonly HandEdit[], label: string): string | null {
  for (const edit of edits) {
    let text = '';
    try {
      text = readFileSync(join(dir, edit.file), 'utf8');
    } catch {
      return `${label} deleted ${edit.file}, which has a hand edit`;
    }
    if (!text.includes(edit.needle)) return `${label} lost the hand edit ${JSON.stringify(edit.needle)} in ${edit.file}`;
  }
  return null;
}

/** App options (the bin's --KEY VALUE), all valid or all invalid (by default a quarter of the time). */
export function appOptions(r: Rng, validShare = 0.75): Record<string, string> {
  const opts: Record<string, string> = {};
  const valid = r.chance(validShare);
  const choices: Record<string, readonly string[]> = {
    plone: valid ? PLONE_LINES : ['7.0', '6', '6.2\n'],
    storage: valid ? ['zeo', 'relstorage'] : ['mysql'],
    clients: valid ? ['1', '2', '3', '4'] : ['0', '99', 'two'],
    'port-base': valid ? ['8080', '9000', '20000'] : ['80', '65530', 'x'],
    http: valid ? [...COMPONENTS_BY_LEVEL.http, 'none'] : ['lighttpd'],
    cache: valid ? [...COMPONENTS_BY_LEVEL.cache, 'none'] : ['memcached'],
    balancer: valid ? [...COMPONENTS_BY_LEVEL.balancer, 'none'] : ['nginx'],
    domain: valid ? ['example.com', 'acme.example.org'] : ['bad domain', 'a]b'],
  };
  for (const key of Object.keys(choices)) if (r.chance(0.25)) opts[key] = r.pick(choices[key] as readonly string[]);
  return opts;
}

export function profileFiles(dir: string): string[] {
  return readdirSync(join(dir, 'profiles')).filter((f) => f.endsWith('.cfg')).map((f) => `profiles/${f}`);
}

/** Edits a user makes between runs, each recorded in `edits` so later steps can prove it kept. */
export function handEditOperations(dir: string, edits: HandEdit[]): Operation[] {
  return [
    { name: 'hand edit: comment', weight: 1, run: (r) => {
      const file = r.pick(profileFiles(dir));
      const needle = `# hand edit ${edits.length} ${r.next().toString(36).slice(2, 8)}`;
      writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}${needle}\n`);
      edits.push({ file, needle });
      return `hand: comment in ${file}`;
    } },
    { name: 'hand edit: egg', weight: 1, run: () => {
      const file = 'profiles/etc/project.cfg';
      const egg = `collective.hand${edits.length}`;
      writeFileSync(join(dir, file), serialize(addValueLines(parse(readFileSync(join(dir, file), 'utf8'), file), 'project-settings', 'eggs', [egg])));
      edits.push({ file, needle: egg });
      return `hand: egg ${egg}`;
    } },
    { name: 'hand edit: pin', weight: 1, run: () => {
      const file = 'profiles/etc/versions.cfg';
      const pin = `my.hand${edits.length}`;
      writeFileSync(join(dir, file), serialize(setPin(parse(readFileSync(join(dir, file), 'utf8'), file), pin, '1.0')));
      edits.push({ file, needle: `${pin} = 1.0` });
      return `hand: pin ${pin}`;
    } },
  ];
}

export function EXTRA_OPERATIONS(dir: string, quiet: () => void): Operation[] {
  const levels = [...LEVELS, 'storage', 'cdn'];
  return [
    { name: 'stack', weight: 3, run: (r) => {
      const level = r.pick(levels);
      const known = (COMPONENTS_BY_LEVEL as Record<string, readonly string[]>)[level] ?? [];
      const component = r.pick([...known, 'none', 'lighttpd']);
      const io = new DirectIO(dir, false, quiet);
      switchStack(io, parseSwitch(level, component));
      io.commit();
      return `stack ${level} ${component}`;
    } },
    { name: 'profile', weight: 1, run: (r) => {
      const name = r.pick(['jenkins', 'staging', 'demo', 'qa', 'production', 'Bad Name']);
      const from = r.pick([undefined, undefined, 'production', 'preproduction', 'development', 'staging', 'nosuch']);
      const io = new DirectIO(dir, false, quiet);
      addProfile(io, name, requestedProfile(io, name, from));
      io.commit();
      return `profile ${name}${from ? ` --from ${from}` : ''}`;
    } },
  ];
}
