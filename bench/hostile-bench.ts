// Issue 16's speed goal for hostile input: the parser and the resolver do work in proportion to
// it. Each input is timed at size N and 2N in interleaved rounds inside this process (the same
// machine mood falls on both); linear work gives a ratio near 2, the quadratic scanner gave ~4
// (a 30,000-space line took 3.9 s). Goal: every ratio of medians <= 3.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan, splitLines } from '../lib/buildout/parse.js';
import { tryResolve } from '../lib/buildout/resolve.js';
import type { Benchmark, BenchContext } from './benchmark.js';

const GOAL = 3;
const ROUNDS = 15;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
};

interface Case { name: string; n: number; run: (n: number) => void }

function macroRoot(dir: string, n: number): string {
  // a chain below buildout's recursion limit, so it resolves: each section in it pulls the rest
  const root = join(dir, `macro-${n}.cfg`);
  const body = Array.from({ length: n }, (_, i) => `[a${i}]\nrecipe = r\n<= a${i + 1}\n`).join('');
  writeFileSync(root, `[buildout]\nparts = ${Array.from({ length: n }, (_, i) => `a${i}`).join(' ')}\n${body}[a${n}]\nv = end\n`);
  return root;
}

export const hostileBenchmark: Benchmark = {
  name: 'hostile-input',
  summary: `parse and resolve hostile input of size N and 2N (goal: time(2N)/time(N) <= ${GOAL}, linear work)`,
  async run(ctx: BenchContext) {
    const dir = join(ctx.work, 'cfg');
    mkdirSync(dir, { recursive: true });
    const parseText = (text: string): void => void scan('bench.cfg', splitLines(text));
    const cases: Case[] = [
      { name: 'option line of spaces', n: 1 << 20, run: (n) => parseText(`[a]\nk = x${' '.repeat(n)}y\n`) },
      { name: 'unclosed header', n: 1 << 20, run: (n) => parseText(`[a${' '.repeat(n)}`) },
      { name: 'header, comment after', n: 1 << 20, run: (n) => parseText(`[a:${' '.repeat(n)}] #\n`) },
      { name: '<= chain, every link a part', n: 400, run: (n) => void tryResolve(macroRoot(dir, n), { mode: '2.13' }) },
    ];
    const lines: string[] = [];
    let met = true;
    for (const c of cases) {
      const times: [number[], number[]] = [[], []];
      for (let r = 0; r < ROUNDS + 2; r++) {
        // alternate which size goes first; the first two rounds warm up
        for (const k of r % 2 ? [1, 0] : [0, 1]) {
          const t0 = performance.now();
          c.run(c.n * (k + 1));
          if (r >= 2) (times[k] as number[]).push(performance.now() - t0);
        }
      }
      const ratio = median(times[1]) / median(times[0]);
      met &&= ratio <= GOAL;
      lines.push(`  ${c.name.padEnd(30)} N=${c.n}: median ${median(times[0]).toFixed(1)} ms, 2N: ${median(times[1]).toFixed(1)} ms = ${ratio.toFixed(2)}x (goal <= ${GOAL}: ${ratio <= GOAL ? 'met' : 'NOT met'})`);
    }
    return { goalMet: met, lines: [`timed in ${ROUNDS} interleaved rounds in one process`, ...lines] };
  },
};
