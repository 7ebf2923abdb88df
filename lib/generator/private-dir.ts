// The project's private folder, `.plonefactory/`: the lock and the staging folders of commits
// live there. It must be ours and closed to others, or a user who can write the project folder
// could read the secrets staged in it, or swap a staged file before it is renamed into place.
import { lstatSync, mkdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR = '.plonefactory';

const uid = (): number | undefined => process.geteuid?.();

/** Throws unless `dir` is a real folder (not a symlink) of this user, writable by no one else. */
export function assertPrivate(dir: string, label: string): void {
  const st = lstatSync(dir);
  if (st.isSymbolicLink() || !st.isDirectory()) throw new Error(`${label} is not a folder but a ${st.isSymbolicLink() ? 'symlink' : 'file'}; plonefactory keeps its lock and staged files there: remove it`);
  const me = uid();
  if ((me !== undefined && st.uid !== me) || (st.mode & 0o022) !== 0) {
    throw new Error(`${label} belongs to uid ${st.uid} with mode ${(st.mode & 0o777).toString(8)}; plonefactory keeps its lock and staged files there and needs it private (yours, mode 700): remove it`);
  }
}

/** The private folder of `root`, created (mode 700) when missing; refused when not private. */
export function privateDir(root: string): string {
  const dir = join(root, PRIVATE_DIR);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  assertPrivate(dir, dir);
  return dir;
}

/** Removes the private folder once nothing is left in it (a run leaves no trace). */
export function dropPrivateDir(root: string): void {
  try {
    rmdirSync(join(root, PRIVATE_DIR));
  } catch {
    // not empty (another run's lock, a commit to recover) or already gone
  }
}
