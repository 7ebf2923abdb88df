// What every command does first in a project: take its lock (a factory: every site's, sorted),
// then finish any commit an earlier run left interrupted, in the project or in the factory
// folder above it, before reading anything.
import { dirname } from 'node:path';
import { fault } from './fault.js';
import { pendingCommits, recoverCommit } from './journal.js';
import { acquireAll, type ProjectLock } from './project-lock.js';

/** Locks `roots` and recovers their interrupted commits; the caller releases the locks. */
export async function openProjects(roots: readonly string[], out: (line: string) => void): Promise<ProjectLock[]> {
  const locks = await acquireAll(roots);
  try {
    const homes = [...new Set(roots.flatMap((r) => [r, dirname(r)]))];
    for (const home of homes) {
      const own = roots.includes(home);
      let pending;
      try {
        pending = pendingCommits(home);
      } catch (e) {
        // the folder above a project is not ours to judge: a foreign .plonefactory there is ignored
        if (own) throw e;
        continue;
      }
      for (const { txn, roots: theirs } of pending) {
        // above the project, only a factory's complete journal that wrote this project is ours to finish
        if (!own && (theirs === null || !theirs.some((r) => roots.includes(r)))) continue;
        const mine = new Set(locks.map((l) => l.root));
        const more = await acquireAll([home, ...(theirs ?? [])].filter((r) => !mine.has(r)));
        try {
          for (const line of recoverCommit(txn)) out(line);
        } finally {
          for (const l of more) l.release();
        }
      }
    }
    fault('locked');
  } catch (e) {
    for (const l of locks) l.release();
    throw e;
  }
  return locks;
}

export function closeProjects(locks: readonly ProjectLock[]): void {
  for (const l of locks) l.release();
}
