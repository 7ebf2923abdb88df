// What a host needs for each profile of a project, gathered from the catalog (bootstrap,
// servers, modules' build packages) and from the planned files themselves (which parts
// call crontab or pg_dump), for the generated README.
import { BOOTSTRAP, HOST_COMMANDS, type Bootstrap } from '../catalog/host.js';
import { isUnsupported, moduleFor } from '../catalog/modules.js';
import { COMPONENTS, type Component } from '../catalog/stack.js';
import type { Answers } from './answers.js';
import { chosenComponents, hasStack, profileExtends, profilePath, PROFILES_DIR, type ExtraProfiles } from './layout.js';

/** The planned files by path (a Map, or a project's staged state). */
export interface FileReader { get(path: string): string | undefined }

export interface NeededPackage {
  name: string;
  why: string;
}

export interface ProfileNeeds {
  profile: string;
  /** Debian packages beyond the bootstrap's, sorted by name. */
  packages: NeededPackage[];
  /** Servers Debian does not ship, built from source. */
  fromSource: Component[];
}

export interface HostNeeds {
  bootstrap: Bootstrap;
  profiles: ProfileNeeds[];
  /** Every server built from source by some profile (each once). */
  fromSource: Component[];
}

/** The texts of every file a profile reads, itself and what it extends, transitively. */
function profileTexts(profile: string, a: Answers, extra: ExtraProfiles, files: FileReader): string[] {
  const seen = new Set<string>();
  const visit = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const name = path.slice(PROFILES_DIR.length + 1, -'.cfg'.length);
    // Only profiles (directly in profiles/) extend; fragments extend nothing (layout.ts).
    if (!name.includes('/')) {
      for (const e of profileExtends(name, a, a.modules, extra)) visit(`${PROFILES_DIR}/${e}`);
    }
  };
  visit(profilePath(profile));
  return [...seen].map((p) => files.get(p) ?? '');
}

export function hostNeeds(a: Answers, profiles: readonly string[], extra: ExtraProfiles, files: FileReader): HostNeeds {
  const out: ProfileNeeds[] = profiles.map((profile) => {
    const packages = new Map<string, string>();
    const add = (name: string, why: string): void => {
      packages.set(name, packages.has(name) ? `${packages.get(name)}; ${why}` : why);
    };
    const texts = profileTexts(profile, a, extra, files);
    for (const c of HOST_COMMANDS) if (texts.some((t) => c.usedBy.test(t))) add(c.debian, c.why);
    const stack = hasStack(profile, extra) ? chosenComponents(a).map((n) => COMPONENTS[n]) : [];
    for (const c of stack) if (c.debian) add(c.debian, `${c.name} (${c.level})`);
    // RelStorage's eggs are the relstorage module's, whether chosen as a module or as storage.
    const modules = new Set([...a.modules, ...(hasStack(profile, extra) && a.storage === 'relstorage' ? ['relstorage'] : [])]);
    for (const m of modules) {
      const spec = moduleFor(m, a.plone);
      if (!spec || isUnsupported(spec)) continue; // a module of the user's own: no catalog facts
      for (const p of spec.systemPackages ?? []) add(p, `building ${m}'s eggs`);
    }
    return {
      profile,
      packages: [...packages].map(([name, why]) => ({ name, why })).sort((x, y) => x.name.localeCompare(y.name)),
      fromSource: stack.filter((c) => c.debian === null),
    };
  });
  const fromSource = [...new Set(out.flatMap((p) => p.fromSource))];
  return { bootstrap: BOOTSTRAP[a.plone], profiles: out, fromSource };
}
