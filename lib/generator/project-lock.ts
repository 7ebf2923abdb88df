// One run at a time per project (git's index.lock, with a pid in it): `.plonefactory/lock`,
// created exclusively, held for the whole plan -> check -> commit. A second run waits a little,
// then refuses, naming the holder's pid; a lock whose process is dead is taken over. The
// factory takes every site's lock, in sorted order, so two runs cannot wait on each other.
import { closeSync, constants, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AnswerError } from '../project/answers.js';
import { dropPrivateDir, privateDir, PRIVATE_DIR } from './private-dir.js';

const WAIT_MS = 2000;
const POLL_MS = 50;

/** The kernel's start time of a process (field 22 of /proc/PID/stat): a pid reused later differs. */
function startTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

function alive(pid: number, start: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTime(pid);
  return !start || !now || now === start;
}

function readNoFollow(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return null;
  }
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** The holder a lock file names: `PID START TOKEN`. */
function holderOf(text: string): { pid: number; start: string } {
  const [pid, start] = text.split(' ');
  return { pid: Number(pid), start: start ?? '' };
}

const held = new Set<ProjectLock>();

/** Whether a live run holds the lock of `root` now (its commit is under way, not interrupted). */
export function lockedByLiveRun(root: string): boolean {
  const text = readNoFollow(join(root, PRIVATE_DIR, 'lock'));
  if (text === null) return false;
  const holder = holderOf(text);
  return alive(holder.pid, holder.start);
}

export class ProjectLock {
  private constructor(readonly root: string, private readonly path: string, private readonly text: string) {}

  /** Locks `root`, or returns null when its folder is read-only or does not exist yet. */
  static async acquire(root: string): Promise<ProjectLock | null> {
    let dir: string;
    try {
      dir = privateDir(root);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // read-only: nothing can be written anyway; missing: a new site, created by the commit
      if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM' || code === 'ENOENT') return null;
      throw e;
    }
    const path = join(dir, 'lock');
    const text = `${process.pid} ${startTime(process.pid)} ${randomBytes(8).toString('hex')}\n`;
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      try {
        const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
        try {
          writeSync(fd, text);
        } finally {
          closeSync(fd);
        }
        const lock = new ProjectLock(root, path, text);
        held.add(lock);
        return lock;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') throw new Error(`cannot lock ${root}: ${code ?? (e as Error).message}; nothing was written`);
      }
      const other = readNoFollow(path);
      if (other === null) continue;
      const holder = holderOf(other);
      if (!alive(holder.pid, holder.start)) {
        takeOver(path, other);
        continue;
      }
      if (Date.now() > deadline) {
        throw new AnswerError(`${root} is locked by another plonefactory run (pid ${holder.pid}); try again when it ends (${PRIVATE_DIR}/lock)`);
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /** Still ours? (A run that lost its lock must not commit.) */
  assertHeld(): void {
    if (readNoFollow(this.path) !== this.text) throw new Error(`lost the lock of ${this.root} to another run; nothing was written`);
  }

  release(): void {
    if (!held.delete(this)) return;
    if (readNoFollow(this.path) === this.text) unlinkSync(this.path);
    dropPrivateDir(this.root);
  }
}

/**
 * Removes a dead holder's lock, and only that one: it is moved aside first and checked, so two
 * runs taking over at once cannot remove the lock the faster one just made.
 */
function takeOver(path: string, stale: string): void {
  const aside = `${path}.stale-${randomBytes(8).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  if (readNoFollow(aside) !== stale) {
    try {
      linkSync(aside, path);
    } catch {
      // a third run locked meanwhile; the one we moved lost its file, and finds out before committing
    }
  }
  unlinkSync(aside);
}

/** Before a commit: every lock this process took is still its own. */
export function assertLocksHeld(): void {
  for (const lock of held) lock.assertHeld();
}

/** Locks are files: a process that exits (Ctrl-C included) leaves none behind. SIGKILL leaves a stale one. */
process.on('exit', () => {
  for (const lock of held) lock.release();
});

/** Takes the locks of `roots` in sorted order (no two runs can wait on each other), or none. */
export async function acquireAll(roots: readonly string[]): Promise<ProjectLock[]> {
  const locks: ProjectLock[] = [];
  try {
    for (const root of [...new Set(roots)].sort()) {
      const lock = await ProjectLock.acquire(root);
      if (lock) locks.push(lock);
    }
  } catch (e) {
    for (const l of locks) l.release();
    throw e;
  }
  return locks;
}
