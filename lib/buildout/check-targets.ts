// What `plonefactory check` looks at: the project directory (any buildout: a runnable .cfg at
// its root or a profiles/ folder is enough) and the config files or profiles named on the
// command line.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve as resolvePath } from 'node:path';
import { UsageError } from '../generator/usage-error.js';
import { rootEntryPoints, topProfiles } from './entry-points.js';

const isFile = (p: string): boolean => existsSync(p) && statSync(p).isFile();
const isDir = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();

/** Throws a UsageError unless `dir` looks like a buildout: a .cfg file at its root, or a profiles/ folder. */
export function assertProject(dir: string): void {
  if (!rootEntryPoints(dir).length && !isDir(join(dir, 'profiles'))) {
    throw new UsageError(`${dir} is not a buildout (no .cfg file in it, no profiles/): run plonefactory check in the buildout's directory, or name its config files`);
  }
}

/** profiles/NAME.cfg names, for messages. */
export function profileNames(dir: string): string[] {
  const p = join(dir, 'profiles');
  return isDir(p) ? readdirSync(p).filter((n) => n.endsWith('.cfg') && isFile(join(p, n))).map((n) => n.slice(0, -4)).sort() : [];
}

/**
 * What checkProject resolves by default, paths relative to dir: top profiles, then the configs
 * a user passes to bin/buildout: buildout.cfg first, then the other root *.cfg no root file extends.
 */
export function defaultTargets(dir: string): string[] {
  const roots = rootEntryPoints(dir).map((p) => relative(dir, p)).filter((n) => !n.startsWith('.plonefactory-'));
  return [...topProfiles(dir).map((p) => relative(dir, p)), ...roots.filter((n) => n === 'buildout.cfg'), ...roots.filter((n) => n !== 'buildout.cfg')];
}

/**
 * Command-line profile names to paths relative to dir: `production` is profiles/production.cfg;
 * a name ending in .cfg is a file of the project (buildout.cfg, profiles/x.cfg). Unknown names
 * are a UsageError.
 */
export function namedTargets(dir: string, names: readonly string[]): string[] {
  return names.map((name) => {
    const rel = name.endsWith('.cfg') ? name : join('profiles', `${name}.cfg`);
    const path = resolvePath(dir, rel);
    if (isFile(path)) return relative(dir, path);
    const known = profileNames(dir);
    const hint = known.length ? `profiles here: ${known.join(', ')}` : 'this project has no profiles/*.cfg';
    throw new UsageError(`unknown profile ${JSON.stringify(name)} (${hint}; or give a .cfg file of the project)`);
  });
}
