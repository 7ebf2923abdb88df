// Where a buildout starts: the files someone runs `bin/buildout -c FILE` with. Any buildout
// has them at its root (buildout.cfg, or dev.cfg/prod.cfg/development.cfg...: the .cfg files
// no other root file extends) and, in the zopeskel.unis layout, in profiles/ (the profiles
// no other profile extends).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { parse } from './parse.js';
import { splitWs } from './pystr.js';

const isUrl = (s: string): boolean => /^[a-zA-Z0-9+.-]+:\/\//.test(s);

/** The .cfg files of a folder (not below it), sorted. */
function cfgsIn(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir).filter((n) => n.endsWith('.cfg') && statSync(join(dir, n)).isFile()).sort().map((n) => join(dir, n));
}

/** The local files a file's `[buildout] extends` names (absolute), unreadable files skipped. */
function extendsOf(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const s of parse(text, file).sections) {
    if (s.name !== 'buildout') continue;
    for (const o of s.options) if (o.key === 'extends') for (const e of splitWs(o.value)) if (!isUrl(e)) out.push(resolvePath(join(file, '..'), e));
  }
  return out;
}

/** Every file reachable through extends from `start` (itself excluded). */
function reachable(start: string): Set<string> {
  const seen = new Set<string>();
  const todo = extendsOf(start);
  while (todo.length) {
    const f = todo.pop() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...extendsOf(f));
  }
  return seen;
}

/** profiles/*.cfg that no other profile extends: the ones a buildout.cfg would name. */
export function topProfiles(projectDir: string): string[] {
  const all = cfgsIn(join(projectDir, 'profiles'));
  const extended = new Set(all.flatMap((f) => [...reachable(f)].filter((g) => g !== f)));
  return all.filter((p) => !extended.has(p));
}

/** A file someone runs: it has a [buildout] section with parts or extends (a file of pins alone is extended, not run). */
function runnable(file: string): boolean {
  try {
    return parse(readFileSync(file, 'utf8'), file).sections.some((s) => s.name === 'buildout' && s.options.some((o) => o.name === 'parts' || o.name === 'extends'));
  } catch {
    return false;
  }
}

/** Root .cfg files that no other root file extends, directly or through others: buildout.cfg, dev.cfg, prod.cfg... */
export function rootEntryPoints(projectDir: string): string[] {
  const all = cfgsIn(projectDir).filter((f) => f.endsWith('/buildout.cfg') || runnable(f));
  const extended = new Set(all.flatMap((f) => [...reachable(f)].filter((g) => g !== f)));
  return all.filter((p) => !extended.has(p));
}
