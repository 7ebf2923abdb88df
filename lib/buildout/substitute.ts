// Late, lazy substitution and macros: a port of zc.buildout's Buildout.__getitem__ and Options
// (_initialize, _do_extend_raw, _dosub, get, _sub), minus recipe loading. A section is
// initialized the first time it is asked for; a section with a `recipe` becomes a part then
// (that is how implicit parts come about), in the order buildout would install them.
import { BuildoutError } from './errors.js';
import { updateSection, type Entry, type RawConfig, type RawSection } from './merge.js';
import { cmpPy, pyRepr, splitWs, strip } from './pystr.js';
import { checkDepth } from './recursion.js';

const VALID = /^\$\{[-a-zA-Z0-9 ._]*:[-a-zA-Z0-9 ._]+\}$/;
const SIMPLE = /^[-a-zA-Z0-9 ._]+\n?$/;

type Seen = Array<[string, string]>;

/** file:line of the text that made an option's value, when a file made it. */
export function whereOf(e: Entry | undefined): { file: string; line: number } | undefined {
  if (!e) return undefined;
  for (let i = e.history.length - 1; i >= 0; i--) {
    const src = (e.history[i] as Entry['history'][number]).source;
    if (typeof src !== 'string') return src;
  }
  return undefined;
}

/**
 * Each config's expanded sections: a macro chain is expanded once, not again for every section
 * that uses it (a 1,500-deep chain took seconds). The raw config is complete before anything
 * is expanded and not changed after, so an expansion stays valid; an expansion that failed is
 * not kept (a loop fails from wherever it is entered).
 */
const expansions = new WeakMap<RawConfig, Map<string, { data: RawSection; result: RawSection; depth: number }>>();

/** Options._do_extend_raw: a section's raw options with its `<=` macros applied. */
export function expandMacros(raw: RawConfig, name: string, data: RawSection, doing = new Set<string>()): RawSection {
  if (name === 'buildout') return data;
  const todo = data.get('<');
  if (!todo) return data;
  let memo = expansions.get(raw);
  const known = memo?.get(name);
  // buildout expands the whole chain every time: its recursion limit counts a known one's depth
  if (known && known.data === data) {
    checkDepth('macro', doing.size + known.depth, whereOf(todo));
    return known.result;
  }
  if (doing.has(name)) throw new BuildoutError('UserError', `Infinite extending loop ${pyRepr(name)}`, whereOf(todo));
  // the sections being expanded, one inside the other (a Set: a chain may be a thousand deep)
  doing.add(name);
  try {
    checkDepth('macro', doing.size, whereOf(todo));
    let result: RawSection = new Map();
    let depth = 1;
    for (const line of todo.value.split('\n')) {
      const iname = strip(line);
      if (!iname) continue;
      const inner = raw.get(iname);
      if (!inner) throw new BuildoutError('UserError', `No section named ${pyRepr(iname)}`, whereOf(todo));
      for (const [k, v] of expandMacros(raw, iname, inner, doing)) result.set(k, v);
      depth = Math.max(depth, 1 + (expansions.get(raw)?.get(iname)?.depth ?? 0));
    }
    result = updateSection(result, data);
    result.delete('<');
    if (!memo) expansions.set(raw, (memo = new Map()));
    memo.set(name, { data, result, depth });
    return result;
  } finally {
    doing.delete(name);
  }
}

export class Section {
  raw: RawSection;
  readonly cooked = new Map<string, string>();
  readonly data = new Map<string, string>();

  constructor(readonly engine: Engine, readonly name: string, raw: RawSection) {
    this.raw = raw;
  }

  initialize(): void {
    if (this.raw.has('<')) this.raw = expandMacros(this.engine.raw, this.name, this.raw);
    // in key order, as buildout does; only values with a reference need the work
    const refs: Array<[string, string]> = [];
    this.raw.forEach((e, k) => {
      if (e.value.includes('${')) refs.push([k, e.value]);
    });
    for (const [k, v] of refs.sort(([a], [b]) => cmpPy(a, b))) this.dosub(k, v);
    if (this.name === 'buildout') return;
    for (const dname of splitWs(this.get('<part-dependencies>') ?? '')) this.engine.section(dname);
    if (this.get('recipe')) this.engine.parts.push(this.name);
  }

  private dosub(option: string, v: string): void {
    const seen: Seen = [[this.name, option]];
    this.cooked.set(option, v.split('$$').map((s) => this.sub(s, seen)).join('$$'));
  }

  get(option: string, seen?: Seen): string | undefined {
    const have = this.data.get(option);
    if (have !== undefined) return have;
    let v = this.cooked.get(option) ?? this.raw.get(option)?.value;
    if (v === undefined) return undefined;
    // a value without a reference is its own result: nothing to remember
    if (!v.includes('${')) return v;
    if (!seen) seen = [[this.name, option]];
    else if (seen.some(([s, o]) => s === this.name && o === option)) {
      throw new BuildoutError('UserError', 'Circular reference in substitutions.\n', whereOf(this.raw.get(option)));
    } else seen.push([this.name, option]);
    const s = seen;
    v = v.split('$$').map((part) => this.sub(part, s)).join('$$');
    seen.pop();
    this.data.set(option, v);
    return v;
  }

  private sub(template: string, seen: Seen): string {
    const current = seen[seen.length - 1];
    const where = current && current[0] === this.name ? whereOf(this.raw.get(current[1])) : undefined;
    const fail = (kind: 'UserError' | 'MissingOption', message: string): never => {
      throw new BuildoutError(kind, message, where);
    };
    const parts = template.split(/(\$\{[^}]*\})/);
    let out = '';
    parts.forEach((piece, i) => {
      if (i % 2 === 0) {
        out += piece;
        return;
      }
      const s = piece.slice(2, -1).split(':');
      if (!VALID.test(piece)) {
        if (s.length < 2) fail('UserError', `The substitution, ${piece},\ndoesn't contain a colon.`);
        if (s.length > 2) fail('UserError', `The substitution, ${piece},\nhas too many colons.`);
        if (!SIMPLE.test(s[0] as string)) fail('UserError', `The section name in substitution, ${piece},\nhas invalid characters.`);
        if (!SIMPLE.test(s[1] as string)) fail('UserError', `The option name in substitution, ${piece},\nhas invalid characters.`);
      }
      const section = s[0] || this.name;
      const option = s[1] as string;
      let v: string | undefined;
      checkDepth('substitution', ++this.engine.depth, where);
      try {
        v = this.engine.section(section).get(option, seen);
      } finally {
        this.engine.depth--;
      }
      if (v === undefined) {
        if (option !== '_buildout_section_name_') {
          fail('MissingOption', `Referenced option does not exist: ${section} ${option}`);
        }
        v = this.name;
      }
      out += v;
    });
    return out;
  }

  /** Options.__getitem__ */
  item(key: string): string {
    const v = this.get(key);
    if (v === undefined) throw new BuildoutError('MissingOption', `Missing option: ${this.name}:${key}`);
    return v;
  }

  set(key: string, value: string): void {
    this.data.set(key, value);
  }

  keys(): string[] {
    return [...this.raw.keys(), ...[...this.data.keys()].filter((k) => !this.raw.has(k))];
  }

  /** The raw entry (with its history) behind a key, after macro expansion. */
  entry(key: string): Entry | undefined {
    return this.raw.get(key);
  }
}

export class Engine {
  readonly sections = new Map<string, Section>();
  readonly parts: string[] = [];
  /** References being followed, one inside the other (buildout recurses through them). */
  depth = 0;

  constructor(readonly raw: RawConfig) {}

  /** Buildout.__getitem__ */
  section(name: string): Section {
    const have = this.sections.get(name);
    if (have) return have;
    const data = this.raw.get(name);
    if (!data) throw new BuildoutError('MissingSection', `The referenced section, ${pyRepr(name)}, was not defined.`);
    const s = new Section(this, name, data);
    this.sections.set(name, s);
    s.initialize();
    return s;
  }
}
