// What `buildout install` reads of a resolved profile: [buildout], the pin section, the parts
// (after substitution) and every section those reference, directly or through others. A
// problem in a section outside this set cannot stop an install: check reports it as info.
import { BuildoutError } from './errors.js';
import type { RawSection } from './merge.js';
import { splitWs, strip } from './pystr.js';
import { expandMacros, type Engine } from './substitute.js';

/** The `${section:option}` references of a raw value (`$${...}` is an escape, not a reference). */
export function refsOf(value: string): string[] {
  return value.split('$$').flatMap((piece) => piece.split(/(\$\{[^}]*\})/).filter((_, i) => i % 2 === 1));
}

/** [buildout] parts after substitution, or the raw value when substitution fails (reported elsewhere). */
export function substitutedParts(engine: Engine): string[] {
  try {
    return splitWs(engine.section('buildout').get('parts') ?? '');
  } catch (e) {
    if (!(e instanceof BuildoutError)) throw e;
    return splitWs(engine.raw.get('buildout')?.get('parts')?.value ?? '').filter((p) => !p.includes('${'));
  }
}

function expanded(engine: Engine, name: string): RawSection | undefined {
  const raw = engine.raw.get(name);
  if (!raw) return undefined;
  try {
    return expandMacros(engine.raw, name, raw);
  } catch (e) {
    if (e instanceof BuildoutError) return raw;
    throw e;
  }
}

/** Names of the sections an install reads. */
export function readSections(engine: Engine, versionsName: string): Set<string> {
  const todo = ['buildout', ...(versionsName ? [versionsName] : []), ...substitutedParts(engine)];
  const seen = new Set<string>();
  while (todo.length) {
    const name = todo.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const sect = expanded(engine, name);
    if (!sect) continue;
    // a macro's own section is read to expand this one
    for (const line of (engine.raw.get(name)?.get('<')?.value ?? '').split('\n')) if (strip(line)) todo.push(strip(line));
    for (const e of sect.values()) {
      for (const ref of refsOf(e.value)) {
        const section = ref.slice(2, -1).split(':')[0] ?? '';
        todo.push(section || name);
      }
    }
  }
  return seen;
}
