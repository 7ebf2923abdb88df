// Whole-process timings through hyperfine (/usr/bin/hyperfine): warmup, at least 10 runs,
// statistics read back from its --export-json file.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Timed {
  name: string;
  /** Seconds. */
  mean: number;
  /** Seconds. */
  median: number;
  stddev: number;
  /** Seconds of CPU, means: in user space, and in the kernel. */
  user: number;
  system: number;
  runs: number;
}

export interface HyperfineOptions {
  warmup?: number;
  minRuns?: number;
  /** Exactly this many runs (instead of minRuns and hyperfine's own choice). */
  runs?: number;
  /** No progress or summary on the terminal (many small calls). */
  quiet?: boolean;
  /** Where hyperfine writes its JSON (kept for inspection). */
  exportJson: string;
  cwd: string;
  /** The environment of every timed command (default: ours). */
  env?: NodeJS.ProcessEnv;
  /** A shell command run before every timed run (not timed): e.g. a fresh output folder. */
  prepare?: string;
}

const HYPERFINE = '/usr/bin/hyperfine';

/** A command line for hyperfine's default shell (which hyperfine times and subtracts). */
export const shellQuote = (args: readonly string[]): string => args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');

export function hyperfine(commands: ReadonlyArray<{ name: string; argv: readonly string[] }>, opts: HyperfineOptions): Timed[] {
  const runs = opts.runs === undefined ? ['--min-runs', String(opts.minRuns ?? 10)] : ['--runs', String(opts.runs)];
  const args = ['--warmup', String(opts.warmup ?? 3), ...runs, '--style', opts.quiet ? 'none' : 'basic', '--export-json', opts.exportJson];
  // without a shell when hyperfine's whitespace splitting is exact: no shell start-up to subtract
  const plain = commands.every((c) => c.argv.every((a) => /^[^\s'"\\]+$/.test(a)));
  if (plain) args.push('-N');
  // Under -N hyperfine runs --prepare without a shell too: a glob in it would match nothing
  // (a prepare of `rm -rf dir/site*` removed no site, and every run timed an unchanged re-run).
  if (opts.prepare) args.push('--prepare', plain ? shellQuote(['sh', '-c', opts.prepare]) : opts.prepare);
  for (const c of commands) args.push('--command-name', c.name, plain ? c.argv.join(' ') : shellQuote(c.argv));
  execFileSync(HYPERFINE, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'inherit'] });
  const data = JSON.parse(readFileSync(opts.exportJson, 'utf8')) as { results: Array<{ command: string; mean: number; median: number; stddev: number | null; user: number; system: number; times: number[] }> };
  return data.results.map((r) => ({ name: r.command, mean: r.mean, median: r.median, stddev: r.stddev ?? 0, user: r.user, system: r.system, runs: r.times.length }));
}

export const ms = (t: Timed): string => `${(t.mean * 1000).toFixed(1)} ms ± ${(t.stddev * 1000).toFixed(1)} ms (${t.runs} runs)`;

/** With the median first: what the benches that write thousands of files judge on (see factory-bench.ts). */
export const msMedian = (t: Timed): string => `median ${(t.median * 1000).toFixed(1)} ms (mean ${ms(t)}; CPU ${(t.user * 1000).toFixed(0)} ms user, ${(t.system * 1000).toFixed(0)} ms kernel)`;

export const exportPath = (work: string, name: string): string => join(work, `${name}.hyperfine.json`);
