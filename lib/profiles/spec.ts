// The profiles beyond the base four: which names are allowed, what a new one becomes
// (jenkins is known; any other name is a custom profile extending --from), and the stored
// form in .yo-rc.json, checked before anything is planned from it.
import type { ProfileSpec } from '../project/model.js';
import { AnswerError, BASE_PROFILES, show, type Answers } from '../project/answers.js';
import { highestPort, PORT_MAX, PORT_STRIDE } from '../project/ports.js';

export const JENKINS = 'jenkins';
const NAME_RE = /^[a-z][a-z0-9_-]{0,39}$/;
const isBase = (name: string): boolean => (BASE_PROFILES as readonly string[]).includes(name);
const own = (profiles: Readonly<Record<string, unknown>>, name: string): boolean => Object.prototype.hasOwnProperty.call(profiles, name);

export function allProfiles(extra: Readonly<Record<string, ProfileSpec>>): string[] {
  return [...BASE_PROFILES, ...Object.keys(extra)];
}

/** The stored `profiles`, each checked: a hand-edited .yo-rc.json must not plan nonsense. */
export function checkStoredProfiles(profiles: Readonly<Record<string, unknown>>): Record<string, ProfileSpec> {
  const out: Record<string, ProfileSpec> = {};
  const bad = (name: string, why: string): AnswerError =>
    new AnswerError(`.yo-rc.json: profiles.${name} ${why} (fix or remove it)`);
  for (const [name, raw] of Object.entries(profiles)) {
    if (!NAME_RE.test(name) || isBase(name)) throw bad(name, 'is not an allowed profile name');
    const spec = raw as Partial<Record<string, unknown>> | null;
    if (name === JENKINS) {
      if (spec?.['kind'] !== 'jenkins') throw bad(name, 'must be {"kind": "jenkins"}');
      out[name] = { kind: 'jenkins' };
      continue;
    }
    if (spec?.['kind'] !== 'custom') throw bad(name, 'must be {"kind": "custom", "from": PROFILE, "portBase": PORT}');
    const from = spec['from'];
    const portBase = spec['portBase'];
    if (typeof from !== 'string' || from === name || !(isBase(from) || own(profiles, from))) throw bad(name, `extends ${show(from)}, which is not a profile of this project`);
    if (typeof portBase !== 'number' || !Number.isInteger(portBase) || portBase < 1024 || portBase > PORT_MAX) throw bad(name, `has port base ${show(portBase)}, not a port`);
    out[name] = { kind: 'custom', from, portBase };
  }
  for (const name of Object.keys(out)) {
    // a --from chain must end at a profile that is not a custom one
    const seen = new Set<string>();
    for (let spec = out[name]; spec?.kind === 'custom'; spec = out[spec.from]) {
      if (seen.has(spec.from)) throw bad(name, 'has a --from chain that loops');
      seen.add(spec.from);
    }
  }
  return out;
}

/**
 * The next free block: PORT_STRIDE above the highest base any profile uses, so no port of the
 * new profile meets one of another profile on the same host.
 */
export function nextPortBase(a: Pick<Answers, 'portBase' | 'clients'>, extra: Readonly<Record<string, ProfileSpec>>): number {
  const bases = [a.portBase, ...Object.values(extra).flatMap((s) => (s.kind === 'custom' ? [s.portBase] : []))];
  const base = Math.max(...bases) + PORT_STRIDE;
  const top = highestPort(base, a.clients);
  if (top > PORT_MAX) {
    throw new AnswerError(`no free port block left: the next one would start at ${base} and reach ${top}, above ${PORT_MAX}; lower the port bases in .yo-rc.json`);
  }
  return base;
}

/** The spec of a new profile, or a one-line AnswerError naming the value and what is allowed. */
export function newProfileSpec(
  name: unknown,
  from: unknown,
  a: Pick<Answers, 'portBase' | 'clients'>,
  extra: Readonly<Record<string, ProfileSpec>>,
): ProfileSpec {
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new AnswerError(`profile name ${show(name)} is not allowed; use a-z, 0-9, - and _, starting with a letter, at most 40 characters`);
  }
  if (isBase(name)) throw new AnswerError(`profile name ${show(name)} is not allowed: it is a base profile (${BASE_PROFILES.join(', ')}); choose another name`);
  const existing = allProfiles(extra);
  if (name === JENKINS) {
    if (from !== undefined) throw new AnswerError(`--from ${show(from)} is not allowed with jenkins: the jenkins profile extends the common files, like development`);
    return { kind: 'jenkins' };
  }
  const base = from ?? 'production';
  if (typeof base !== 'string' || !existing.includes(base)) {
    throw new AnswerError(`--from ${show(base)} is not allowed; choose one of: ${existing.join(', ')}`);
  }
  return { kind: 'custom', from: base, portBase: nextPortBase(a, extra) };
}

/** Re-running for an existing profile: the same request is fine (nothing new), another is refused. */
export function sameRequest(existing: ProfileSpec, from: unknown): boolean {
  if (existing.kind === 'jenkins') return from === undefined;
  return from === undefined || from === existing.from;
}
