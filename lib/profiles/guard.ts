// The conflict checks every edit to [project-settings], [versions] or [buildout] parts goes
// through: resolve each profile of the project as it is and as it would be after the change
// (lib/buildout/check.ts, zc.buildout's semantics), and refuse the change when it brings a
// finding the project does not already have. Nothing is written by then.
import { relative, resolve as resolvePath } from 'node:path';
import { checkProfile, type Finding } from '../buildout/check.js';
import { newLoadCache } from '../buildout/load.js';
import { offlineReader, offlineUrls, virtualRoot } from '../buildout/offline-profile.js';
import { AnswerError } from '../project/answers.js';
import { givenToEveryClone } from '../project/layout.js';


/** Absolute path -> text, or null when the file does not exist (in that state of the project). */
export type ProjectReader = (absolutePath: string) => string | null;

/** `profiles` are profile names (production), or root configs by file name (buildout.cfg). */
export function checkProject(dir: string, profiles: readonly string[], read: ProjectReader): Finding[] {
  const root = resolvePath(dir);
  // one state of the project: its profiles share their files (base.cfg, the pin chain)
  const cache = newLoadCache();
  return profiles.flatMap((profile) => {
    const v = profile.endsWith('.cfg')
      ? { path: `${root}/.plonefactory-check-root.${profile}`, text: `[buildout]\nextends = ${profile}\n` }
      : virtualRoot(root, profile);
    // a root config this state of the project does not have (jenkins.cfg before `profile jenkins`)
    if (profile.endsWith('.cfg') && read(`${root}/${profile}`) === null) return [];
    // what makes buildout go wrong or differ between majors; info is true but harmless. The
    // release's pin files are never read here, so an egg they may pin is not reported unpinned.
    return checkProfile(v.path, { urlMap: offlineUrls(root), readFile: offlineReader(root, v.path, v.text, read), cache, extendsUnread: true, ignoredByDesign: givenToEveryClone(root) })
      .filter((f) => f.severity !== 'info');
  });
}

function key(dir: string, f: Finding): string {
  // line numbers move when a file is edited: a finding is the same one wherever it sits
  return `${relative(dir, f.file)}\0${f.code}\0${f.message.replace(/:\d+\b/g, ':#')}`;
}

/** Findings after the change that the project did not have before it. */
export function newFindings(dir: string, before: { profiles: readonly string[]; read: ProjectReader }, after: { profiles: readonly string[]; read: ProjectReader }): Finding[] {
  const found = checkProject(dir, after.profiles, after.read);
  // a clean result has nothing new: the project as it is needs no check then (half the work)
  if (!found.length) return [];
  const known = new Set(checkProject(dir, before.profiles, before.read).map((f) => key(dir, f)));
  const seen = new Set<string>();
  return found.filter((f) => {
    const k = key(dir, f);
    return !known.has(k) && !seen.has(k) && seen.add(k);
  });
}

/** Throws a one-line error naming the first new finding: the change must not be written. */
export function refuseNewFindings(dir: string, what: string, found: readonly Finding[]): void {
  const first = found[0];
  if (!first) return;
  const where = `${relative(dir, first.file)}:${first.line}`;
  const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
  const message = first.message.split(`${resolvePath(dir)}/`).join('').replace(/\s*\n\s*/g, ' ');
  throw new AnswerError(`${what} would make buildout go wrong: ${where}: ${first.code}: ${message}${more}; nothing was written`);
}
