// One run at a time per project (git's index.lock, with a pid in it): `.plonefactory/lock`,
// created exclusively, held for the whole plan -> check -> commit. A second run waits a little,
// then refuses, naming the holder's pid; a lock whose process is dead is taken over. The
// factory takes every site's lock, in sorted order, so two runs cannot wait on each other.
import { closeSync, constants, linkSync, openSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
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
  // (kill(0, 0) would signal our own process group: a lock naming no pid names no one alive)
  if (!Number.isInteger(pid) || pid <= 0) return false;
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
    const text = `${process.pid} ${startTime(process.pid)} ${randomBytes(8).toString('hex')}\n`;
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
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
      let published: boolean;
      try {
        published = publish(dir, path, text);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // the folder went with another run's release, between our mkdir and our file: again
        if (code === 'ENOENT') continue;
        throw new Error(`cannot lock ${root}: ${code ?? (e as Error).message}; nothing was written`);
      }
      if (published) {
        const lock = new ProjectLock(root, path, text);
        held.add(lock);
        removeDeadLeftovers(dir);
        return lock;
      }
      const other = readNoFollow(path);
      const holder = other === null ? null : holderOf(other);
      if (other !== null && holder && !alive(holder.pid, holder.start)) {
        takeOver(path, other);
        continue;
      }
      // (null: gone meanwhile, or not a file: waited on like a live holder, never spun on)
      if (Date.now() > deadline) {
        throw new AnswerError(`${root} is locked by another plonefactory run${holder ? ` (pid ${holder.pid})` : ''}; try again when it ends (${PRIVATE_DIR}/lock)`);
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
 * Files a lock operation makes beside the lock: `lock.KIND.PID.START.RANDOM`. A run killed
 * while one exists leaves it; whoever holds the lock next removes those of dead processes.
 */
function leftover(path: string, kind: 'new' | 'stale'): string {
  return `${path}.${kind}.${process.pid}.${startTime(process.pid) || '0'}.${randomBytes(8).toString('hex')}`;
}

/**
 * Puts the lock in place whole, or not at all: written under a name of its own, then linked
 * to `lock` (link fails if `lock` exists). A run killed between creating and writing the lock
 * left an empty one that named no holder, and no later run could take it over.
 */
function publish(dir: string, path: string, text: string): boolean {
  const temp = leftover(path, 'new');
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    linkSync(temp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    rmSync(temp, { force: true });
  }
}

function removeDeadLeftovers(dir: string): void {
  for (const name of readdirSync(dir)) {
    const m = /^lock\.(?:new|stale)\.(\d+)\.(\d+)\.[0-9a-f]+$/.exec(name);
    if (m && !alive(Number(m[1]), m[2] === '0' ? '' : m[2]!)) rmSync(join(dir, name), { force: true });
  }
}

/**
 * Removes a dead holder's lock, and only that one: it is moved aside first and checked, so two
 * runs taking over at once cannot remove the lock the faster one just made.
 */
function takeOver(path: string, stale: string): void {
  const aside = leftover(path, 'stale');
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
