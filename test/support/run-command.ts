// One plonefactory command run in this process, as the bin runs it (same declaration, same
// parser, no terminal), for tests that run many commands and cannot pay a process each.
import type { RunContext } from '../../lib/commands/command.js';
import { parseCommand } from '../../lib/commands/parse-args.js';
import { commandNamed } from '../../lib/commands/registry.js';
import { exitCodeOf } from '../../lib/generator/usage-error.js';

export interface CommandResult {
  /** The bin's exit code. */
  code: number;
  /** The error's whole message when the run failed (the bin prints its first line). */
  error: string | null;
  out: string[];
}

/** argv starts with the command's name: ['stack', 'cache', 'squid']. */
export async function runCommand(argv: readonly string[], cwd: string): Promise<CommandResult> {
  const out: string[] = [];
  const ctx: RunContext = { cwd, out: (line) => out.push(line), ask: null, entry: 'plonefactory' };
  try {
    const spec = commandNamed(argv[0] ?? '');
    if (!spec) throw new Error(`no command ${argv[0]}`);
    return { code: await spec.run(parseCommand(spec, argv.slice(1)), ctx), error: null, out };
  } catch (e) {
    return { code: exitCodeOf(e), error: e instanceof Error ? e.message : String(e), out };
  }
}
