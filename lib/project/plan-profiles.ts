// Profiles beyond the base four. `jenkins`: profiles/jenkins.cfg (XML test reports,
// coverage), the root file the Jenkins job builds (jenkins.cfg), its tools' requirements and
// the Jenkinsfile. A custom profile: profiles/NAME.cfg, extending its --from profile with its
// own [hosts] and [ports] (written in the profile itself, so defines.cfg stays the base
// profiles' and a custom profile is one file to read).
import type { ProfileSpec } from './model.js';
import { RELEASE_PINS } from '../catalog/release-pins.js';
import { JENKINS as JENKINS_LINES, RUFF_VERSION } from '../profiles/jenkins.js';
import { checkStoredProfiles } from '../profiles/spec.js';
import type { Answers } from './answers.js';
import { profileExtends, profilePath } from './layout.js';
import type { PlanInput, PlannedFile } from './model.js';
import { render, type RenderContext } from './render.js';
import { derivePorts } from './ports.js';

export const JENKINS_ROOT = 'jenkins.cfg';
export const JENKINSFILE = 'Jenkinsfile';
export const JENKINS_REQUIREMENTS = 'requirements-jenkins.txt';

function planJenkins(a: Answers, ctx: RenderContext): PlannedFile[] {
  const line = JENKINS_LINES[a.plone];
  // What the release pins (coverage, collective.xmltestreport on most lines) stays its choice.
  const pins = Object.fromEntries(Object.entries(line.pins).filter(([egg]) => !RELEASE_PINS[a.plone].eggs.includes(egg)));
  const data = { ...ctx, jenkins: { ...line, pins }, ruffVersion: RUFF_VERSION };
  return [
    { path: profilePath('jenkins'), content: render('app/profiles/jenkins.cfg.ejs', data) },
    { path: JENKINS_ROOT, content: render('app/jenkins.cfg.ejs', data) },
    { path: JENKINS_REQUIREMENTS, content: render('app/requirements-jenkins.txt.ejs', data) },
    { path: JENKINSFILE, content: render('app/Jenkinsfile.ejs', data) },
  ];
}

function planCustom(name: string, spec: Extract<ProfileSpec, { kind: 'custom' }>, a: Answers, ctx: RenderContext): PlannedFile {
  const ports = derivePorts(spec.portBase, a.clients);
  return { path: profilePath(name), content: render('app/profiles/custom.cfg.ejs', { ...ctx, name, spec, ports }) };
}

export function planExtraProfiles(input: PlanInput, ctx: RenderContext): PlannedFile[] {
  const profiles = checkStoredProfiles(input.profiles ?? {});
  const a = input.answers;
  // The shared _extends partial asks ctx.extendsOf, which knows only the base profiles.
  const own = { ...ctx, extendsOf: (profile: string) => profileExtends(profile, a, a.modules, profiles) };
  return Object.entries(profiles).flatMap(([name, spec]) =>
    spec.kind === 'jenkins' ? planJenkins(a, own) : [planCustom(name, spec, a, own)],
  );
}
