// Real zc.buildout as a test oracle: resolve many configurations in one Python process.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { extendsCache } from './extends-cache.js';
import { BUILDOUT5_SRC, PYTHON, PYTHON5 } from './real-tools.js';

const run = promisify(execFile);
const SHIM = join(PACKAGE_ROOT, 'test', 'support', 'real_buildout.py');

export type Sections = Record<string, Record<string, string>>;
export type Resolved =
  | { config: string; ok: true; parts: string[]; installOrder: string[]; sections: Sections }
  | { config: string; ok: false; kind: string; message: string };

export async function resolveWithBuildout(configs: string[]): Promise<Resolved[]> {
  return (await resolveWithRealBuildout('2.13', configs)).results;
}

/** As resolveWithBuildout, by Debian's 2.13 or by zc.buildout 5.2.0 (with the python3 it ran on). */
export async function resolveWithRealBuildout(version: '2.13' | '5.2', configs: string[]): Promise<{ executable: string; results: Resolved[] }> {
  const job = JSON.stringify({ configs, extendsCache: extendsCache() });
  const [python, args] = version === '2.13' ? [PYTHON, [SHIM, '-']] : [PYTHON5, [SHIM, '-', '--buildout5', BUILDOUT5_SRC]];
  // cwd: a folder where no file shadows a module buildout imports
  const child = run(python, args, { maxBuffer: 512 * 1024 * 1024, cwd: tmpdir() });
  child.child.stdin?.end(job);
  const { stdout } = await child;
  return JSON.parse(stdout) as { executable: string; results: Resolved[] };
}

/** A root config beside buildout.cfg that extends one profile, so ${buildout:directory} stays the project root. */
export function profileRoot(projectDir: string, profile: string): string {
  const path = join(projectDir, `.resolve-${profile}.cfg`);
  writeFileSync(path, `[buildout]\nextends = profiles/${profile}.cfg\n`);
  return path;
}

/** Buildout's multi-line values as a list of non-empty lines. */
export const lines = (value: string | undefined): string[] =>
  (value ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
