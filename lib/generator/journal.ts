// The journaled commit every run writes through (git's index.lock plus a redo log): each new
// file is staged in a private folder of the project (`.plonefactory/txn-RANDOM/`, mode 700,
// files created exclusively, never through a symlink), the old files are kept there as hard
// links, then a journal of the renames is written and synced, and only then are the files
// renamed into place. A run that dies before the journal is complete changed nothing; one that
// dies after it is finished by the next run of any command (rolled forward, or back when that
// cannot be done), before that run does anything else.
import { spawnSync } from 'node:child_process';
import { hash as digest, randomBytes } from 'node:crypto';
import {
  accessSync, closeSync, constants, existsSync, fchmodSync, fstatSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync,
  readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeSync, type Stats,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fault } from './fault.js';
import { assertPrivate, PRIVATE_DIR, privateDir } from './private-dir.js';
import { assertLocksHeld } from './project-lock.js';
import { writingStarts } from './commit-start.js';

/** One file a commit writes (content) or deletes (null), at its real path. */
export interface Change {
  real: string;
  /** The path as the user knows it, for messages and the run's report. */
  label: string;
  content: string | null;
  /** What is on disk now (null: no file): the journal records its hash. */
  before: string | null;
  mode?: number;
}

type Op =
  | { op: 'mkdir'; path: string }
  | { op: 'write'; target: string; label: string; staged: string; backup: string | null; before: string | null; after: string }
  | { op: 'delete'; target: string; label: string; backup: string; before: string };

interface Journal { roots: string[]; ops: Op[] }

/**
 * The journal on disk names paths relative to the project that holds it: a project copied or
 * moved with a commit pending (cp -a, a restore) finishes it in its new place, not the old one.
 */
function mapPaths(j: Journal, f: (path: string) => string): Journal {
  return {
    roots: j.roots.map(f),
    ops: j.ops.map((o) => (o.op === 'mkdir' ? { ...o, path: f(o.path) } : { ...o, target: f(o.target) })),
  };
}
const journalHome = (txn: string): string => dirname(dirname(txn));
const readJournal = (txn: string): Journal => mapPaths(JSON.parse(readFileSync(join(txn, 'journal'), 'utf8')) as Journal, (p) => resolve(journalHome(txn), p));

const TXN = 'txn-';
const STICKY = 0o1000;
const SYNCFS_FROM = 8;
const hash = (text: string): string => digest('sha256', text, 'hex');
const code = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

let committed = 0;

/** Commits done by this process: a signal handled after one must not say "nothing was written". */
export const commitsDone = (): number => committed;

function fsyncPath(path: string): void {
  const fd = openSync(path, constants.O_RDONLY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes files (or folders' entries) durable. Many at once: one syncfs (coreutils' `sync -f`),
 * since an fsync each cost ~3 ms, 10 s for a 100-site factory; a few: an fsync each.
 */
function durable(paths: readonly string[]): void {
  if (!paths.length) return;
  if (paths.length > SYNCFS_FROM && spawnSync('sync', ['-f', paths[0] as string], { stdio: 'ignore' }).status === 0) return;
  for (const p of paths) fsyncPath(p);
}

function createExclusive(path: string, content: string, mode: number | undefined): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode ?? 0o644);
  try {
    writeSync(fd, content);
    if (mode !== undefined) fchmodSync(fd, mode);
  } finally {
    closeSync(fd);
  }
}

/** The hash of what is at `path` now; null when nothing is; a symlink or a folder is never what a journal wrote. */
function hashAt(path: string): string | null | 'other' {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (e) {
    return code(e) === 'ENOENT' ? null : 'other';
  }
  try {
    return fstatSync(fd).isFile() ? hash(readFileSync(fd, 'utf8')) : 'other';
  } finally {
    closeSync(fd);
  }
}

class Refusal extends Error {}

/**
 * Every pre-condition of every rename, checked before the first: the target is a file (or
 * nothing), its folder exists or can be made, both are writable by this user, and it is on
 * the staging folder's filesystem (a rename cannot cross one).
 */
function checkTargets(changes: readonly Change[], dev: number, staging: string): string[] {
  const me = process.geteuid?.();
  const mkdirs = new Set<string>();
  // Each folder is checked once: a factory writes ~30 files into each of its hundreds of folders.
  const folders = new Map<string, Stats | 'missing'>();
  const folder = (dir: string): Stats | 'missing' => {
    let st = folders.get(dir);
    if (st === undefined) {
      try {
        st = lstatSync(dir);
      } catch {
        st = 'missing';
      }
      folders.set(dir, st);
    }
    return st;
  };
  const writable = new Set<string>();
  const readOnly = (what: string): Refusal => new Refusal(`cannot write ${what}: it is read-only for this user; nothing was written`);
  for (const c of changes) {
    let target = null;
    // in a missing folder (a new site's), there is no target to look at
    if (folder(dirname(c.real)) !== 'missing') {
      try {
        target = lstatSync(c.real);
      } catch (e) {
        if (code(e) === 'ENOTDIR') throw new Refusal(`cannot write ${c.label}: a folder on its path is a file; nothing was written`);
      }
    }
    if (target?.isDirectory()) throw new Refusal(`cannot write ${c.label}: it is a directory; move it away (nothing was written)`);
    if (target && !target.isFile()) throw new Refusal(`cannot write ${c.label}: it is not a regular file; move it away (nothing was written)`);
    if (c.content === null && !target) continue;
    let dir = dirname(c.real);
    const missing: string[] = [];
    for (;;) {
      const st = folder(dir);
      if (st === 'missing') {
        missing.unshift(dir);
        dir = dirname(dir);
        continue;
      }
      if (!st.isDirectory()) throw new Refusal(`cannot write ${c.label}: ${dir} is not a folder; nothing was written`);
      if (!writable.has(dir)) {
        try {
          accessSync(dir, constants.W_OK | constants.X_OK);
        } catch {
          throw readOnly(folderLabel(c, dir));
        }
        writable.add(dir);
      }
      if (st.dev !== dev) throw new Refusal(`cannot write ${c.label}: it is on another filesystem than ${staging}, and a commit renames within one; nothing was written`);
      if (target && (st.mode & STICKY) && me !== 0 && st.uid !== me && target.uid !== me) throw readOnly(c.label);
      break;
    }
    if (target) {
      try {
        accessSync(c.real, constants.W_OK);
      } catch {
        throw readOnly(c.label);
      }
    }
    for (const m of missing) mkdirs.add(m);
  }
  return [...mkdirs];
}

/** A folder on a change's path, named as the user knows it (relative, when the label is). */
function folderLabel(c: Change, dir: string): string {
  const below = relative(dir, c.real).split(sep).length;
  const parts = c.label.split('/');
  return parts.length > below ? parts.slice(0, parts.length - below).join('/') : dir;
}

/** Applies a journal's operations; `recovering`: each only when it is not done yet. */
function forward(txn: string, ops: readonly Op[], recovering: boolean, notes: string[]): void {
  for (const op of ops) {
    if (op.op === 'mkdir') {
      try {
        mkdirSync(op.path, { mode: 0o755 });
      } catch (e) {
        if (code(e) !== 'EEXIST' || !statSync(op.path).isDirectory()) throw e;
      }
      continue;
    }
    if (op.op === 'write') {
      const staged = join(txn, op.staged);
      if (recovering) {
        if (!existsSync(staged)) continue;
        const now = hashAt(op.target);
        if (now !== op.before) {
          // changed since the interrupted run (by hand?): the file is kept as it is
          if (now !== op.after) notes.push(`kept ${op.label} as it is now (changed after the interrupted run)`);
          unlinkSync(staged);
          continue;
        }
      }
      renameSync(staged, op.target);
    } else {
      if (recovering && hashAt(op.target) !== op.before) continue;
      renameSync(op.target, join(txn, op.backup));
    }
    fault(recovering ? 'recover-rename' : 'after-rename');
  }
}

/** Undoes what `forward` did of a journal: old files back from their links, new ones gone. */
function backward(txn: string, ops: readonly Op[]): void {
  for (const op of [...ops].reverse()) {
    if (op.op === 'mkdir') {
      try {
        rmdirSync(op.path);
      } catch {
        // not empty (a file of the user's), or never made
      }
    } else if (op.op === 'write') {
      if (existsSync(join(txn, op.staged)) || hashAt(op.target) !== op.after) continue;
      if (op.backup !== null) renameSync(join(txn, op.backup), op.target);
      else unlinkSync(op.target);
      fault('recover-rename');
    } else if (hashAt(op.target) === null && existsSync(join(txn, op.backup))) {
      renameSync(join(txn, op.backup), op.target);
      fault('recover-rename');
    }
  }
}

/** Runs a commit through the journal in `home`'s private folder; `roots`: the projects it writes (locked). */
export function commitChanges(home: string, roots: readonly string[], changes: readonly Change[]): void {
  if (!changes.length) return;
  writingStarts();
  assertLocksHeld();
  let dir: string;
  try {
    dir = privateDir(home);
  } catch (e) {
    if (code(e) === 'EACCES' || code(e) === 'EROFS') throw new Error(`cannot write ${home}: it is read-only for this user; nothing was written`);
    throw e;
  }
  const txn = join(dir, `${TXN}${randomBytes(12).toString('hex')}`);
  mkdirSync(txn, { mode: 0o700 });
  // .yo-rc.json last: until it is renamed, the recorded state is the old one
  const ordered = [...changes].sort((a, b) => Number(a.label.endsWith('.yo-rc.json')) - Number(b.label.endsWith('.yo-rc.json')));
  const ops: Op[] = [];
  try {
    const mkdirs = checkTargets(ordered, statSync(txn).dev, `${home}/${PRIVATE_DIR}`);
    ops.push(...mkdirs.map((path) => ({ op: 'mkdir' as const, path })));
    ordered.forEach((c, i) => {
      if (c.content === null) {
        ops.push({ op: 'delete', target: c.real, label: c.label, backup: `b${i}`, before: hash(c.before ?? '') });
        return;
      }
      fault('stage-write');
      createExclusive(join(txn, `f${i}`), c.content, c.mode);
      let backup: string | null = null;
      if (c.before !== null) {
        backup = `b${i}`;
        try {
          linkSync(c.real, join(txn, backup));
        } catch {
          // (a file of another user, under protected_hardlinks): a copy does as well
          createExclusive(join(txn, backup), c.before, statSync(c.real).mode & 0o7777);
        }
      }
      ops.push({ op: 'write', target: c.real, label: c.label, staged: `f${i}`, backup, before: c.before === null ? null : hash(c.before), after: hash(c.content) });
    });
    durable(readdirSync(txn).map((n) => join(txn, n)));
    fault('journal');
    const journal = mapPaths({ roots: [...roots], ops }, (p) => relative(home, p));
    createExclusive(join(txn, 'journal.part'), JSON.stringify(journal), 0o600);
    fsyncPath(join(txn, 'journal.part'));
    renameSync(join(txn, 'journal.part'), join(txn, 'journal'));
    fsyncPath(txn);
  } catch (e) {
    rmSync(txn, { recursive: true, force: true });
    if (e instanceof Refusal) throw new Error(e.message);
    throw new Error(`cannot write in ${home}: ${code(e)}; nothing was written`);
  }
  fault('after-journal');
  try {
    forward(txn, ops, false, []);
  } catch (e) {
    try {
      backward(txn, ops);
    } catch (undo) {
      throw new Error(`a commit failed (${code(e)}) and could not be undone (${code(undo)}); the next run of plonefactory finishes or undoes it (${txn})`);
    }
    rmSync(txn, { recursive: true, force: true });
    throw new Error(`cannot write in ${home}: ${code(e)}; nothing was written (undone)`);
  }
  durable([...new Set(ops.flatMap((o) => (o.op === 'mkdir' ? [] : [dirname(o.target)])))]);
  committed++;
  fault('after-commit');
  rmSync(txn, { recursive: true, force: true });
}

/** Interrupted commits waiting in `home`'s private folder: their folders, and the roots they write. */
export function pendingCommits(home: string): Array<{ txn: string; roots: string[] | null }> {
  const dir = join(home, PRIVATE_DIR);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(TXN));
  } catch {
    return [];
  }
  if (!names.length) return [];
  assertPrivate(dir, dir);
  return names.map((n) => {
    const txn = join(dir, n);
    try {
      return { txn, roots: readJournal(txn).roots };
    } catch {
      return { txn, roots: null };
    }
  });
}

/**
 * Finishes an interrupted commit (its journal is complete: rolled forward; if that fails,
 * back) or drops it (incomplete: nothing was renamed yet). The caller holds every lock of its roots.
 */
export function recoverCommit(txn: string): string[] {
  writingStarts();
  let journal: Journal;
  try {
    journal = readJournal(txn);
  } catch {
    rmSync(txn, { recursive: true, force: true });
    return ['an interrupted run had not begun to write: dropped what it staged, nothing changed'];
  }
  const files = journal.ops.filter((o) => o.op !== 'mkdir').length;
  const notes: string[] = [];
  try {
    forward(txn, journal.ops, true, notes);
    notes.unshift(`finished the commit of an interrupted run (${files} file${files === 1 ? '' : 's'})`);
  } catch (e) {
    backward(txn, journal.ops);
    notes.unshift(`undid the commit of an interrupted run (it could not be finished: ${code(e)})`);
  }
  rmSync(txn, { recursive: true, force: true });
  return notes;
}
