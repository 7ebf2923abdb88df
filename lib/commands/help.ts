// --help of a command and of the whole bin, from the declarations, wrapped at the terminal's
// width. The usage line names the entry point that was run.
import type { CommandSpec, Entry } from './command.js';

const invocation = (spec: CommandSpec, entry: Entry): string =>
  entry === 'yo' ? `yo plonefactory${spec.name === 'app' ? '' : `:${spec.name}`}` : `plonefactory${spec.name === 'app' ? '' : ` ${spec.name}`}`;

/** Words of `text` in lines of at most `width` columns, each after `indent` spaces but the first. */
function wrap(text: string, width: number, indent: number): string {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (cur && indent + cur.length + 1 + word.length > width) {
      lines.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  lines.push(cur);
  return lines.join(`\n${' '.repeat(indent)}`);
}

function table(rows: ReadonlyArray<readonly [string, string]>, width: number): string[] {
  const left = Math.min(28, Math.max(...rows.map(([l]) => l.length)) + 4);
  // a left column too long for its place puts its text on the next line
  return rows.map(([l, r]) => (l.length + 2 < left ? `  ${l.padEnd(left - 2)}${wrap(r, width, left)}` : `  ${l}\n${' '.repeat(left)}${wrap(r, width, left)}`));
}

export const terminalWidth = (): number => Math.max(60, Math.min(120, process.stdout.columns || 80));

export function commandHelp(spec: CommandSpec, entry: Entry, width = terminalWidth()): string {
  const args = spec.args.map((a) => (a.variadic ? `[${a.name.toUpperCase()}...]` : `[${a.name.toUpperCase()}]`));
  const out = [`Usage: ${[invocation(spec, entry), ...args, '[options]'].join(' ')}`, '', wrap(spec.summary, width, 0)];
  if (spec.args.length) out.push('', 'Arguments:', ...table(spec.args.map((a) => [a.name.toUpperCase(), a.description] as const), width));
  const options = Object.entries(spec.options).map(([name, o]) => [`--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`, o.description] as const);
  out.push('', 'Options:', ...table([...options, ['--help', 'Show this help']], width));
  if (spec.examples.length) {
    const prefix = invocation(spec, entry);
    out.push('', 'Examples:', ...spec.examples.map((e) => `  ${prefix}${e ? ` ${e}` : ''}`));
  }
  return out.join('\n');
}

export function binHelp(specs: readonly CommandSpec[], width = terminalWidth()): string {
  return [
    'Usage: plonefactory [generator] [arguments] [options]',
    '',
    'Generators:',
    ...table(specs.map((s) => [s.name, s.summary] as const), width),
    '',
    'plonefactory GENERATOR --help lists the options of one generator.',
    'The same generators run under yo as `yo plonefactory[:generator]`.',
  ].join('\n');
}
