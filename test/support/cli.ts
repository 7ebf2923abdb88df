// Runs the plonefactory bin as a user would: a separate process, no TTY, in a directory.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { listFiles } from './files.js';

export const BIN = join(PACKAGE_ROOT, 'dist', 'bin', 'plonefactory.js');

export interface CliResult { status: number | null; stdout: string; stderr: string }

export function plonefactory(cwd: string, args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', input: '', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const tempDir = (name: string): string => {
  const dir = join(mkdtempSync(join(tmpdir(), 'pf-cli-')), name);
  return dir;
};

/** A new temporary folder `name` holding `files` (path -> content), their folders made as needed. */
export function fileTree(name: string, files: Record<string, string | Buffer>): string {
  const dir = tempDir(name);
  mkdirSync(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** `plonefactory --defaults` in a new folder `acme`: the project most command tests start from. */
export function defaultProject(): string {
  const dir = tempDir('acme');
  mkdirSync(dir);
  assert.equal(plonefactory(dir, ['--defaults']).status, 0);
  return dir;
}

/** A copy of the project `dir` in a new temporary folder of the same name, to spoil at will. */
export function copyProject(dir: string): string {
  const copy = tempDir(basename(dir));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** path -> content and mtime of every file below dir: a snapshot to prove nothing changed. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of listFiles(dir)) {
    const st = statSync(p);
    out.set(relative(dir, p), `${st.mtimeMs} ${st.mode.toString(8)} ${readFileSync(p, 'utf8')}`);
  }
  return out;
}

/** The run failed with exactly one line of ours matching `message`, and wrote nothing. */
export function refused(dir: string, args: string[], message: RegExp): void {
  const before = snapshot(dir);
  const r = plonefactory(dir, args);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const ours = r.stderr.split('\n').filter((l) => l.startsWith('plonefactory: '));
  assert.equal(ours.length, 1, r.stderr);
  assert.match(ours[0]!, message);
  assert.deepEqual(snapshot(dir), before);
}

export const YO = join(PACKAGE_ROOT, 'dist', 'test', 'support', 'yo-cli.js');

/** `yo plonefactory[:GEN] ARGS` as yo 7 runs it (test/support/yo-cli.ts), no TTY. */
export function yo(cwd: string, args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [YO, ...args], { cwd, encoding: 'utf8', input: '', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A command run without waiting, in `cwd`, no TTY, its output kept: a `.js` file runs with this node. */
export function runLater(command: string, cwd: string, args: readonly string[]): Promise<CliResult> {
  return new Promise((done, fail) => {
    const argv = command.endsWith('.js') ? [process.execPath, command, ...args] : [command, ...args];
    const child = spawn(argv[0] as string, argv.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Runs `jobs`, at most `width` at a time (one per core: the suite runs on two). */
export async function inParallel<T>(jobs: ReadonlyArray<() => Promise<T>>, width = 2): Promise<T[]> {
  const out: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await (jobs[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return out;
}
