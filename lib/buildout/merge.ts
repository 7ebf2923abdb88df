// Merging parsed configs the way zc.buildout does: _update_section (with += and -=) and
// _update, in its 2.13 form and its 3.x..5.x form (which turns a `+=` on a new section into
// `=`). Values carry their history so every resolved value knows which file:line made it.
import { cmpPy, rstripChars } from './pystr.js';

export type Mode = '2.13' | '3';

export type Source =
  | { file: string; line: number }
  | 'DEFAULT_VALUE'
  | 'COMPUTED_VALUE'
  | 'COMMAND_LINE_VALUE'
  | 'IMPLICIT_VALUE';

export interface HistoryItem {
  op: 'SET' | 'ADD' | 'REMOVE' | 'OVERRIDE' | 'DIRECTORY';
  value: string;
  source: Source;
}

export interface Entry {
  value: string;
  history: HistoryItem[];
}

export type RawSection = Map<string, Entry>;
export type RawConfig = Map<string, RawSection>;

export function entry(value: string, source: Source): Entry {
  return { value, history: [{ op: 'SET', value, source }] };
}

export function sourceOf(e: Entry): Source {
  return (e.history[e.history.length - 1] as HistoryItem).source;
}

/** The history items that made the current value: the last SET/OVERRIDE and the +=/-= after it. */
export function contributions(e: Entry): HistoryItem[] {
  const out: HistoryItem[] = [];
  for (let i = e.history.length - 1; i >= 0; i--) {
    const h = e.history[i] as HistoryItem;
    out.unshift(h);
    if (h.op !== 'ADD' && h.op !== 'REMOVE') break;
  }
  return out;
}

function addTo(e: Entry, added: Entry): Entry {
  const value = [...e.value.split('\n'), ...added.value.split('\n')].join('\n');
  return { value, history: [...e.history, { op: 'ADD', value: added.value, source: sourceOf(added) }] };
}

function removeFrom(e: Entry, removed: Entry): Entry {
  const gone = removed.value.split('\n');
  const value = e.value.split('\n').filter((v) => !gone.includes(v)).join('\n');
  return { value, history: [...e.history, { op: 'REMOVE', value: removed.value, source: sourceOf(removed) }] };
}

function override(v1: Entry, v2: Entry): Entry {
  const lastOp = (v2.history[v2.history.length - 1] as HistoryItem).op;
  // zc.buildout 2.13 keeps only v2's history here; we keep both, so the check can see what v2's `=` replaced
  if (lastOp === 'ADD' || lastOp === 'REMOVE') {
    const extendsV1 = v1.history.every((h, i) => v2.history[i] === h);
    return { value: v2.value, history: extendsV1 ? v2.history : [...v1.history, ...v2.history] };
  }
  return { value: v2.value, history: [...v1.history, { op: 'OVERRIDE', value: v2.value, source: sourceOf(v2) }] };
}

const lastChar = (k: string): string => k.slice(-1);

/**
 * Sections that more than one config holds: the load cache hands a file's sections, and an
 * opened tree's, to every root of a batch. The merge never changes one in place; it copies it
 * before its first change (copy on write), so most are never copied at all.
 */
const sharedSections = new WeakSet<RawSection>();

export function markShared(config: RawConfig): void {
  for (const section of config.values()) sharedSections.add(section);
}

/**
 * `section` itself when its holder may change it, else a copy it may change. (Here and in the
 * other loops over a profile's ~650 pins, forEach rather than for-of or `new Map(map)`: those
 * allocate an iterator result and a [key, value] pair per option in cold code, a fifth of a
 * run's garbage; measured ~1 ms of ~50.)
 */
export const writable = (section: RawSection): RawSection => {
  if (!sharedSections.has(section)) return section;
  const copy: RawSection = new Map();
  section.forEach((v, k) => copy.set(k, v));
  return copy;
};

/** _update_section(s1, s2): s2's options laid over s1's, `+` applied before `-`. */
export function updateSection(s1in: RawSection, s2in: RawSection): RawSection {
  return updateSectionInto(new Map(s1in), s2in);
}

/** updateSection writing into s1 itself when the caller owns it alone (no copy of a big [versions]). */
function updateSectionInto(s1in: RawSection, s2in: RawSection): RawSection {
  const s1 = writable(s1in);
  let plain = true;
  for (const k of s2in.keys()) if (k.endsWith('+') || k.endsWith('-')) plain = false;
  if (plain) {
    // no `+=`/`-=`: the order of s2's keys is all that matters, and it is kept as is
    s2in.forEach((v2, key) => {
      const v1 = s1.get(key);
      s1.set(key, v1 ? override(v1, v2) : v2);
    });
    return s1;
  }
  const s2 = new Map(s2in);
  const items = [...s2.entries()].sort(
    ([a], [b]) => cmpPy(rstripChars(a, ' +'), rstripChars(b, ' +')) || cmpPy(lastChar(a), lastChar(b)),
  );
  for (const [k, v] of items) {
    const plus = k.endsWith('+');
    if (!plus && !k.endsWith('-')) continue;
    const key = rstripChars(k, plus ? ' +' : ' -');
    const base = s2.get(key) ?? s1.get(key) ?? entry('', 'IMPLICIT_VALUE');
    s2.set(key, plus ? addTo(base, v) : removeFrom(base, v));
    s2.delete(k);
  }
  for (const [key, v2] of s2) {
    const v1 = s1.get(key);
    s1.set(key, v1 ? override(v1, v2) : v2);
  }
  return s1;
}

/** 3.x: a section new to the merge has `k +=` turned into `k[:-2] =` (k[:-2]: 'eggs+' gives 'egg'). */
function newSection3(section: RawSection): RawSection {
  const temp = new Map(section);
  for (const [k] of [...temp.entries()].sort(([a], [b]) => cmpPy(a, b))) {
    const base = k.slice(0, -2);
    const cur = temp.get(k) as Entry;
    if (lastChar(k) === '+' && !temp.has(base)) {
      temp.set(base, cur);
      temp.delete(k);
    } else if (lastChar(k) === '-' && !temp.has(base)) {
      temp.set(base, removeFrom(cur, { value: cur.value, history: [{ op: 'SET', value: cur.value, source: 'IMPLICIT_VALUE' }] }));
      temp.delete(k);
    }
  }
  return updateSection(new Map(), temp);
}

/**
 * _update(d1, d2). Both are consumed: d1 and its sections (but shared ones) are updated in
 * place and returned, and d2's sections move into it, so callers write
 * `d = update(d, more, mode)` and use neither the old d nor `more` again.
 */
export function update(d1: RawConfig, d2: RawConfig, mode: Mode): RawConfig {
  for (const [name, section] of d2) {
    const existing = d1.get(name);
    if (existing) d1.set(name, updateSectionInto(existing, section));
    else if (mode === '3' && !section.has('<')) d1.set(name, newSection3(section));
    else d1.set(name, section);
  }
  return d1;
}
