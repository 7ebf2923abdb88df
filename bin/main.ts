// The work of the `plonefactory` bin: `plonefactory [generator] [args] [options]` runs the
// same commands as `yo plonefactory[:generator]` (lib/commands/, one declaration each), without
// yo (which refuses root with an unreadable HOME). Every command runs here without Yeoman;
// Yeoman's terminal adapter is loaded only when a question must be asked. The build bundles
// this file and the lib code it runs into one file that bin/plonefactory.ts runs with V8's
// code cache (lib/load-bundle.ts).
//
// CommonJS (bin/package.json): a process whose modules are all CommonJS never starts Node's
// ES module loader (~12 ms of a short run; README, Performance). The adapter is an ES module,
// imported through the caller's import(): code run from a vm.Script has no loader of its own.
import type { Ask, Question, RunContext } from '../lib/commands/command.js';
import { binHelp, commandHelp } from '../lib/commands/help.js';
import { parseCommand } from '../lib/commands/parse-args.js';
import { COMMANDS, commandNamed } from '../lib/commands/registry.js';
import { commitsDone } from '../lib/generator/journal.js';
import { whenWritingStarts } from '../lib/generator/commit-start.js';
import { exitCodeOf, UsageError } from '../lib/generator/usage-error.js';
import { writeStdout } from '../lib/write-stdout.js';

/** import('@yeoman/adapter'), done by a module Node loaded itself. */
export type ImportAdapter = () => Promise<typeof import('@yeoman/adapter')>;

/** Asks through Yeoman's terminal adapter, loaded on the first question only. */
function terminalAsk(importAdapter: ImportAdapter): Ask {
  return async (questions: readonly Question[]) => {
    const { TerminalAdapter } = await importAdapter();
    const adapter = new TerminalAdapter();
    try {
      // inquirer's question typings are a union per type; ours are built to match them
      return (await adapter.prompt(questions as unknown as Parameters<typeof adapter.prompt>[0])) as Record<string, unknown>;
    } finally {
      adapter.close();
    }
  };
}

/** "sites 12/40" on stderr, rewritten in place: on a terminal only, so a pipe gets nothing extra. */
function progressLine(): RunContext['progress'] {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    process.stderr.write(done < total ? `\r  ${done}/${total} sites` : '\r\x1b[K');
  };
}

async function main(argv: string[], importAdapter: ImportAdapter): Promise<number> {
  const names = COMMANDS.map((c) => c.name);
  const first = argv[0];
  if (first === '--help' || first === '-h') {
    writeStdout(`${binHelp(COMMANDS)}\n`);
    return 0;
  }
  // A first word that is no generator is an error, not a project name: `plonefactory modul`
  // must not create a project called "modul".
  if (first !== undefined && !first.startsWith('-') && !names.includes(first)) {
    throw new UsageError(`unknown generator ${JSON.stringify(first)}; the generators are: ${names.join(', ')} (a project name goes with --name NAME or plonefactory app NAME)`);
  }
  const spec = (first !== undefined && commandNamed(first)) || commandNamed('app');
  if (!spec) throw new Error('internal: no app command');
  const rest = spec.name === first ? argv.slice(1) : argv;
  if (rest.includes('--help') || rest.includes('-h')) {
    writeStdout(`${commandHelp(spec, 'plonefactory')}\n`);
    return 0;
  }
  const input = parseCommand(spec, rest);
  const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const progress = progressLine();
  return spec.run(input, {
    cwd: process.cwd(),
    out: (line) => writeStdout(`${line}\n`),
    ask: terminal ? terminalAsk(importAdapter) : null,
    entry: 'plonefactory',
    ...(progress ? { progress } : {}),
  });
}

export function run(argv: string[], importAdapter: ImportAdapter): void {
  // A run plans everything, then commits synchronously: a signal during the commit is handled
  // after it (all was written). Caught only from the commit on (lib/generator/commit-start.ts):
  // before, a signal's default action ends the run at once, with nothing written. SIGKILL and a
  // power cut can't wait: the next run finishes the commit from its journal (lib/generator/journal.ts).
  whenWritingStarts(() => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        process.stderr.write(`plonefactory: interrupted by ${signal}; ${commitsDone() ? 'after its files were written' : 'nothing was written'}\n`);
        process.exit(130);
      });
    }
  });
  main(argv, importAdapter).then(
    (code) => {
      process.exitCode ??= code;
      // one more turn of the loop, which polls for signals: one that came during the commit is
      // handled (exit 130, saying the files were written) instead of dropped with the loop
      setImmediate(() => undefined);
    },
    (error: unknown) => {
      const code = exitCodeOf(error);
      const message = code === 130 ? 'interrupted; nothing was written' : error instanceof Error ? error.message : String(error);
      process.stderr.write(`plonefactory: ${message.split('\n')[0]}\n`);
      if (process.env['PLONEFACTORY_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exitCode = code;
    },
  );
}
