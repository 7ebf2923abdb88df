// One site's variables for the deployment, from its planned project (the files the factory
// just staged): who runs it, what its host needs, how it is bootstrapped, what stays behind.
import { parse, sectionBlocks } from '../../buildout/parse.js';
import { BOOTSTRAP } from '../../catalog/host.js';
import type { ProjectIO } from '../../generator/project-io.js';
import { readProjectExtras } from '../../generator/project-state.js';
import type { Answers } from '../../project/answers.js';
import { hostNeeds } from '../../project/host-needs.js';
import type { ManifestSite } from '../manifest.js';

const DEFINES = 'profiles/etc/defines.cfg';

export interface SiteVars {
  name: string;
  /** The system user of `[users] os`: owns the project, runs bin/buildout and supervisord. */
  user: string;
  plone: string;
  /** The profile buildout.cfg extends: what bin/buildout builds on the host. */
  profile: string;
  domain: string;
  http_port: number;
  /** Shell commands of the line's bootstrap (the generated README's), without bin/buildout. */
  bootstrap: string[];
  /** Paths the copy leaves behind (the project's .gitignore, secrets included), as one regex. */
  copy_skip: string;
  git?: string;
  /** Debian packages: the host's union of these goes to apt. */
  packages: string[];
  /** Servers Debian lacks, which must be built on the host beforehand. */
  from_source: Array<{ name: string; binary: string }>;
}

/** The last `option = ...` of a section of the planned defines.cfg (hand edits count). */
export function definesReader(io: ProjectIO): (section: string, option: string) => string | undefined {
  const parsed = parse(io.read(DEFINES) ?? '', DEFINES);
  return (section, option) => {
    const options = sectionBlocks(parsed, section).flatMap((b) => b.options).filter((o) => o.name === option && o.op === '=');
    return options[options.length - 1]?.value.trim();
  };
}

/** `[users] os` of defines.cfg: the user the project's files name. */
function projectUser(io: ProjectIO): string {
  const user = definesReader(io)('users', 'os');
  if (!user || !/^[a-z_][a-z0-9_-]{0,31}$/.test(user)) throw new Error(`${DEFINES}: [users] os ${JSON.stringify(user ?? '')} is not a system user name`);
  return user;
}

const escape = (s: string): string => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** .gitignore lines as one regex over paths relative to the project (the forms git reads). */
export function ignoreRegex(gitignore: string): string {
  const alts = gitignore.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('!')).map((line) => {
    const anchored = line.startsWith('/') || line.slice(0, -1).includes('/');
    const body = escape(line.replace(/^\//, '').replace(/\/$/, '')).replace(/\*/g, '[^/]*');
    return `${anchored ? '^' : '(^|/)'}${body}(/|$)`;
  });
  return alts.length ? alts.map((a) => `(${a})`).join('|') : '^$';
}

export function siteVars(s: ManifestSite, a: Answers, io: ProjectIO, httpPort: number): SiteVars {
  const extra = readProjectExtras(io).profiles;
  const needs = hostNeeds(a, [a.profile], extra, { get: (p) => io.read(p) ?? undefined });
  const bootstrap = BOOTSTRAP[a.plone];
  const profileNeeds = needs.profiles[0];
  return {
    name: s.name,
    user: projectUser(io),
    plone: a.plone,
    profile: a.profile,
    domain: a.domain,
    http_port: httpPort,
    // The catalog's last step is bin/buildout, which the playbook runs itself with its arguments.
    bootstrap: bootstrap.commands.filter((c) => c !== 'bin/buildout'),
    copy_skip: ignoreRegex(io.read('.gitignore') ?? ''),
    ...(s.git === undefined ? {} : { git: s.git }),
    packages: [...new Set([...bootstrap.debian, ...(profileNeeds?.packages ?? []).map((p) => p.name)])].sort(),
    from_source: (profileNeeds?.fromSource ?? []).map((c) => ({ name: c.name, binary: c.binary })),
  };
}
