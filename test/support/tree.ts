// A folder's exact state for before/after oracles: every file, folder and symlink below it
// with its type, mode and content, so "as before" means byte for byte, modes included, and
// a leftover temporary file or an empty staging folder counts as a difference.
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Relative path -> "TYPE MODE" plus the content (files) or target (symlinks). */
export type Tree = Map<string, string>;

export function readTree(dir: string, skip: (rel: string) => boolean = () => false): Tree {
  const out: Tree = new Map();
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (skip(path)) continue;
      const abs = join(dir, path);
      const st = lstatSync(abs);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out.set(path, `link ${mode} ${readlinkSync(abs)}`);
      else if (st.isDirectory()) {
        out.set(path, `dir ${mode}`);
        walk(path);
      } else out.set(path, `file ${mode} ${readFileSync(abs, 'latin1')}`);
    }
  };
  walk('');
  return out;
}

export function sameTree(a: Tree, b: Tree): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** The paths two trees disagree on, each with how: for a failure message. */
export function treeDiff(a: Tree, b: Tree, limit = 6): string {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const head = (v: string | undefined): string => {
    if (v === undefined) return 'absent';
    const [type, mode] = v.split(' ', 2) as [string, string];
    return `${type} ${mode}${type === 'file' ? ` ${v.length - type.length - mode.length - 2}B` : ''}`;
  };
  const diffs = keys.filter((k) => a.get(k) !== b.get(k)).map((k) => `${k} (${head(a.get(k))} vs ${head(b.get(k))})`);
  return diffs.length > limit ? `${diffs.slice(0, limit).join(', ')} and ${diffs.length - limit} more` : diffs.join(', ');
}
