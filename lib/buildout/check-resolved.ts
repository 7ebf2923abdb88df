// Checks on the merged, resolved profile: references, parts, values an `=` throws away,
// results that differ between zc.buildout 2.13 and 3.x, duplicate eggs, port clashes.
import { BuildoutError } from './errors.js';
import { extendedBy, finding, locate, normalizeName, type Finding, type Severity, type Where } from './check-model.js';
import { refsOf, substitutedParts } from './check-reads.js';
import type { LoadedFile } from './load.js';
import type { Entry, HistoryItem, RawSection } from './merge.js';
import { normpath, splitWs, strip } from './pystr.js';
import { shownValue } from './redact.js';
import { expandMacros, whereOf, type Engine } from './substitute.js';

const VALID = /^\$\{[-a-zA-Z0-9 ._]*:[-a-zA-Z0-9 ._]+\}$/;
const SIMPLE = /^[-a-zA-Z0-9 ._]+\n?$/;

/**
 * Options a recipe sets when buildout initializes its part, so a reference to them resolves at
 * install time although no file sets them: `location` (most recipes) and what the recipes
 * Plone buildouts use are documented to add.
 */
const RECIPE_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
  'collective.recipe.omelette': ['location'],
  'plone.recipe.zope2instance': ['location', 'zope-conf', 'zope-conf-additional'],
  'plone.recipe.zeoserver': ['location', 'zeo-conf'],
  'zc.recipe.egg': ['_b', '_d', '_e', 'executable'],
  'zc.recipe.cmmi': ['location', 'path'],
  'hexagonit.recipe.cmmi': ['location', 'path'],
  'hexagonit.recipe.download': ['location'],
  'plone.recipe.command': ['location'],
  'collective.recipe.template': ['output'],
  'collective.recipe.supervisor': ['location'],
  'gocept.download': ['location'],
  'plone.recipe.varnish': ['location'],
  'z3c.recipe.scripts': ['_b', '_d', '_e', 'executable'],
};

function computedByRecipe(sect: RawSection | undefined, option: string): boolean {
  const recipe = sect?.get('recipe')?.value;
  if (!recipe) return false;
  if (option === 'location') return true;
  return (RECIPE_OUTPUTS[strip(recipe).split(':')[0] as string] ?? []).includes(option);
}

/** Findings in a section `buildout install` reads keep their severity; elsewhere they are info. */
const where = (read: ReadonlySet<string>, section: string, severity: Severity): Severity => (read.has(section) ? severity : 'info');

/** Each section's options after `<=` macros, or the macro error. */
function expandAll(engine: Engine): Map<string, RawSection | BuildoutError> {
  const out = new Map<string, RawSection | BuildoutError>();
  for (const [name, raw] of engine.raw) {
    try {
      out.set(name, expandMacros(engine.raw, name, raw));
    } catch (e) {
      if (!(e instanceof BuildoutError)) throw e;
      out.set(name, e);
    }
  }
  return out;
}

export function references(engine: Engine, root: Where, read: ReadonlySet<string>, extendsUnread: boolean): Finding[] {
  const out: Finding[] = [];
  const expanded = expandAll(engine);
  const unread = (name: string): string => (read.has(name) ? '' : ' (nothing buildout install reads uses this section)');
  // what an extends URL not read offline defines is unknown: a missing name may come from it
  const missing = (name: string): Severity => (extendsUnread ? 'info' : where(read, name, 'error'));
  const maybe = extendsUnread ? ' (or an extends URL not read offline defines it)' : '';
  let deepMacros = false;
  for (const [name, sect] of expanded) {
    if (sect instanceof BuildoutError) {
      // every section of a too deep chain fails alike: once is enough
      if (sect.kind === 'RecursionError' && deepMacros) continue;
      deepMacros ||= sect.kind === 'RecursionError';
      const why = sect.kind === 'RecursionError' ? `macros nested deeper than zc.buildout can follow; it stops with RecursionError: ${sect.message}` : sect.message;
      out.push(finding({ file: sect.file ?? root.file, line: sect.line ?? root.line }, 'macro-error', `[${name}]: ${why}${unread(name)}`, where(read, name, 'error')));
      continue;
    }
    for (const [key, e] of sect) {
      for (const ref of refsOf(e.value)) {
        const at = locate(e, (t) => t.includes(ref), root);
        const s = ref.slice(2, -1).split(':');
        if (!VALID.test(ref) && (s.length !== 2 || !SIMPLE.test(s[0] as string) || !SIMPLE.test(s[1] as string))) {
          out.push(finding(at, 'invalid-reference', `[${name}] ${key}: ${ref} is not a valid reference (\${section:option}, names of letters, digits, space, - . _)${unread(name)}`, where(read, name, 'error')));
          continue;
        }
        const section = s[0] || name;
        const option = s[1] as string;
        const target = expanded.get(section);
        if (target === undefined) {
          out.push(finding(at, 'unresolved-reference', `[${name}] ${key}: ${ref} names section [${section}], which is not defined${unread(name)}${maybe}`, missing(name)));
        } else if (!(target instanceof BuildoutError) && !target.has(option) && option !== '_buildout_section_name_' && !computedByRecipe(target, option)) {
          out.push(finding(at, 'unresolved-reference', `[${name}] ${key}: ${ref}: [${section}] has no option ${option}${unread(name)}${maybe}`, missing(name)));
        }
      }
    }
  }
  // circular references only show when substituting, and so do chains deeper than buildout's
  // recursion limit (reported once: every section of a 20,000-deep chain is one)
  let tooDeep = deepMacros;
  for (const name of engine.raw.keys()) {
    try {
      engine.section(name);
    } catch (e) {
      if (!(e instanceof BuildoutError)) throw e;
      if (e.kind === 'RecursionError' && !tooDeep) {
        tooDeep = true;
        out.push(finding({ file: e.file ?? root.file, line: e.line ?? root.line }, 'load-error', `[${name}]: references nested deeper than zc.buildout can follow; it stops with RecursionError: ${e.message}${unread(name)}`, where(read, name, 'error')));
      } else if (e.message.startsWith('Circular reference')) {
        out.push(finding({ file: e.file ?? root.file, line: e.line ?? root.line }, 'circular-reference', `[${name}]: circular reference in substitutions${unread(name)}`, where(read, name, 'error')));
      }
    }
  }
  return out;
}

export function parts(engine: Engine, root: Where, extendsUnread: boolean): Finding[] {
  const bo = engine.raw.get('buildout');
  const e = bo?.get('parts');
  if (!e) return [finding(root, 'undefined-part', '[buildout] has no parts option')];
  const out: Finding[] = [];
  // buildout substitutes parts before it reads it: `parts = ${buildout:test-parts}` is fine
  for (const part of substitutedParts(engine)) {
    const at = locate(e, (t) => splitWs(t).includes(part), root);
    const raw = engine.raw.get(part);
    if (!raw) {
      out.push(extendsUnread
        ? finding(at, 'undefined-part', `part ${part} is listed in [buildout] parts but no section [${part}] defines it (or an extends URL not read offline does)`, 'info')
        : finding(at, 'undefined-part', `part ${part} is listed in [buildout] parts but no section [${part}] defines it`));
      continue;
    }
    try {
      if (!expandMacros(engine.raw, part, raw).get('recipe')?.value) {
        out.push(finding(at, 'part-without-recipe', `part ${part} has no recipe; buildout install stops with "Missing option: ${part}:recipe"`));
      }
    } catch { /* reported as macro-error */ }
  }
  return out;
}

const fileSource = (h: HistoryItem): Where | null => (typeof h.source === 'string' ? null : h.source);

/**
 * What a later `=` silently throws away, when the lines are really gone from the result: lines
 * an earlier `+=` of another file added, or (the zopeskel.unis trap) parts an earlier
 * `[buildout] parts =` listed in a file the one with the `=` does not extend (it cannot have
 * meant to replace what it never saw). An `=` over an `=` is otherwise what extends is for,
 * and an empty `=` is an explicit reset: neither is a finding.
 */
export function discardedValues(engine: Engine, files: readonly LoadedFile[], versionsSection: string, read: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const below = new Map<string, Set<string>>();
  const extendsOf = (file: string): Set<string> => {
    const key = normpath(file);
    let s = below.get(key);
    if (!s) {
      s = new Set<string>();
      for (const f of files) if (normpath(f.name) === key) for (const n of extendedBy(files, f.name)) s.add(normpath(n));
      below.set(key, s);
    }
    return s;
  };
  const lines = (v: string): string[] => v.split('\n').map((l) => strip(l)).filter((l) => l);
  for (const [section, raw] of engine.raw) {
    if (section === versionsSection) continue; // pin-conflict covers pins
    for (const [key, e] of raw) {
      const final = new Set(lines(e.value));
      const partsKey = section === 'buildout' && key === 'parts';
      let current: HistoryItem[] = [];
      for (const h of e.history) {
        const src = fileSource(h);
        if ((h.op === 'OVERRIDE' || h.op === 'SET') && src && current.length && strip(h.value)) {
          const lost = current.filter((c) => {
            const cs = fileSource(c);
            if (!cs || normpath(cs.file) === normpath(src.file)) return false;
            // a `+=` is lost to any later `=`; a parts `=` only to one that never saw it
            if (c.op !== 'ADD' && !(partsKey && c.op !== 'REMOVE' && !extendsOf(src.file).has(normpath(cs.file)))) return false;
            return lines(c.value).some((l) => !final.has(l) && (!partsKey || engine.raw.has(l)));
          });
          if (lost.length) {
            const gone = [...new Set(lost.flatMap((c) => lines(c.value)).filter((l) => !final.has(l)))];
            const what = lost.map((c) => `${normpath((c.source as Where).file)}:${(c.source as Where).line} (${c.op === 'ADD' ? '+=' : '='})`).join(', ');
            out.push(finding(src, 'discarded-values',
              `[${section}] ${key} = here discards ${gone.map((l) => shownValue(key, l)).join(' ')}, set by ${what}; use \`${key} +=\` after one \`${key} =\` in a file extended first`,
              read.has(section) ? 'error' : 'info'));
          }
        }
        if (h.op === 'ADD' || h.op === 'REMOVE') current.push(h);
        else if (h.op !== 'DIRECTORY') current = [h];
      }
    }
  }
  return out;
}

/** Values that zc.buildout 2.13 and 3.x resolve differently (substituted where both can be): a warning where install reads them. */
export function versionDiff(e213: Engine, e3: Engine, root: Where, read: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const value = (engine: Engine, section: string, key: string): string | undefined => {
    const raw = engine.raw.get(section)?.get(key)?.value;
    if (raw === undefined || !raw.includes('${')) return raw;
    try {
      return engine.section(section).get(key);
    } catch (e) {
      if (e instanceof BuildoutError) return raw;
      throw e;
    }
  };
  const names = new Set([...e213.raw.keys(), ...e3.raw.keys()]);
  for (const section of names) {
    const a = e213.raw.get(section) ?? new Map<string, Entry>();
    const b = e3.raw.get(section) ?? new Map<string, Entry>();
    // 2.13 keeps `k +=` on a new section as a raw key 'k +': one finding, for k, says so
    const leftover = (m: Map<string, Entry>, key: string): string | undefined => [...m.keys()].find((k) => k !== key && /[+-]$/.test(k) && k.slice(0, -1).trimEnd() === key);
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      if (/[+-]$/.test(key) && (a.has(key.slice(0, -1).trimEnd()) || b.has(key.slice(0, -1).trimEnd()))) continue;
      if (a.get(key)?.value === b.get(key)?.value) continue;
      const va = value(e213, section, key);
      const vb = value(e3, section, key);
      if (va === vb) continue;
      const raw = leftover(a, key) ?? leftover(b, key);
      const at = whereOf(a.get(key)) ?? whereOf(b.get(key)) ?? (raw ? whereOf(a.get(raw) ?? b.get(raw)) : undefined) ?? root;
      const show = (v: string | undefined, m: Map<string, Entry>): string => {
        const left = leftover(m, key);
        return v === undefined ? (left ? `absent (a raw key '${left}' instead)` : 'absent') : JSON.stringify(shownValue(key, v));
      };
      out.push(finding(at, 'version-dependent', `[${section}] ${key} is ${show(va, a)} under zc.buildout 2.13 but ${show(vb, b)} under 3.x`, read.has(section) ? 'warning' : 'info'));
    }
  }
  return out;
}

function eggName(line: string): string | null {
  const m = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(strip(line));
  return m ? normalizeName(m[0]) : null;
}

function duplicatesIn(value: string): Map<string, string> {
  const seen = new Set<string>();
  const dups = new Map<string, string>();
  for (const line of value.split('\n')) {
    const egg = eggName(line);
    if (egg && seen.has(egg)) dups.set(egg, strip(line));
    if (egg) seen.add(egg);
  }
  return dups;
}

/** An egg listed twice in one resolved `eggs` value (once: not again where `${x:eggs}` copies it). */
export function duplicateEggs(engine: Engine, root: Where): Finding[] {
  const out: Finding[] = [];
  const dups = new Map<string, Map<string, string>>();
  for (const [name, s] of engine.sections) {
    try {
      const value = s.get('eggs');
      if (value !== undefined) dups.set(name, duplicatesIn(value));
    } catch { /* reported as a reference problem */ }
  }
  for (const [name, found] of dups) {
    const e = engine.sections.get(name)?.entry('eggs');
    const inherited = new Set<string>();
    for (const ref of refsOf(e?.value ?? '')) {
      const [sec = '', opt] = ref.slice(2, -1).split(':');
      if (opt === 'eggs') for (const egg of dups.get(sec || name)?.keys() ?? []) inherited.add(egg);
    }
    for (const [egg, line] of found) {
      if (inherited.has(egg)) continue;
      const at = locate(e, (t) => t.split('\n').some((l) => eggName(l) === egg), root);
      out.push(finding(at, 'duplicate-egg', `[${name}] eggs lists ${line} twice`));
    }
  }
  return out;
}

/** Two [ports] names with the same port on the same [hosts] host. */
export function portConflicts(engine: Engine, root: Where): Finding[] {
  if (!engine.raw.has('ports')) return [];
  const out: Finding[] = [];
  const value = (section: string, key: string): string | undefined => {
    try {
      return engine.raw.has(section) ? engine.section(section).get(key) : undefined;
    } catch {
      return undefined;
    }
  };
  const users = new Map<string, string>();
  for (const key of engine.raw.get('ports')?.keys() ?? []) {
    const port = strip(value('ports', key) ?? '');
    // placeholders (xxxx, ${...} left for a recipe) are not ports
    if (!/^\d+$/.test(port) || key.startsWith('<')) continue;
    const host = strip(value('hosts', key) ?? '');
    const id = `${host}\0${port}`;
    const prev = users.get(id);
    if (prev !== undefined) {
      const at = whereOf(engine.raw.get('ports')?.get(key)) ?? root;
      out.push(finding(at, 'port-conflict', `port ${port}${host ? ` on ${host}` : ''} is used by both [ports] ${prev} and ${key}`));
    } else users.set(id, key);
  }
  return out;
}
