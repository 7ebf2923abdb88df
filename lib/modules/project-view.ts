// How the module code sees a project: its directory and a way to read its files. The
// commands read through their staged files (so files staged earlier in the same run
// count), the tests read the disk; the checks and edits do not care which.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineMapper } from './line-map.js';

export interface ProjectView {
  /** Absolute project root (where buildout.cfg is). */
  dir: string;
  /** Text of a file by absolute path, or null when there is none. */
  read(path: string): string | null;
  /** Profile files (`profiles/NAME.cfg`, relative) present on disk, hand-made ones included, and the root configs. */
  profilesOnDisk(): string[];
  /** For a view of the project as it would be: the line of a file as it is now, for messages. */
  lineNow?(path: string, line: number): number;
}

function cfgFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.cfg')).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

/**
 * What a user can pass to bin/buildout: buildout.cfg first, then every other *.cfg at the
 * root (jenkins.cfg, one of their own). Checks resolve these too, so a hand-written
 * `[project-settings] eggs =` in buildout.cfg is seen. (Our own virtual roots are not.)
 */
export function rootConfigs(dir: string): string[] {
  const names = cfgFiles(dir).filter((n) => !n.startsWith('.plonefactory-'));
  return [...names.filter((n) => n === 'buildout.cfg'), ...names.filter((n) => n !== 'buildout.cfg')];
}

/** The profiles (`profiles/NAME.cfg`), then the root configs, relative to dir. */
export function listProfiles(dir: string): string[] {
  return [...cfgFiles(join(dir, 'profiles')).map((n) => `profiles/${n}`), ...rootConfigs(dir)];
}

/** A view of a project on disk. */
export function diskView(dir: string): ProjectView {
  return {
    dir,
    read: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return null;
      }
    },
    profilesOnDisk: () => listProfiles(dir),
  };
}

/** The project as it would be with `overlay` (absolute path -> new text, null: deleted) applied. */
export function overlaid(view: ProjectView, overlay: ReadonlyMap<string, string | null>): ProjectView {
  const mappers = new Map<string, (line: number) => number>();
  return {
    dir: view.dir,
    read: (path) => (overlay.has(path) ? (overlay.get(path) as string | null) : view.read(path)),
    profilesOnDisk: () => view.profilesOnDisk(),
    lineNow: (path, line) => {
      const next = overlay.get(path);
      const now = view.read(path);
      // a file the change creates has no "now": its lines are those it will be written with
      if (next === undefined || next === null || now === null) return line;
      if (!mappers.has(path)) mappers.set(path, lineMapper(now, next));
      return (mappers.get(path) as (line: number) => number)(line);
    },
  };
}
