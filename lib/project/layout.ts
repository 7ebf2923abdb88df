// Where each file of a generated project lives and what each profile extends. The one
// place that knows the layout: generators and tests ask here instead of spelling paths.
//
// Every profile's extends list is flat and complete: fragments never extend anything, so
// zc.buildout 2.13 (which resolves each extended chain on its own, then lays it over its
// earlier siblings) and 3.1.1+ (which flattens the chains) give the same result.
import { COMPONENTS, LEVELS, type ComponentName } from '../catalog/stack.js';
import type { ProfileSpec } from './model.js';
import type { Answers } from './answers.js';
import { resolve as resolvePath } from 'node:path';
// the file's name lives with its rules (secrets.ts), which need it in their messages
import { SECRETS_FILE } from './secrets.js';

export const PROFILES_DIR = 'profiles';
export { SECRETS_FILE };

/** Git-ignored files `plonefactory` gives every clone itself (absolute path -> how), for check. */
export const givenToEveryClone = (dir: string): Record<string, string> => ({
  [resolvePath(dir, SECRETS_FILE)]: 'a fresh clone gets its own secrets from `plonefactory`, and its jenkins profile needs none',
});
/** The logrotate config of the server profiles, rendered by their logrotate-conf part. */
export const LOGROTATE_TEMPLATE = 'templates/logrotate.conf.in';

/** Profile files are in profiles/; the paths they extend are relative to it. */
export const profilePath = (profile: string): string => `${PROFILES_DIR}/${profile}.cfg`;
export const moduleFragment = (module: string): string => `modules/${module}.cfg`;
export const stackFragment = (name: string): string => `stack/${name}.cfg`;

/** Shared by every profile, in this order: pins first, so nothing earlier can be laid over. */
const SECRETS_EXTENDS = 'etc/secrets.cfg';

export const COMMON_EXTENDS = [
  'etc/versions.cfg',
  'etc/defines.cfg',
  SECRETS_EXTENDS,
  'etc/base.cfg',
  'etc/project.cfg',
  'etc/sources.cfg',
] as const;

export type StackAnswers = Pick<Answers, 'storage' | 'http' | 'cache' | 'balancer' | 'process'>;

export function chosenComponents(a: Pick<Answers, 'http' | 'cache' | 'balancer'>): ComponentName[] {
  return LEVELS.map((level) => a[level]).filter((c): c is ComponentName => c !== 'none');
}

/** Whether a profile runs the whole stack (ZEO or RelStorage clients, supervisor, servers). */
export const isServerProfile = (profile: string): boolean => profile === 'preproduction' || profile === 'production';

/** Fragments under profiles/stack/ a profile extends, in order (supervisor or systemd first: the others add programs to supervisor). */
export function stackExtends(profile: string, a: StackAnswers): string[] {
  if (profile === 'development') return [];
  if (profile === 'standalone') return [stackFragment('backup')];
  const storage = a.storage === 'zeo' ? ['zeo', 'backup'] : ['relstorage'];
  return [
    stackFragment(a.process),
    stackFragment('clients'),
    ...storage.map(stackFragment),
    ...chosenComponents(a).map(stackFragment),
    stackFragment('logrotate'),
  ];
}

/** Profiles beyond the base four, by name (.yo-rc.json `profiles`). */
export type ExtraProfiles = Readonly<Record<string, ProfileSpec>>;

/**
 * A custom profile extends its --from profile and nothing else: it inherits that profile's
 * stack and modules (so the stack and module generators never edit it: they edit the
 * profiles that extend etc/versions.cfg directly), and adds only its own hosts and ports.
 * The jenkins profile is a top-level profile like development: the common files and the
 * modules, no servers.
 */
export function profileExtends(profile: string, a: StackAnswers, modules: readonly string[], extra: ExtraProfiles = {}): string[] {
  const spec = Object.prototype.hasOwnProperty.call(extra, profile) ? extra[profile] : undefined;
  if (spec?.kind === 'custom') return [`${spec.from}.cfg`];
  // A CI workspace is a fresh clone: it has no (git-ignored) secrets.cfg, and builds no
  // server that would need one.
  if (spec?.kind === 'jenkins') return [...COMMON_EXTENDS.filter((f) => f !== SECRETS_EXTENDS), ...modules.map(moduleFragment)];
  return [...COMMON_EXTENDS, ...stackExtends(profile, a), ...modules.map(moduleFragment)];
}

/** The profile a profile's stack comes from: itself for a base profile, its --from chain's end for a custom one. */
export function stackSource(profile: string, extra: ExtraProfiles = {}): string {
  let current = profile;
  for (let hops = 0; hops <= Object.keys(extra).length; hops++) {
    const spec = Object.prototype.hasOwnProperty.call(extra, current) ? extra[current] : undefined;
    if (spec?.kind !== 'custom') return current;
    current = spec.from;
  }
  throw new Error(`profile ${profile}: its --from chain loops`);
}

/** Whether a profile runs the web stack, itself or through the profile it extends. */
export const hasStack = (profile: string, extra: ExtraProfiles = {}): boolean => isServerProfile(stackSource(profile, extra));

/** The port base a profile's [ports] derive from: a custom profile's own, else the project's. */
export function profilePortBase(profile: string, a: Pick<Answers, 'portBase'>, extra: ExtraProfiles = {}): number {
  const spec = Object.prototype.hasOwnProperty.call(extra, profile) ? extra[profile] : undefined;
  return spec?.kind === 'custom' ? spec.portBase : a.portBase;
}

/** The config template a component's fragment renders, as seen from the project root. */
export const componentTemplate = (name: ComponentName): string => `templates/${COMPONENTS[name].config}.in`;
