// The work of the `plonefactory` bin: `plonefactory [generator] [args] [options]` runs the same
// generators and options as `yo plonefactory[:generator]`, without yo (which refuses root with
// an unreadable HOME). The build bundles this file and the lib code it runs into one file that
// bin/plonefactory.ts runs with V8's code cache (lib/load-bundle.ts).
//
// CommonJS (bin/package.json), and each command requires only what it runs: a process whose
// modules are all CommonJS never starts Node's ES module loader (~12 ms of a short run; README,
// Performance). Yeoman and the generators are ES modules, loaded only on the Yeoman path, and
// through the caller's import(): code run from a vm.Script has no loader of its own for it.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATOR_SUMMARIES } from '../lib/generator/registry.js';

const GENERATORS_DIR = join(__dirname, '..', 'generators');

function installedGenerators(): string[] {
  return readdirSync(GENERATORS_DIR).filter((d) => existsSync(join(GENERATORS_DIR, d, 'index.js'))).sort((a, b) => (a === 'app' ? -1 : b === 'app' ? 1 : a.localeCompare(b)));
}

function usage(generators: string[]): string {
  const rows = generators.map((g) => `  ${g.padEnd(10)}${GENERATOR_SUMMARIES[g] ?? ''}`);
  return [
    'Usage: plonefactory [generator] [arguments] [options]',
    '',
    'Generators:',
    ...rows,
    '',
    'plonefactory GENERATOR --help lists the options of one generator.',
    'The same generators run under yo as `yo plonefactory[:generator]`.',
  ].join('\n');
}

/** import('yeoman-environment'), done by a module Node loaded itself. */
export type ImportYeoman = () => Promise<typeof import('yeoman-environment')>;

async function main(argv: string[], importYeoman: ImportYeoman): Promise<number> {
  const generators = installedGenerators();
  const first = argv[0];
  if (first === '--help' || first === '-h') {
    console.log(usage(generators));
    return 0;
  }
  // A first word that is no generator is an error, not a project name: `plonefactory modul`
  // must not create a project called "modul".
  if (first !== undefined && !first.startsWith('-') && !generators.includes(first)) {
    throw new Error(`unknown generator ${JSON.stringify(first)}; the generators are: ${generators.join(', ')} (a project name goes with --name NAME or plonefactory app NAME)`);
  }
  const generator = first !== undefined && generators.includes(first) ? first : 'app';
  const rest = generator === first ? argv.slice(1) : argv;
  if (generator === 'app') {
    const { parseAppArgs } = require('../lib/generator/cli-options.js') as typeof import('../lib/generator/cli-options.js');
    const { runAppDirect } = require('../lib/generator/run-app.js') as typeof import('../lib/generator/run-app.js');
    const options = parseAppArgs(rest);
    // No question left: run without loading Yeoman (the same lib code, ~0.9 s faster).
    if (!options['help'] && !process.env['PLONEFACTORY_YEOMAN'] && runAppDirect(process.cwd(), options, (l) => console.log(l))) return 0;
  }
  if (generator === 'factory' && !rest.includes('--help') && !process.env['PLONEFACTORY_YEOMAN']) {
    const args = rest.filter((a) => a !== '--force');
    const unknown = args.find((a) => a.startsWith('-'));
    if (unknown) throw new Error(`Unknown option '${unknown}'; the options are: --force, --help`);
    const { runFactoryDirect } = require('../lib/factory/run-direct.js') as typeof import('../lib/factory/run-direct.js');
    await runFactoryDirect(process.cwd(), args, rest.includes('--force'), (l) => console.log(l));
    return 0;
  }
  if (generator === 'check' && !rest.includes('--help') && !process.env['PLONEFACTORY_YEOMAN']) {
    const { runCheckFromArgs } = require('../lib/generator/run-check.js') as typeof import('../lib/generator/run-check.js');
    const { writeStdout } = require('../lib/write-stdout.js') as typeof import('../lib/write-stdout.js');
    const { output, exitCode } = runCheckFromArgs(process.cwd(), rest);
    writeStdout(output);
    return exitCode;
  }
  const { createEnv } = await importYeoman();
  const env = createEnv({ cwd: process.cwd(), skipInstall: true });
  for (const g of generators) env.register(join(GENERATORS_DIR, g, 'index.js'), { namespace: `plonefactory:${g}` });
  // yeoman-environment prints a generator's help only when asked through its options.
  const help = rest.includes('--help') || rest.includes('-h');
  await env.run([`plonefactory:${generator}`, ...rest.filter((a) => a !== '--help' && a !== '-h')], { skipInstall: true, help });
  return 0;
}

export function run(argv: string[], importYeoman: ImportYeoman): void {
  // The direct path plans and commits synchronously: a signal handled only when it is done
  // means an interrupted run has written all of its files or none. (SIGKILL can't wait.)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`plonefactory: interrupted by ${signal}`);
      process.exit(130);
    });
  }
  main(argv, importYeoman).then(
    (code) => {
      // a generator may have chosen its exit code (check: 1 when it found something)
      process.exitCode ??= code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`plonefactory: ${message.split('\n')[0]}`);
      if (process.env['PLONEFACTORY_DEBUG'] && error instanceof Error) console.error(error.stack);
      // a thrown error may carry its exit code (UsageError: 2); any other failure is 1
      const chosen = error instanceof Error ? (error as Error & { exitCode?: unknown }).exitCode : undefined;
      process.exitCode = typeof chosen === 'number' ? chosen : 1;
    },
  );
}
