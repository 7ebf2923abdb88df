// Whether git would ignore a file of a project, from the .gitignore files between the project
// root and the file (no git needed: a generated project may not be a repository yet). The
// patterns buildouts use: globs (*, ?, **), a leading / or an inner / to anchor, a trailing /
// for folders, ! to re-include; the last matching pattern wins.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

interface Rule { base: string; re: RegExp; negate: boolean; dirOnly: boolean }

function globToRe(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

function rulesOf(file: string, base: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of readFileSync(file, 'utf8').split(/\r?\n/)) {
    let line = raw.replace(/\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    const body = globToRe(line);
    rules.push({ base, negate, dirOnly, re: new RegExp(anchored ? `^${body}$` : `(^|/)${body}$`) });
  }
  return rules;
}

/** True when a .gitignore under `root` ignores `file` (absolute, inside root), or one of its folders. */
export function gitIgnores(root: string, file: string): boolean {
  const rel = relative(root, file).split(sep).join('/');
  if (rel.startsWith('..')) return false;
  const parts = rel.split('/');
  const rules: Rule[] = [];
  for (let i = 0; i < parts.length; i++) {
    const dir = join(root, ...parts.slice(0, i));
    const gi = join(dir, '.gitignore');
    if (existsSync(gi)) rules.push(...rulesOf(gi, parts.slice(0, i).join('/')));
  }
  // a folder that is ignored ignores everything below it; else the file itself decides
  for (let i = 1; i <= parts.length; i++) {
    const path = parts.slice(0, i).join('/');
    const isDir = i < parts.length;
    let ignored = false;
    for (const r of rules) {
      if (r.dirOnly && !isDir) continue;
      const local = r.base ? (path.startsWith(r.base + '/') ? path.slice(r.base.length + 1) : null) : path;
      if (local !== null && r.re.test(local)) ignored = !r.negate;
    }
    if (ignored) return true;
  }
  return false;
}

