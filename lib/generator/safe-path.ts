// Where a project path really leads. A symlink inside the project is followed only while it
// stays inside the project: one that leads out of it (a `profiles` linked to another folder),
// or nowhere (dangling), is refused, naming it, unless the user passed --follow-symlinks. Every
// read and every write of a project file goes through here, on both entry points alike.
import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

export class SymlinkError extends Error {}

/** The real path of a folder that may not exist yet (a new site): its nearest existing parent's, and the rest. */
function realOrMissing(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return dirname(p) === p ? p : join(realOrMissing(dirname(p)), basename(p));
  }
}

const inside = (root: string, p: string): boolean => p === root || p.startsWith(root + sep);

export class ProjectPaths {
  private readonly realRoot: string;
  /** Folder path (relative) -> where it really is, for folders already walked. */
  private readonly walked = new Map<string, string>();
  /**
   * Folders found missing: nothing below them exists either (a new site's 30 files would
   * otherwise each fail an lstat, and then a read, on the same missing folder). Valid for a run,
   * which writes nothing until its commit and holds the project's lock.
   */
  private readonly missing = new Set<string>();

  /** A project not made yet (a new site of a factory): nothing in it exists. */
  private readonly rootAbsent: boolean;

  constructor(readonly root: string, readonly follow: boolean) {
    this.realRoot = realOrMissing(root);
    this.rootAbsent = !existsSync(this.realRoot);
  }

  /** The real path of `rel` (relative to the root), every symlink on the way checked. */
  real(rel: string): string {
    return this.lookup(rel).path;
  }

  /** `real`, and whether the path is known not to exist (so there is nothing to read). */
  lookup(rel: string): { path: string; absent: boolean } {
    const parts = rel.split('/').filter((p) => p !== '' && p !== '.');
    if (this.rootAbsent) return { path: join(this.realRoot, ...parts), absent: true };
    let cur = this.realRoot;
    let walked = '';
    for (let i = 0; i < parts.length; i++) {
      walked = walked ? `${walked}/${parts[i]}` : (parts[i] as string);
      const known = this.walked.get(walked);
      if (known !== undefined) {
        cur = known;
        continue;
      }
      const next = join(cur, parts[i] as string);
      if (this.missing.has(walked)) return { path: join(next, ...parts.slice(i + 1)), absent: true };
      let isLink = false;
      try {
        isLink = lstatSync(next).isSymbolicLink();
      } catch (e) {
        // missing: nothing below it exists either, and nothing on the way was a symlink
        const code = (e as NodeJS.ErrnoException).code;
        const absent = code === 'ENOENT' || code === 'ENOTDIR';
        if (absent && i < parts.length - 1) this.missing.add(walked);
        return { path: join(next, ...parts.slice(i + 1)), absent };
      }
      cur = isLink ? this.throughLink(next, walked) : next;
      if (i < parts.length - 1) this.walked.set(walked, cur);
    }
    return { path: cur, absent: false };
  }

  private throughLink(link: string, label: string): string {
    const text = readlinkSync(link);
    let real: string;
    try {
      real = realpathSync(link);
    } catch {
      if (this.follow) return resolve(dirname(link), text);
      throw new SymlinkError(`${label} is a symlink to ${text}, which does not exist; plonefactory does not write through symlinks (pass --follow-symlinks to write there)`);
    }
    if (this.follow || inside(this.realRoot, real)) return real;
    throw new SymlinkError(`${label} is a symlink to ${real}, outside the project; plonefactory does not read or write through it (pass --follow-symlinks to allow it)`);
  }
}
