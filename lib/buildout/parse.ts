// Lossless document model of a buildout file, and zc.buildout's configparser semantics on it.
// Every line is kept with its own end-of-line, so serialize(parse(t)) === t. The scanner is a
// line-for-line port of zc/buildout/configparser.py:parse (2.13; identical in 3.x..5.x).
import type { ParseError } from './errors.js';
import { dedent, dropLeadingBlankLines, isSpace, pyRepr, rstripChars, strip } from './pystr.js';

export interface DocLine {
  /** The line without its end-of-line. */
  text: string;
  /** '\n', '\r\n', '\r' or '' (last line without a newline). */
  eol: string;
}

export type LineRole = 'blank' | 'comment' | 'header' | 'option' | 'continuation' | 'error' | 'ignored';

export type Operator = '=' | '+=' | '-=' | '<=';

export interface OptionNode {
  /** buildout's internal key: 'eggs', 'eggs +', 'eggs+', 'eggs -', '<', '<part-dependencies>'. */
  key: string;
  /** The option the key acts on ('eggs' for 'eggs +'; '<' for a macro). */
  name: string;
  op: Operator;
  /** 0-based index of the `name = value` line. */
  line: number;
  /** 0-based index after the last continuation line that carries data. */
  end: number;
  /** The value as buildout's configparser reads it. */
  value: string;
}

export interface SectionNode {
  name: string;
  /** The `:expr` of a conditional header, or null. */
  expression: string | null;
  /** 0-based index of the header line. */
  line: number;
  /** 0-based index of the next header (or the number of lines). */
  end: number;
  options: OptionNode[];
}

export interface BuildoutDoc {
  file: string;
  lines: DocLine[];
  roles: LineRole[];
  /** Header blocks in file order; a repeated header makes a second block of the same name. */
  sections: SectionNode[];
  errors: ParseError[];
}

/** What configparser.parse returns: section -> key -> value, with the 1-based line of the key. */
export type ConfigData = Map<string, Map<string, { value: string; line: number }>>;

/** Decides a conditional header; throws to abort like a Python eval error would. */
export type ConditionEvaluator = (expression: string, line: number) => boolean;

// Header and option lines are read by hand, one pass over the line, in place of configparser's
// section_header and option_start regexes: their backtracking took time growing with the
// square of a line's length (a 30 KB line of spaces: seconds). Each function below says which
// match of the regex it reproduces.
const NOT_IN_NAME = '{}[]=:';
const NOT_IN_SECTION = '#[]:;{}';

/** The end of the run of characters from `i` that are neither whitespace nor in `excluded`. */
function runEnd(text: string, i: number, excluded: string): number {
  while (i < text.length && !isSpace(text[i]) && !excluded.includes(text[i] as string)) i++;
  return i;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text[i])) i++;
  return i;
}

export function splitLines(text: string): DocLine[] {
  const lines: DocLine[] = [];
  let start = 0;
  if (!text.includes('\r')) {
    // the usual file: indexOf is cheaper than a regex run per line
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      lines.push({ text: text.slice(start, nl), eol: '\n' });
      start = nl + 1;
    }
  } else {
    const re = /\r\n|\r|\n/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      lines.push({ text: text.slice(start, m.index), eol: m[0] });
      start = m.index + m[0].length;
    }
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

export function operatorOf(key: string): { name: string; op: Operator } {
  if (key === '<') return { name: '<', op: '<=' };
  if (key.endsWith('+')) return { name: rstripChars(key, ' +'), op: '+=' };
  if (key.endsWith('-')) return { name: rstripChars(key, ' -'), op: '-=' };
  return { name: key, op: '=' };
}

/**
 * section_header: `[`, space, a name (no space, `#[]:;{}`), space, then either `:expression`
 * (anything but `#;`, up to the last `]` that only space, a comment or the end follows: the
 * regex's greedy match) or directly that `]`.
 */
export function matchHeader(text: string): { name: string; expression: string | null } | null {
  if (text[0] !== '[') return null;
  const start = skipSpace(text, 1);
  const end = runEnd(text, start, NOT_IN_SECTION);
  if (end === start) return null;
  const k = skipSpace(text, end);
  if (text[k] === ':') {
    let comment = k + 1;
    while (comment < text.length && text[comment] !== '#' && text[comment] !== ';') comment++;
    let close = comment;
    while (close > k + 1 && isSpace(text[close - 1])) close--;
    close--;
    if (close <= k || text[close] !== ']') return null;
    return { name: text.slice(start, end), expression: text.slice(k + 1, close) };
  }
  if (text[k] !== ']') return null;
  const after = skipSpace(text, k + 1);
  if (after < text.length && text[after] !== '#' && text[after] !== ';') return null;
  return { name: text.slice(start, end), expression: null };
}

/**
 * option_start: a name (no space, `{}[]=:`), space, an optional `+`/`-`, then `=`; the key is
 * that much with its trailing space stripped, the value the rest stripped. The name is the
 * longest run: no shorter one can be followed by space, an operator and `=`.
 */
export function matchOption(text: string): { key: string; value: string } | null {
  const line = text.startsWith('=>') ? '<part-dependencies> = ' + text.slice(2) : text;
  const end = runEnd(line, 0, NOT_IN_NAME);
  if (end === 0) return null;
  let eq = skipSpace(line, end);
  const op = line[eq] === '+' || line[eq] === '-';
  if (op) eq++;
  if (line[eq] !== '=') return null;
  return { key: op ? line.slice(0, eq) : line.slice(0, end), value: strip(line.slice(eq + 1)) };
}

/** configparser's last step: a value whose first character is whitespace is dedented. */
function finishValue(raw: string): string {
  return isSpace(raw[0]) ? dropLeadingBlankLines(dedent(rstripChars(raw))) : raw;
}

export interface ScanResult {
  roles: LineRole[];
  sections: SectionNode[];
  errors: ParseError[];
  data: ConfigData;
}

/**
 * One pass of configparser over the lines. Without an evaluator every conditional header is
 * taken as true (the structural view an editor needs). `accumulate`: zc.buildout 3+'s parser
 * (checked against 5.2), where a repeated `k +=`/`k -=` in one file adds to the earlier one
 * (for conditional sections) and a later `k =` drops the `k +=`/`k -=` before it; 2.13's
 * last one wins.
 */
export function scan(file: string, lines: readonly DocLine[], evaluate?: ConditionEvaluator, accumulate = false): ScanResult {
  const roles: LineRole[] = [];
  const sections: SectionNode[] = [];
  const errors: ParseError[] = [];
  const data: ConfigData = new Map();
  let condition = true;
  let cursect: Map<string, { value: string; line: number }> | null = null;
  let curNode: OptionNode | null = null;
  let blockmode = false;
  let rawValue = '';
  let missingHeader = false;

  // true once continuation lines were added to the current option: a value on its one line
  // is already final (stripped, so it has no indentation to dedent)
  let continued = false;
  // accumulate: the raw (not yet dedented) value of each `+=`/`-=` key of each section, and
  // the current option's, when it adds to an earlier one
  const raws = new Map<Map<string, { value: string; line: number }>, Map<string, string>>();
  let accRaw: string | null = null;
  const flush = (): void => {
    if (!continued || !curNode || !cursect) return;
    continued = false;
    curNode.value = finishValue(rawValue);
    const entry = cursect.get(curNode.key);
    if (accRaw !== null) {
      raws.get(cursect)?.set(curNode.key, accRaw);
      if (entry) entry.value = finishValue(accRaw);
    } else if (entry && entry.line === curNode.line + 1) entry.value = curNode.value;
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as DocLine;
    const text = l.text;
    const first = text.length ? text[0] : l.eol ? '\n' : '';
    if (first === '#' || first === ';') {
      roles.push('comment');
      continue;
    }
    if (isSpace(first) && cursect !== null && curNode !== null) {
      if (!condition) {
        roles.push('ignored');
        continue;
      }
      const piece = blockmode ? rstripChars(text) : strip(text);
      if (!blockmode && !piece) {
        roles.push('blank');
        continue;
      }
      rawValue += '\n' + piece;
      if (accRaw !== null) accRaw += '\n' + piece;
      else if (accumulate && (curNode.op === '+=' || curNode.op === '-=')) raws.get(cursect)?.set(curNode.key, rawValue);
      continued = true;
      roles.push(piece ? 'continuation' : 'blank');
      if (piece) curNode.end = i + 1;
      continue;
    }
    // a header starts with `[`: most lines are options, spare them the header scan
    const header = first === '[' ? matchHeader(text) : null;
    if (header) {
      roles.push('header');
      flush();
      const last = sections[sections.length - 1];
      if (last) last.end = i;
      sections.push({ name: header.name, expression: header.expression, line: i, end: lines.length, options: [] });
      condition = true;
      const expr = header.expression;
      if (expr && evaluate) {
        condition = evaluate(expr.replaceAll('\\x23', '#').replaceAll('\\x3b', ';'), i + 1);
        if (!condition) continue; // cursect and the current option stay as they were
      }
      let sect = data.get(header.name);
      if (!sect) data.set(header.name, (sect = new Map()));
      cursect = sect;
      curNode = null;
      continue;
    }
    if (cursect === null) {
      if (!strip(text)) {
        roles.push('blank');
        continue;
      }
      roles.push('error');
      if (!missingHeader) {
        missingHeader = true;
        errors.push({
          file, line: i + 1, kind: 'MissingSectionHeaderError',
          message: `File contains no section headers.\nfile: ${file}, line: ${i + 1}\n${pyRepr(text + (l.eol ? '\n' : ''))}`,
        });
      }
      continue;
    }
    const opt = matchOption(text);
    if (opt) {
      if (!condition) {
        roles.push('ignored');
        continue;
      }
      flush();
      roles.push('option');
      const { name, op } = operatorOf(opt.key);
      curNode = { key: opt.key, name, op, line: i, end: i + 1, value: opt.value };
      (sections[sections.length - 1] as SectionNode).options.push(curNode);
      rawValue = opt.value;
      blockmode = !opt.value;
      accRaw = null;
      if (accumulate) {
        let sectRaws = raws.get(cursect);
        if (!sectRaws) raws.set(cursect, (sectRaws = new Map()));
        const before = sectRaws.get(opt.key);
        if ((op === '+=' || op === '-=') && cursect.has(opt.key) && before !== undefined) {
          accRaw = rstripChars(before) + (opt.value ? '\n' + opt.value : '');
          sectRaws.set(opt.key, accRaw);
          cursect.set(opt.key, { value: finishValue(accRaw), line: i + 1 });
          continue;
        }
        if (op === '=') {
          for (const k of [`${name} +`, `${name} -`]) {
            cursect.delete(k);
            sectRaws.delete(k);
          }
        }
        if (op === '+=' || op === '-=') sectRaws.set(opt.key, opt.value);
      }
      cursect.set(opt.key, { value: opt.value, line: i + 1 });
      continue;
    }
    if (curNode === null && !strip(text)) {
      roles.push('blank');
      continue;
    }
    roles.push('error');
    errors.push({ file, line: i + 1, kind: 'ParsingError', message: `[line ${String(i + 1).padStart(2)}]: ${pyRepr(text + (l.eol ? '\n' : ''))}` });
  }
  flush();
  return { roles, sections, errors, data };
}

export function parse(text: string, file = '<string>'): BuildoutDoc {
  const lines = splitLines(text);
  const { roles, sections, errors } = scan(file, lines);
  return { file, lines, roles, sections, errors };
}

/** The whole message buildout raises for a file's parse errors (first fatal one wins). */
export function parseErrorMessage(file: string, errors: readonly ParseError[]): { kind: ParseError['kind']; message: string } | null {
  const first = errors[0];
  if (!first) return null;
  if (first.kind !== 'ParsingError') return { kind: first.kind, message: first.message };
  const parsing = errors.filter((e) => e.kind === 'ParsingError');
  return { kind: 'ParsingError', message: `File contains parsing errors: ${file}` + parsing.map((e) => '\n\t' + e.message).join('') };
}

// ---- queries on the model ----

export function sectionBlocks(doc: BuildoutDoc, name: string): SectionNode[] {
  return doc.sections.filter((s) => s.name === name);
}

/** Split a value into its lines the way `+=`/`-=` see them. */
export function valueLines(value: string): string[] {
  return value.split('\n');
}
