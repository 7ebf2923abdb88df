// Runs test/support/real_buildout.py (the real zc.buildout 2.13) over many configs in one
// Python process, and locates the fixture corpus from the compiled test files.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strict as assert } from 'node:assert';
import { tryResolve, type ResolveOptions } from '../../lib/buildout/resolve.js';
import { BUILDOUT5_SRC, PYTHON, PYTHON5 } from '../support/real-tools.js';

/** The repository root (dist/test/buildout/x.js is three levels below it). */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = join(REPO, 'test/buildout/fixtures');

export type RealResult =
  | { config: string; ok: true; parts: string[]; installOrder: string[]; sections: Record<string, Record<string, string>> }
  | { config: string; ok: false; kind: string; message: string };

/** Which real zc.buildout judges: Debian's 2.13.2, or 5.2.0 from its source folder. */
export type RealVersion = '2.13' | '5.2';

export function runRealBuildoutWith(version: RealVersion, configs: string[], extendsCache: string | null): { executable: string; results: RealResult[] } {
  const job = JSON.stringify({ configs, extendsCache });
  const script = join(REPO, 'test/support/real_buildout.py');
  const [python, args] = version === '2.13' ? [PYTHON, [script, '-']] : [PYTHON5, [script, '-', '--buildout5', BUILDOUT5_SRC]];
  // cwd: the tmp folder, so no file of the worktree shadows a module buildout imports
  const r = spawnSync(python, args, { input: job, encoding: 'utf8', maxBuffer: 256 << 20, cwd: tmpdir() });
  if (r.status !== 0) throw new Error(`real_buildout.py (${version}) failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as { executable: string; results: RealResult[] };
}

export function runRealBuildout(configs: string[], extendsCache: string | null): RealResult[] {
  return runRealBuildoutWith('2.13', configs, extendsCache).results;
}

/**
 * A scratch copy of the fixtures (real buildout creates eggs/ next to each config) with an
 * extends-cache holding the URL fixtures under md5(url) names.
 */
export function scratchCorpus(): { dir: string; cache: string; urlMap: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'pf-buildout-'));
  cpSync(FIXTURES, dir, { recursive: true });
  const cache = join(dir, '_extends-cache');
  mkdirSync(cache);
  const map = JSON.parse(readFileSync(join(dir, '_urls/map.json'), 'utf8')) as Record<string, string>;
  const urlMap: Record<string, string> = {};
  for (const [url, file] of Object.entries(map)) {
    const local = join(dir, '_urls', file);
    urlMap[url] = local;
    writeFileSync(join(cache, createHash('md5').update(url).digest('hex')), readFileSync(local));
  }
  return { dir, cache, urlMap };
}

/** Ours in the shape real_buildout.py prints, as zc.buildout 5.2.0 run by `executable`. */
export function ours5(config: string, executable: string, extra: Partial<ResolveOptions> = {}): unknown {
  const o = tryResolve(config, { mode: '3', buildoutVersion: '5.2.0', executable, ...extra });
  return o.ok
    ? { ok: true, parts: o.resolved.parts, installOrder: o.resolved.installOrder, sections: o.resolved.sections }
    : { ok: false, kind: o.error.kind, message: o.error.message };
}

/** Differences between ours and theirs, one line each (empty when they agree). */
export function disagreements(configs: readonly string[], theirs: readonly RealResult[], mine: (config: string) => unknown): string[] {
  const failures: string[] = [];
  theirs.forEach((t, i) => {
    const { config: _config, ...real } = t;
    const m = mine(configs[i] as string);
    try {
      assert.deepEqual(m, real);
    } catch {
      failures.push(`${configs[i]}\n ours:   ${JSON.stringify(m).slice(0, 600)}\n theirs: ${JSON.stringify(real).slice(0, 600)}`);
    }
  });
  return failures;
}
