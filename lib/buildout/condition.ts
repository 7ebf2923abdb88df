// Conditional section headers `[name:expr]`: buildout eval()s `[expr]` as Python with a few
// globals (configparser._default_globals). We evaluate the small subset people write:
// names, dotted names (sys.platform, os.name), string/number literals, True/False/None,
// not/and/or, ==, !=, in, not in, parentheses. Anything else is a ConditionError.
import { BuildoutError } from './errors.js';

export type PyValue = boolean | string | number | null;

export interface ConditionContext {
  python: string; // 'major.minor', e.g. '3.11'
  platform: string; // sys.platform
  /** Which pythonXY names exist (2.13 knows 24..36; 3.x+ knows up to 315). */
  minorNames: readonly string[];
}

const MINOR_213 = ['24', '25', '26', '27', '30', '31', '32', '33', '34', '35', '36'];
const MINOR_3 = [...MINOR_213, '37', '38', '39', '310', '311', '312', '313', '314', '315'];

export function defaultContext(mode: '2.13' | '3', python = '3.11'): ConditionContext {
  return { python, platform: 'linux', minorNames: mode === '2.13' ? MINOR_213 : MINOR_3 };
}

export function conditionGlobals(ctx: ConditionContext): Map<string, PyValue> {
  const [major = '3', minor = ''] = ctx.python.split('.');
  const g = new Map<string, PyValue>([
    ['python2', major === '2'], ['python3', major === '3'],
    ['cpython', true], ['pypy', false], ['jython', false], ['ironpython', false],
    ['linux', ctx.platform.includes('linux')], ['windows', ctx.platform.includes('win32')],
    ['cygwin', ctx.platform.includes('cygwin')], ['solaris', ctx.platform.includes('sunos')],
    ['macosx', ctx.platform.includes('darwin')], ['posix', ctx.platform !== 'win32'],
    ['bits32', false], ['bits64', true], ['little_endian', true], ['big_endian', false],
    ['sys.platform', ctx.platform], ['os.name', ctx.platform === 'win32' ? 'nt' : 'posix'],
    ['True', true], ['False', false], ['None', null],
  ]);
  for (const v of ctx.minorNames) g.set('python' + v, major + minor === v);
  return g;
}

const truthy = (v: PyValue): boolean => v !== null && v !== false && v !== 0 && v !== '';

type Tok = { t: 'name' | 'str' | 'num' | 'op'; v: string };

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  const re = /\s*(?:([A-Za-z_][\w.]*)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(\d+)|(==|!=|[(),]))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new Error(`unsupported syntax at ${JSON.stringify(src.slice(pos))}`);
    pos = re.lastIndex;
    if (m[1] !== undefined) toks.push({ t: 'name', v: m[1] });
    else if (m[2] !== undefined) toks.push({ t: 'str', v: m[2] });
    else if (m[3] !== undefined) toks.push({ t: 'str', v: m[3] });
    else if (m[4] !== undefined) toks.push({ t: 'num', v: m[4] });
    else toks.push({ t: 'op', v: m[5] as string });
  }
  return toks;
}

class Parser {
  private i = 0;
  constructor(private toks: Tok[], private g: Map<string, PyValue>) {}
  private peek(v?: string): boolean {
    const t = this.toks[this.i];
    return t !== undefined && (v === undefined || ((t.t === 'op' || t.t === 'name') && t.v === v));
  }
  private take(v: string): boolean {
    if (!this.peek(v)) return false;
    this.i++;
    return true;
  }
  list(): PyValue {
    const first = this.or();
    while (this.take(',')) if (this.peek() && !this.peek(')')) this.or();
    if (this.i < this.toks.length) throw new Error('unexpected ' + (this.toks[this.i] as Tok).v);
    return first;
  }
  private or(): PyValue {
    let v = this.and();
    while (this.take('or')) { const r = this.and(); v = truthy(v) ? v : r; }
    return v;
  }
  private and(): PyValue {
    let v = this.not();
    while (this.take('and')) { const r = this.not(); v = truthy(v) ? r : v; }
    return v;
  }
  private not(): PyValue {
    if (this.take('not')) return !truthy(this.not());
    return this.cmp();
  }
  private cmp(): PyValue {
    const a = this.atom();
    if (this.take('==')) return a === this.atom();
    if (this.take('!=')) return a !== this.atom();
    if (this.take('in')) return this.contains(this.atom(), a);
    if (this.peek('not') && this.toks[this.i + 1]?.v === 'in') { this.i += 2; return !this.contains(this.atom(), a); }
    return a;
  }
  private contains(hay: PyValue, needle: PyValue): boolean {
    if (typeof hay !== 'string' || typeof needle !== 'string') throw new Error('`in` needs strings');
    return hay.includes(needle);
  }
  private atom(): PyValue {
    const t = this.toks[this.i++];
    if (!t) throw new Error('unexpected end');
    if (t.t === 'str') return t.v.replace(/\\(.)/g, '$1');
    if (t.t === 'num') return Number(t.v);
    if (t.t === 'op' && t.v === '(') { const v = this.or(); if (!this.take(')')) throw new Error('missing )'); return v; }
    if (t.t === 'name' && this.g.has(t.v)) return this.g.get(t.v) as PyValue;
    // a pythonXY this zc.buildout does not know (2.13 stops at python36): eval's own NameError
    if (t.t === 'name' && /^python\d+$/.test(t.v)) throw new PyNameError(`name '${t.v}' is not defined`);
    throw new Error(`name '${t.v}' is not defined or not supported`);
  }
}

/** What Python's eval raises for an unknown name; buildout lets it through as is. */
class PyNameError extends Error {}

export function evaluateCondition(expression: string, ctx: ConditionContext, where: { file: string; line: number }): boolean {
  try {
    return truthy(new Parser(tokenize(expression), conditionGlobals(ctx)).list());
  } catch (e) {
    if (e instanceof PyNameError) throw new BuildoutError('NameError', e.message, where);
    const why = e instanceof Error ? e.message : String(e);
    throw new BuildoutError('ConditionError', `Cannot evaluate section condition ${JSON.stringify(expression)}: ${why}`, where);
  }
}
