// Where a buildout starts: the files someone runs `bin/buildout -c FILE` with. Any buildout
// has them at its root (buildout.cfg, or dev.cfg/prod.cfg/development.cfg...: the .cfg files
// no other root file extends) and, in the zopeskel.unis layout, in profiles/ (the profiles
// no other profile extends).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { parse } from './parse.js';
import { splitWs } from './pystr.js';
import { projectReader } from './read-config.js';

const isUrl = (s: string): boolean => /^[a-zA-Z0-9+.-]+:\/\//.test(s);

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false; // a dangling symlink
  }
};

/** The .cfg files of a folder (not below it), sorted. */
function cfgsIn(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir).filter((n) => n.endsWith('.cfg') && isFile(join(dir, n))).sort().map((n) => join(dir, n));
}

type Reader = (path: string) => string;

/** The text of a file of the project, or null: unreadable, not UTF-8, a symlink out of the project. */
function textOf(file: string, read: Reader): string | null {
  try {
    return read(file);
  } catch {
    return null;
  }
}

/** The local files a file's `[buildout] extends` names (absolute), unreadable files skipped. */
function extendsOf(file: string, read: Reader): string[] {
  const text = textOf(file, read);
  if (text === null) return [];
  const out: string[] = [];
  for (const s of parse(text, file).sections) {
    if (s.name !== 'buildout') continue;
    for (const o of s.options) if (o.key === 'extends') for (const e of splitWs(o.value)) if (!isUrl(e)) out.push(resolvePath(join(file, '..'), e));
  }
  return out;
}

/**
 * The files of `all` that another file extends, directly or through others: each file's
 * extends read once, from every file the roots reach (a root per file of a 5,000-file chain
 * made this quadratic). In a tree of extends, a file is extended by another exactly when some
 * file reached from the roots, not itself, names it.
 */
function extendedAmong(all: readonly string[], read: Reader): Set<string> {
  const extended = new Set<string>();
  const seen = new Set<string>(all);
  const todo = [...all];
  while (todo.length) {
    const f = todo.pop() as string;
    for (const g of extendsOf(f, read)) {
      if (g !== f) extended.add(g);
      if (!seen.has(g)) {
        seen.add(g);
        todo.push(g);
      }
    }
  }
  return extended;
}

/** The roots and every local file they extend, directly or not: the configs a check of them reads. */
export function reachableConfigs(projectDir: string, roots: readonly string[]): string[] {
  const read = projectReader(projectDir);
  const seen = new Set(roots);
  const todo = [...roots];
  while (todo.length) {
    for (const g of extendsOf(todo.pop() as string, read)) {
      if (!seen.has(g)) {
        seen.add(g);
        todo.push(g);
      }
    }
  }
  return [...seen].filter(isFile);
}

/** profiles/*.cfg that no other profile extends: the ones a buildout.cfg would name. */
export function topProfiles(projectDir: string): string[] {
  const all = cfgsIn(join(projectDir, 'profiles'));
  const extended = extendedAmong(all, projectReader(projectDir));
  return all.filter((p) => !extended.has(p));
}

/** A file someone runs: it has a [buildout] section with parts or extends (a file of pins alone is extended, not run). */
function runnable(file: string, read: Reader): boolean {
  const text = textOf(file, read);
  return text !== null && parse(text, file).sections.some((s) => s.name === 'buildout' && s.options.some((o) => o.name === 'parts' || o.name === 'extends'));
}

/** Root .cfg files that no other root file extends, directly or through others: buildout.cfg, dev.cfg, prod.cfg... */
export function rootEntryPoints(projectDir: string): string[] {
  const read = projectReader(projectDir);
  const all = cfgsIn(projectDir).filter((f) => f.endsWith('/buildout.cfg') || runnable(f, read));
  const extended = extendedAmong(all, read);
  return all.filter((p) => !extended.has(p));
}
