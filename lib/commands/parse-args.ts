// A command line against its declaration, strictly: an unknown or misspelt option, a missing
// value or a word too many is a usage error (exit 2) naming it, with the nearest option when
// it looks like a typo. Both entry points parse with this (the Yeoman shell rebuilds the
// command line from what yo parsed), so they reject the same typos.
import { parseArgs } from 'node:util';
import { UsageError } from '../generator/usage-error.js';
import type { CommandSpec, ParsedCommand } from './command.js';

/** Edit distance, for "did you mean": command lines are short, a plain table is enough. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

export function nearest(word: string, known: readonly string[]): string | undefined {
  const scored = known.map((k) => ({ k, d: k.startsWith(word) || word.startsWith(k) ? 1 : distance(word, k) })).sort((x, y) => x.d - y.d);
  const best = scored[0];
  return best && best.d <= Math.max(1, Math.floor(word.length / 3)) ? best.k : undefined;
}

export const optionList = (spec: CommandSpec): string => [...Object.keys(spec.options), 'help'].map((o) => `--${o}`).join(', ');

export function parseCommand(spec: CommandSpec, argv: readonly string[]): ParsedCommand {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const [name, o] of Object.entries(spec.options)) options[name] = { type: o.type };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    const unknown = /Unknown option '(?:--)?-?([^']+)'/.exec((e as Error).message)?.[1];
    if (unknown !== undefined) {
      const guess = nearest(unknown, Object.keys(spec.options));
      throw new UsageError(`unknown option --${unknown}${guess ? ` (did you mean --${guess}?)` : ''}; the options of ${spec.name} are: ${optionList(spec)}`);
    }
    // Node's message goes on about positionals after `--`: its first sentence is the point.
    const first = ((e as Error).message.split(/\.\s/)[0] ?? '').replace(/\.$/, '');
    throw new UsageError(`${first}; the options of ${spec.name} are: ${optionList(spec)}`);
  }
  const words = [...parsed.positionals];
  const args: ParsedCommand['args'] = {};
  for (const a of spec.args) args[a.name] = a.variadic ? words.splice(0) : words.shift();
  if (words.length) {
    const takes = spec.args.length ? spec.args.map((a) => a.name.toUpperCase()).join(' ') : 'no arguments';
    throw new UsageError(`${JSON.stringify(words[0])} is a word too many: ${spec.name} takes ${takes}`);
  }
  return { args, options: parsed.values as ParsedCommand['options'] };
}
