// One seeded sequence of the fault-injection property test (faults.test.ts): commands run
// in this process as the bin runs them, hand edits in between, and for most commands that
// change files a fault at a random point of the run. The oracle is a reference run of the
// same command on a copy: after the fault and the next run of any command (which finishes or
// undoes an interrupted commit), the project must be exactly the tree before the step or the
// reference's tree after it, with every hand edit.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, lchownSync, lstatSync, mkdirSync, readFileSync, rmSync, statfsSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MODULES } from '../../lib/catalog/modules.js';
import { COMPONENTS_BY_LEVEL, LEVELS } from '../../lib/catalog/stack.js';
import { runCheck } from '../../lib/generator/run-check.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { installFaultFs, PAUSED, type FaultPlan, type FsCall } from '../support/fault-fs.js';
import { runCommand, type CommandResult } from '../support/run-command.js';
import { AS_ROOT } from '../support/service-user.js';
import { readTree, sameTree, treeDiff, type Tree } from '../support/tree.js';
import { BIN } from '../support/cli.js';
import { profileRoot, resolveWithBuildout } from '../support/buildout.js';
import { appOptions, handEditOperations, lostHandEdit, profileFiles, rng, type HandEdit, type Rng } from './operations.js';

export type FaultKind = 'kill' | 'enospc' | 'eacces' | 'race';
export const FAULT_KINDS: readonly FaultKind[] = ['kill', 'enospc', 'eacces', 'race'];
const WEIGHTS: Record<FaultKind, number> = { kill: 3, enospc: 3, eacces: 3, race: 1 };

export interface SequenceJob {
  seed: number;
  ops: number;
  /** A folder of its own, readable by `nobody`. */
  work: string;
  /** A small tmpfs for the project (a full disk is then a real one), or null. */
  disk: string | null;
  kinds: readonly FaultKind[];
  /** How many of the distinct trees faulted steps leave are judged (a uniform sample). */
  keep: number;
}

export interface SequenceReport {
  seed: number;
  counts: Record<FaultKind | 'ops' | 'refused' | 'handEdits', number>;
  /** How many distinct trees faulted steps left; how many of them (and their profiles) were judged. */
  distinct: number;
  judged: number;
  profiles: number;
  failure: string | null;
}

/** The share of commands run with a fault (when they change files: else there is nothing to fault). */
const FAULT_RATE = 0.9;
const HAND_EDIT_RATE = 0.1;
/** The cheapest run of a command: lists the catalog (after finishing an interrupted commit). */
const SETTLE = ['module'];
const MODULE_NAMES = [...Object.keys(MODULES), 'nosuch'];
const PRELOAD = join(PACKAGE_ROOT, 'dist', 'test', 'support', 'fault-preload.js');
const NOBODY = 65534;
const PAGE = 4096;

class SequenceFailure extends Error {}

/** A random command line, valid or not, of a command that writes the project. */
function commandLine(r: Rng, dir: string): string[] {
  // app runs cost least (the others run the pre-write guard): more of them keep the test fast
  const kind = r.pick(['app', 'app', 'app', 'app', 'module', 'module', 'module', 'remove', 'stack', 'stack', 'profile']);
  if (kind === 'app') {
    let opts = appOptions(r, 0.9);
    while (!Object.keys(opts).length) opts = appOptions(r, 0.9);
    return ['app', ...Object.entries(opts).flatMap(([k, v]) => [`--${k}`, v])];
  }
  if (kind === 'module') return ['module', r.pick(MODULE_NAMES)];
  if (kind === 'remove') {
    const stored = (JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['generator-plonefactory']?.modules ?? []) as string[];
    return ['module', '--remove', stored.length && r.chance(0.8) ? r.pick(stored) : r.pick(MODULE_NAMES)];
  }
  if (kind === 'stack') {
    const level = r.pick(LEVELS);
    const known = (COMPONENTS_BY_LEVEL as Record<string, readonly string[]>)[level] ?? [];
    return ['stack', level, r.pick([...known, 'none', 'lighttpd'])];
  }
  const from = r.pick([undefined, 'production', 'preproduction', 'development', 'staging', 'nosuch']);
  return ['profile', r.pick(['jenkins', 'staging', 'demo', 'qa', 'Bad Name']), ...(from ? ['--from', from] : [])];
}

/**
 * Runs the plonefactory bin, as a user would, with a fault armed (test/support/fault-preload.ts);
 * resolves once it is gone. onPause runs while it waits at a pause.
 */
function runBin(argv: readonly string[], plan: FaultPlan, onPause?: () => Promise<void>): Promise<{ signal: NodeJS.Signals | null; code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', PRELOAD, BIN, ...argv], { cwd: plan.root, env: { ...process.env, PF_FS_FAULT: JSON.stringify(plan) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let paused: Promise<void> = Promise.resolve();
  child.stderr.on('data', (chunk: Buffer) => {
    const was = stderr.includes(PAUSED);
    stderr += chunk.toString();
    if (onPause && !was && stderr.includes(PAUSED)) paused = onPause();
  });
  return new Promise((resolve) => {
    child.once('close', (code, signal) => void paused.then(() => resolve({ signal, code, stderr })));
  });
}

const pagesOf = (tree: Tree, path: string): number => {
  const v = tree.get(path);
  return v?.startsWith('file ') ? Math.ceil((v.length - v.indexOf(' ', 5) - 1) / PAGE) : 0;
};

/** Paths that differ between two trees. */
const changed = (a: Tree, b: Tree): string[] => [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));

/** Whether two trees differ in the project's own files (the private .plonefactory/ aside). */
const projectDiffers = (a: Tree, b: Tree): boolean => changed(a, b).some((p) => p !== '.plonefactory' && !p.startsWith('.plonefactory/'));

const treeKey = (t: Tree): string => createHash('sha256').update(JSON.stringify([...t])).digest('hex');

function weightedPick<T extends string>(r: Rng, items: readonly T[], weight: (item: T) => number): T {
  let x = r.next() * items.reduce((n, i) => n + weight(i), 0);
  for (const item of items) if ((x -= weight(item)) < 0) return item;
  return items[items.length - 1] as T;
}

/** Makes dir hold exactly `tree` (which readTree made of a project). */
function writeTree(dir: string, tree: Tree): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const [path, v] of tree) {
    const [type, mode] = v.split(' ', 2) as [string, string];
    const abs = join(dir, path);
    const rest = v.slice(type.length + mode.length + 2);
    if (type === 'link') {
      symlinkSync(rest, abs);
      continue;
    }
    if (type === 'dir') mkdirSync(abs);
    else writeFileSync(abs, Buffer.from(rest, 'latin1'));
    chmodSync(abs, parseInt(mode, 8));
  }
}

/**
 * Runs fn with `target` (a path in dir) not writable for the running user: as root, the
 * project is handed to `nobody` and fn runs as nobody (seteuid) with the target still
 * root's, so the kernel refuses as it would for another user's file; otherwise the target
 * loses its w bits. Then the target is writable again and `then` runs, as the same user.
 */
async function asOtherUser<T>(dir: string, target: string, fn: () => Promise<T>, then: () => Promise<unknown>): Promise<T> {
  const abs = join(dir, target);
  if (!AS_ROOT) {
    const mode = lstatSync(abs).mode & 0o7777;
    chmodSync(abs, mode & ~0o222);
    try {
      return await fn();
    } finally {
      try {
        chmodSync(abs, mode);
      } catch { /* the run replaced or removed it */ }
      await then();
    }
  }
  for (const path of readTree(dir).keys()) lchownSync(join(dir, path), NOBODY, NOBODY);
  lchownSync(dir, NOBODY, NOBODY);
  lchownSync(abs, 0, 0);
  process.seteuid?.(NOBODY);
  try {
    return await fn();
  } finally {
    process.seteuid?.(0);
    try {
      lchownSync(abs, NOBODY, NOBODY);
    } catch { /* the run replaced or removed it */ }
    process.seteuid?.(NOBODY);
    try {
      await then();
    } finally {
      process.seteuid?.(0);
    }
  }
}

export async function runFaultSequence(job: SequenceJob): Promise<SequenceReport> {
  const { seed, work, disk } = job;
  const dir = join(disk ?? work, 'site');
  const ref = join(work, 'ref', 'site');
  const ballast = join(disk ?? work, 'ballast');
  mkdirSync(dir);
  mkdirSync(dirname(ref));
  const f = installFaultFs();
  const r = rng(seed);
  const edits: HandEdit[] = [];
  const handEdits = handEditOperations(dir, edits);
  const history: string[] = [];
  const counts: SequenceReport['counts'] = { ops: 0, refused: 0, handEdits: 0, kill: 0, enospc: 0, eacces: 0, race: 0 };
  const seen = new Set<string>();
  const copies: string[] = [];
  const fail = (msg: string): never => {
    throw new SequenceFailure(`sequence seed ${seed}, step ${history.length}: ${msg}\nlast steps:\n  ${history.slice(-8).join('\n  ')}`);
  };

  /** The tree an unfaulted run leaves, run on a copy of `start`, and the fs calls it made there. */
  const reference = async (argv: string[], start: Tree): Promise<{ tree: Tree; calls: readonly FsCall[]; refused: boolean }> => {
    // as is: an interrupted commit's journal names its files relative to the project, so the copy finishes it in the copy
    writeTree(ref, start);
    f.arm({ root: ref, at: 0, action: { kind: 'kill' } });
    const res = await runCommand(argv, ref);
    const calls = f.calls();
    f.disarm();
    const tree = readTree(ref);
    if (res.code) {
      expectOneLine(`plonefactory ${argv.join(' ')}`, res);
      if (!sameTree(tree, start)) fail(`plonefactory ${argv.join(' ')} failed (${res.error}) but changed ${treeDiff(start, tree)}`);
    }
    return { tree, calls, refused: res.code !== 0 };
  };
  const where = (call: FsCall | undefined): string => `${call?.fn} ${call?.path.slice(ref.length + 1)}`;
  const expectOneLine = (label: string, res: CommandResult): void => {
    if (res.error?.includes('\n')) fail(`${label}: error is not one line: ${res.error}`);
  };
  const checkEdits = (label: string): void => {
    const lost = lostHandEdit(dir, edits, label);
    if (lost) fail(lost);
  };
  const uniform = (n: number): number => 1 + Math.floor(r.next() * n);

  /** Runs argv on dir with the fault; returns what happened and the trees it may leave. */
  const inject = async (kind: FaultKind, argv: string[], before: Tree, after: Tree, calls: readonly FsCall[]): Promise<{ said: string; allowed: Tree[] }> => {
    if (kind === 'kill') {
      const plan: FaultPlan = { root: dir, at: uniform(calls.length), action: { kind: 'kill' } };
      const { signal, code, stderr } = await runBin(argv, plan);
      return { said: signal === 'SIGKILL' ? `killed before ${where(calls[plan.at - 1])}` : `not killed: exit ${code} ${stderr.trim()}`, allowed: [before, after] };
    }
    if (kind === 'enospc') {
      const need = changed(before, after).reduce((n, p) => n + pagesOf(after, p), 0);
      const free = Math.floor(r.next() * need);
      let res: CommandResult;
      if (disk) {
        const st = statfsSync(disk);
        writeFileSync(ballast, Buffer.alloc(Math.max(0, (st.bavail - free) * st.bsize)));
        try {
          res = await runCommand(argv, dir);
        } finally {
          rmSync(ballast, { force: true });
        }
      } else {
        f.arm({ root: dir, at: uniform(calls.filter((c) => c.data).length), action: { kind: 'fail', code: 'ENOSPC' } });
        res = await runCommand(argv, dir);
        f.disarm();
      }
      expectOneLine(argv.join(' '), res);
      return { said: `${free} of ${need} pages free: ${res.error ?? 'done'}`, allowed: res.code === 0 ? [after] : [before, after] };
    }
    if (kind === 'eacces') {
      // a file the run changes, or the nearest folder above one that exists
      const targets = changed(before, after).flatMap((p) => {
        let d = p;
        do d = dirname(d); while (d !== '.' && !before.has(d));
        return before.has(p) ? [p, d] : [d];
      });
      const target = r.pick(targets);
      const res = await asOtherUser(dir, target, () => runCommand(argv, dir), () => runCommand(SETTLE, dir));
      expectOneLine(argv.join(' '), res);
      return { said: `${target} not writable: ${res.error ?? 'done'}`, allowed: res.code === 0 ? [after] : [before, after] };
    }
    // race: B runs in this process while the worker running argv (A) is paused at a random
    // point of its run; whichever succeeded must be wholly there, in some order.
    const other = commandLine(r, dir);
    const b = (await reference(other, before)).tree;
    const ba = (await reference(other, after)).tree;
    const ab = (await reference(argv, b)).tree;
    const go = join(work, 'go');
    rmSync(go, { force: true });
    let resB: CommandResult | null = null;
    const plan: FaultPlan = { root: dir, at: uniform(calls.length), action: { kind: 'pause', goFile: go, maxMs: 300 } };
    const { code } = await runBin(argv, plan, async () => {
      resB = await runCommand(other, dir);
      writeFileSync(go, '');
    });
    const okA = code === 0;
    const okB = (resB as CommandResult | null)?.code === 0;
    const allowed = okA && okB ? [ab, ba] : okA ? [after, ab, ba] : okB ? [b, ab, ba] : [before, after, b, ab, ba];
    return { said: `paused before ${where(calls[plan.at - 1])}, raced by ${other.join(' ')}: A ${okA ? 'done' : 'failed'}, B ${okB ? 'done' : 'failed'}`, allowed };
  };

  /** SIGKILL in the run that finishes an interrupted commit, at a random point of it. */
  const killSettle = async (): Promise<string> => {
    const { calls } = await reference(SETTLE, readTree(dir));
    if (!calls.length) return 'nothing to recover';
    const plan: FaultPlan = { root: dir, at: uniform(calls.length), action: { kind: 'kill' } };
    const { signal } = await runBin(SETTLE, plan);
    return signal === 'SIGKILL' ? `killed before ${where(calls[plan.at - 1])}` : 'not killed';
  };

  const step = async (n: number): Promise<void> => {
    counts.ops++;
    if (r.chance(HAND_EDIT_RATE)) {
      counts.handEdits++;
      history.push(`${n} ${r.pick(handEdits).run(r)}`);
      return;
    }
    const argv = commandLine(r, dir);
    const label = `plonefactory ${argv.join(' ')}`;
    const before = readTree(dir);
    if (!job.kinds.length || !r.chance(FAULT_RATE)) {
      const res = await runCommand(argv, dir);
      history.push(`${n} ${res.code ? 'err' : 'ok '} ${label}${res.error ? `: ${res.error.split('\n')[0]}` : ''}`);
      if (res.code) {
        counts.refused++;
        expectOneLine(label, res);
        const now = readTree(dir);
        if (!sameTree(now, before)) fail(`${label} failed (${res.error}) but changed ${treeDiff(before, now)}`);
      }
      checkEdits(label);
      return;
    }
    const { tree: after, calls, refused } = await reference(argv, before);
    if (refused) counts.refused++;
    const needsSpace = changed(before, after).some((p) => pagesOf(after, p) > 0);
    const kinds = job.kinds.filter((k) => k !== 'enospc' || needsSpace);
    if (sameTree(before, after) || !kinds.length) {
      if (!sameTree(before, after)) writeTree(dir, after);
      history.push(`${n} ok  ${label} (no fault: ${sameTree(before, after) ? 'it changes nothing' : 'nothing to write'})`);
      return;
    }
    const kind = weightedPick(r, kinds, (k) => WEIGHTS[k]);
    counts[kind]++;
    const { said, allowed } = await inject(kind, argv, before, after, calls);
    history.push(`${n} ${kind} ${label}: ${said}`);
    // Left half-changed, the project must not pass `check` (it reports the interrupted
    // commit); the next run of any command finishes or undoes it, first.
    const landed = readTree(dir);
    if (allowed.every((t) => projectDiffers(t, landed))) {
      if (r.chance(0.1) && runCheck({ cwd: dir, profiles: [], json: false }).exitCode === 0) fail(`${kind} in ${label} (${said}) left the project half-changed and check calls it clean: ${treeDiff(after, landed)}`);
      if (kind === 'kill' && r.chance(0.5)) history.push(`${n} kill the next run too: ${await killSettle()}`);
    }
    const settled = await runCommand(SETTLE, dir);
    if (settled.code) fail(`the run after ${kind} in ${label} (${said}) failed: ${settled.error}`);
    const now = readTree(dir);
    if (!allowed.some((t) => sameTree(t, now))) {
      fail(`${kind} in ${label} (${said}) left the project neither as before nor as after: vs before: ${treeDiff(before, now)}; vs after: ${treeDiff(after, now)}`);
    }
    checkEdits(label);
    // undone: half the time the user runs it again, and it goes through
    if (sameTree(now, before) && r.chance(0.5)) {
      writeTree(dir, after);
      history.push(`${n} ok  ${label} (run again)`);
    }
    // a uniform sample (reservoir) of the distinct trees faulted steps leave
    const key = treeKey(now);
    if (seen.has(key)) return;
    seen.add(key);
    const slot = copies.length < job.keep ? copies.length : Math.floor(r.next() * seen.size);
    if (slot < job.keep) {
      const copy = join(work, `left-${n}`);
      if (copies[slot]) rmSync(copies[slot], { recursive: true });
      cpSync(dir, copy, { recursive: true });
      copies[slot] = copy;
    }
  };

  let failure: string | null = null;
  try {
    const first = await runCommand(['app', '--defaults', '--name', 'site'], dir);
    if (first.code) fail(`the first app run failed: ${first.error}`);
    for (let n = 1; n <= job.ops; n++) await step(n);
    await judge(copies, fail);
  } catch (e) {
    failure = e instanceof SequenceFailure ? e.message : `sequence seed ${seed}, step ${history.length}: ${e instanceof Error ? e.stack : String(e)}\nlast steps:\n  ${history.slice(-8).join('\n  ')}`;
  } finally {
    f.uninstall();
  }
  return { seed, counts, judged: copies.length, profiles: copies.reduce((n, c) => n + profileFiles(c).length, 0), distinct: seen.size, failure };
}

/** The sampled trees faulted steps left: `check` clean, every profile resolved by real zc.buildout. */
async function judge(copies: readonly string[], fail: (msg: string) => never): Promise<void> {
  for (const copy of copies) {
    const { output, exitCode } = runCheck({ cwd: copy, profiles: [], json: false });
    if (exitCode !== 0) fail(`check is not clean on a tree a faulted step left (${copy}): ${output.split('\n').slice(0, 3).join(' | ')}`);
  }
  const configs = copies.flatMap((copy) => profileFiles(copy).map((p) => profileRoot(copy, p.slice('profiles/'.length, -'.cfg'.length))));
  for (const res of await resolveWithBuildout(configs)) if (!res.ok) fail(`${res.config} does not resolve in zc.buildout: ${res.kind}: ${res.message}`);
}

/** Mounts a small tmpfs at `at` (root only); false where none can be mounted. */
export function mountSmallDisk(at: string): boolean {
  mkdirSync(at);
  if (!AS_ROOT) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0755', 'pf-faults', at], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
