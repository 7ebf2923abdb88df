// `npm run bench [-- NAME...]`: runs each benchmark (all by default) in a fresh folder of the
// git-ignored .bench-work/, prints its report, and exits 1 when one misses its goal. Add a
// benchmark by writing a module beside this one and listing it in BENCHMARKS.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../lib/package-root.js';
import type { Benchmark } from './benchmark.js';
import { resolveBenchmark, resolveStubPinsBenchmark } from './resolve-bench.js';
import { cookiecutterBenchmark, factoryDeployBenchmark, factoryScaleBenchmark } from './factory-bench.js';
import { commandsBenchmark } from './commands-bench.js';
import { hostileBenchmark } from './hostile-bench.js';

const BENCHMARKS: readonly Benchmark[] = [resolveBenchmark, resolveStubPinsBenchmark, cookiecutterBenchmark, factoryScaleBenchmark, factoryDeployBenchmark, commandsBenchmark, hostileBenchmark];

async function main(names: string[]): Promise<number> {
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 2;
  }
  let failed = 0;
  // A last run's folders are moved to the trash, and deleted only once every bench has run:
  // ext4 skips inodes freed in the last minute or five when it allocates new ones, and a bench
  // writing thousands of files right after thousands were deleted measured that, not itself.
  const trash = join(PACKAGE_ROOT, '.bench-work', '.trash');
  for (const bench of BENCHMARKS.filter((b) => !names.length || names.includes(b.name))) {
    const work = join(PACKAGE_ROOT, '.bench-work', bench.name);
    if (existsSync(work)) {
      mkdirSync(trash, { recursive: true });
      renameSync(work, join(trash, `${bench.name}-${Date.now()}`));
    }
    mkdirSync(work, { recursive: true });
    console.log(`\n== ${bench.name}: ${bench.summary}`);
    const result = await bench.run({ root: PACKAGE_ROOT, work });
    console.log(['', `== ${bench.name} results`, ...result.lines].join('\n'));
    if (!result.goalMet) failed++;
  }
  rmSync(trash, { recursive: true, force: true });
  spawnSync('sync', { stdio: 'ignore' });
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
