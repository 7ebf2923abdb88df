// Issue 13's benchmark: `module`, `stack` and `profile` against `check` on the same project,
// whole processes, in interleaved rounds (a slow spell of the shared machine falls on all;
// timed back to back, the ratios swung from 0.6x to 1.5x between two runs of the same code).
// Every run starts from a fresh copy of the project, so each one really changes it.
// Goal: each at most 1.5x the time of `check`, as ratios of medians.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark, BenchContext } from './benchmark.js';
import { interleaved, summarize } from './interleaved.js';

const GOAL = 1.5;
const COMMANDS = [['check'], ['module', 'restapi'], ['stack', 'cache', 'squid'], ['profile', 'staging']] as const;

const env = (): NodeJS.ProcessEnv => {
  // The sandbox's CA bundle costs every node start ~40 ms and nothing here uses TLS.
  const e = { ...process.env };
  delete e['NODE_EXTRA_CA_CERTS'];
  return e;
};

export const commandsBenchmark: Benchmark = {
  name: 'sub-generators',
  summary: `module, stack and profile vs check on the same project (goal: each <= ${GOAL}x check)`,
  async run(ctx: BenchContext) {
    const bin = join(ctx.root, 'dist', 'bin', 'plonefactory.js');
    const base = join(ctx.work, 'base', 'acme');
    mkdirSync(base, { recursive: true });
    execFileSync(process.execPath, [bin, '--defaults'], { cwd: base, env: env(), stdio: 'ignore' });
    const project = join(ctx.work, 'acme');
    const timed = interleaved(
      COMMANDS.map((args) => ({ name: args.join(' '), argv: ['sh', '-c', `cd ${project} && exec ${process.execPath} ${bin} ${args.join(' ')} >/dev/null`] })),
      { cwd: ctx.work, env: env(), warmup: 2, rounds: 20, work: ctx.work, prepare: `rm -rf ${project} && cp -a ${base} ${project}` },
    );
    const check = timed[0];
    if (!check || timed.length !== COMMANDS.length) throw new Error('hyperfine gave no result');
    const rows = timed.slice(1).map((t) => ({ t, ratio: t.median / check.median }));
    const met = rows.every((r) => r.ratio <= GOAL);
    return {
      goalMet: met,
      lines: [
        'timed in 20 interleaved rounds (each runs every command once, from a fresh copy of the project)',
        `  ${check.name.padEnd(18)}${summarize(check)}`,
        ...rows.map((r) => `  ${r.t.name.padEnd(18)}${summarize(r.t)}  = ${r.ratio.toFixed(2)}x check, medians (goal <= ${GOAL}: ${r.ratio <= GOAL ? 'met' : 'NOT met'}); of the means ${(r.t.mean / check.mean).toFixed(2)}x`),
      ],
    };
  },
};
