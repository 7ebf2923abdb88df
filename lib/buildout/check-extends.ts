// `extends` entries that a build cannot read: a file that does not exist (buildout stops with
// "[Errno 2] No such file or directory"), or one git ignores (it exists here, but a fresh
// clone, a CI workspace, has no such file). Each is reported at the extends line naming it,
// following the tree from one root; URLs are the offline check's business.
import { finding, type Finding } from './check-model.js';
import { BuildoutError } from './errors.js';
import { gitIgnores } from './gitignore.js';
import { parse, type DocLine } from './parse.js';
import { dirname, joinPath, normpath, pyRepr, splitWs } from './pystr.js';

const isUrl = (s: string): boolean => /^[a-zA-Z0-9+.-]+:\/\//.test(s);

/** Missing and git-ignored files in the extends tree of `root` (absolute); `project` holds the .gitignore files. */
export function unreadableExtends(
  root: string,
  project: string,
  readFile: (p: string) => string,
  byDesign: Readonly<Record<string, string>> = {},
): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  // through the caller's reader: a check of a planned change sees the files as they will be
  // (a file that is there but unreadable, not UTF-8 or a symlink out of the project is not
  // missing: the resolver reports why it cannot be read)
  const readable = (p: string): boolean => {
    try {
      readFile(p);
      return true;
    } catch (e) {
      return e instanceof BuildoutError && e.kind !== 'FileNotFoundError';
    }
  };
  // a stack, not recursion: an extends chain may be thousands of files deep
  const todo = [root];
  while (todo.length) {
    const file = todo.pop() as string;
    const key = normpath(file);
    if (seen.has(key)) continue;
    seen.add(key);
    let text: string;
    try {
      text = readFile(file);
    } catch {
      continue; // the root itself: the resolver reports it
    }
    const doc = parse(text, file);
    for (const s of doc.sections) {
      if (s.name !== 'buildout' || s.expression !== null) continue;
      for (const o of s.options) {
        if (o.key !== 'extends' && o.key !== 'optional-extends') continue;
        for (const entry of splitWs(o.value)) {
          if (isUrl(entry) || entry.includes('${')) continue;
          // the line that names it (comment lines inside a value are not part of it)
          let line = o.line;
          for (let i = o.line; i < o.end; i++) {
            if (doc.roles[i] !== 'comment' && splitWs((doc.lines[i] as DocLine).text.replace(i === o.line ? /^[^=]*=/ : /^$/, '')).includes(entry)) {
              line = i;
              break;
            }
          }
          const path = normpath(joinPath(dirname(file), entry));
          const where = { file, line: line + 1 };
          if (!readable(path)) {
            if (o.key === 'extends') out.push(finding(where, 'missing-extends', `extends ${entry}: no such file; zc.buildout stops with "[Errno 2] No such file or directory: ${pyRepr(path)}"`));
            continue;
          }
          // an ignored optional-extends is a local override by design
          if (o.key === 'extends' && gitIgnores(project, path)) {
            const why = byDesign[path];
            if (why !== undefined) {
              out.push(finding(where, 'ignored-extends', `extends ${entry}, which git ignores by design: ${why}`, 'info'));
            } else {
              out.push(finding(where, 'ignored-extends', `extends ${entry}, which .gitignore ignores: a fresh clone (a CI workspace) has no such file, and buildout stops there`));
            }
          }
          todo.push(path);
        }
      }
    }
  }
  return out;
}
