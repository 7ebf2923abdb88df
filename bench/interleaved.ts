// Whole-process timings taken in interleaved rounds: each round runs every command once, in
// alternating order, so a slow spell of this shared machine falls on all of them alike.
// hyperfine alone times one command's runs back to back; the ratio of two such series measured
// the machine's mood as much as the programs (9.3x to 11.0x on the same code, one hour apart).
// hyperfine still does the timing, one run of each command per round: timing from this Node
// process instead added its own fork cost (~5 ms) to every run.
import { join } from 'node:path';
import { hyperfine } from './hyperfine.js';

export interface Sampled {
  name: string;
  /** Milliseconds, sorted. */
  runs: number[];
  median: number;
  mean: number;
  stddev: number;
}

export interface InterleavedOptions {
  /** Timed rounds, after `warmup` untimed ones. */
  rounds: number;
  warmup?: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** A folder for hyperfine's JSON. */
  work: string;
  /** A shell command run (untimed) before every timed run: e.g. a fresh copy of a project. */
  prepare?: string;
}

function stats(name: string, runs: number[]): Sampled {
  const sorted = [...runs].sort((a, b) => a - b);
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  const median = n % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const stddev = Math.sqrt(sorted.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  return { name, runs: sorted, median, mean, stddev };
}

export function interleaved(commands: ReadonlyArray<{ name: string; argv: readonly string[] }>, opts: InterleavedOptions): Sampled[] {
  const runs = commands.map((): number[] => []);
  const warmup = opts.warmup ?? 3;
  const exportJson = join(opts.work, 'round.hyperfine.json');
  for (let round = 0; round < warmup + opts.rounds; round++) {
    const order = commands.map((_c, i) => i);
    if (round % 2) order.reverse();
    const timed = hyperfine(order.map((i) => commands[i] as { name: string; argv: readonly string[] }), { cwd: opts.cwd, env: opts.env, exportJson, warmup: 0, runs: 1, quiet: true, ...(opts.prepare ? { prepare: opts.prepare } : {}) });
    if (round < warmup) continue;
    order.forEach((i, k) => (runs[i] as number[]).push((timed[k] as { mean: number }).mean * 1000));
  }
  return commands.map((c, i) => stats(c.name, runs[i] as number[]));
}

export const summarize = (s: Sampled): string =>
  `median ${s.median.toFixed(1)} ms (mean ${s.mean.toFixed(1)} ± ${s.stddev.toFixed(1)} ms, ${s.runs.length} runs)`;
