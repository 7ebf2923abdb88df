// The module change itself, with no Yeoman in it: from the stored project and a request to the
// new project state, the surgical edits and the messages, or a one-line ModuleError when a
// check fails. Every check runs on the resolved project (now, and as it would be) before the
// caller writes anything. The module and app generators (and the factory) all come through here.
import { join } from 'node:path';
import type { PloneLineName } from '../catalog/plone-lines.js';
import type { CustomModule, ProjectExtras } from '../project/model.js';
import { BASE_PROFILES } from '../project/answers.js';
import { profilePath } from '../project/layout.js';
import type { PlannedFile } from '../project/model.js';
import { planProject, type PlanInput } from '../project/plan.js';
import { modulePath } from '../project/plan-modules.js';
import { readCustomModules } from './custom.js';
import { ModuleError } from './module-error.js';
import { pinClashes } from './pins.js';
import { presence } from './presence.js';
import { overlaid, type ProjectView } from './project-view.js';
import { wantedModules, uniqueNames, type ModuleRequest, type Wanted } from './request.js';
import { forkBatch, newBatch, resolveAll, type Overlay, type ProfileResult, type ResolveSettings } from './resolve-project.js';
import { survival } from './survival.js';
import { rewire, wiredProfiles } from './wiring.js';
import { samePath, showFile } from './where.js';

export type ProjectState = PlanInput & ProjectExtras;
type Resolved = Extract<ProfileResult, { ok: true }>;

export interface ModuleChange {
  /** The project after the change (what .yo-rc.json stores and the pristine plan describes). */
  state: ProjectState;
  /** Profile path (relative) -> its surgically edited text. */
  edited: Map<string, string>;
  /** Module files to delete (relative). */
  removed: string[];
  /** False when the run has nothing to do (already there, not there): write nothing. */
  changed: boolean;
  messages: string[];
  /** Debian packages the added modules need to build. */
  systemPackages: string[];
  /** The pristine plan of `state`, when the checks already made it. */
  plan?: PlannedFile[];
}

/** Every profile of the project: the planned ones and any the user made by hand, and the root configs. */
function allProfiles(view: ProjectView, state: ProjectState): string[] {
  const planned = [...BASE_PROFILES, ...Object.keys(state.profiles ?? {})].map(profilePath);
  return [...new Set([...planned, ...view.profilesOnDisk()])].sort();
}

function withModules(state: ProjectState, modules: string[], customModules: Record<string, CustomModule>): ProjectState {
  return { ...state, answers: { ...state.answers, modules }, customModules };
}

const abs = (view: ProjectView, rel: string): string => join(view.dir, rel);

function absOverlay(view: ProjectView, files: Iterable<[string, string | null]>): Overlay {
  return new Map([...files].map(([p, t]) => [abs(view, p), t]));
}

/** Results whose extends tree holds one of `files` (absolute): the profiles a module there reaches. */
const reaching = (results: readonly ProfileResult[], files: readonly string[]): Resolved[] =>
  results.filter((r): r is Resolved => r.ok && r.resolved.files.some((f) => files.some((x) => samePath(f.name, x))));

function oneLine(e: { message: string; file?: string | undefined; line?: number | undefined }, view: ProjectView): string {
  const at = e.file ? ` (${showFile(view, e.file)}${e.line ? `:${e.line}` : ''})` : '';
  return `${e.message.split('\n').map((l) => l.trim()).filter(Boolean).join(' ')}${at}`;
}

/** Profiles that resolved before and do not after: the change would break them. */
function broken(view: ProjectView, before: readonly ProfileResult[], after: readonly ProfileResult[], what: string): string[] {
  return after.flatMap((r, i) => (!r.ok && before[i]?.ok ? [`${what} breaks ${r.profile}: ${oneLine(r.error, view)}`] : []));
}

const unresolvable = (view: ProjectView, before: readonly ProfileResult[]): string[] =>
  before.flatMap((r) => (r.ok ? [] : [`note: ${r.profile} does not resolve now, so it was not checked: ${oneLine(r.error, view)}`]));

function fail(errors: readonly string[]): never {
  throw new ModuleError([...new Set(errors)].join('; '));
}

export function addModules(view: ProjectView, state: ProjectState, req: ModuleRequest, settings: ResolveSettings): ModuleChange {
  const line: PloneLineName = state.answers.plone;
  const have = state.answers.modules;
  const stored = readCustomModules(state.customModules ?? {});
  const names = uniqueNames(req.names);
  const messages: string[] = [];
  for (const n of names.filter((x) => have.includes(x))) {
    const own = stored[n];
    if (own && req.pin !== undefined && (own.pin !== req.pin || own.zcml !== (req.zcml === true))) {
      fail([`${n} is already in this project with --pin ${own.pin}${own.zcml ? ' --zcml' : ''}; to change it: plonefactory module --remove ${n}, then add it again`]);
    }
    messages.push(`${n} is already in this project; nothing to add`);
  }
  const wanted = wantedModules(names.filter((x) => !have.includes(x)), req, line);
  const profiles = allProfiles(view, state);
  const batch = newBatch();
  const before = resolveAll(view, profiles, new Map(), settings, batch);
  const reachedNow = reaching(before, wiredProfiles(view, profiles).map((p) => abs(view, p)));
  const errors: string[] = [];
  const adding: Wanted[] = [];
  for (const w of wanted) {
    const p = presence(view, w.spec, reachedNow);
    if (p.noop) messages.push(p.noop);
    else if (p.conflict && !req.force) errors.push(p.conflict);
    else adding.push(w);
    if (p.forced && req.force) messages.push(p.forced);
  }
  if (errors.length) fail(errors);
  const unchanged = { state, edited: new Map<string, string>(), removed: [], changed: false, systemPackages: [] };
  if (!adding.length) return { ...unchanged, messages };

  const custom = { ...stored };
  for (const w of adding) if (w.custom) custom[w.spec.name] = w.custom;
  const next = withModules(state, [...have, ...adding.map((w) => w.spec.name)], custom);
  const edited = rewire(view, profiles, { add: adding.map((w) => w.spec.name), remove: [] });
  const planned = planProject(next);
  const plan = new Map(planned.map((f) => [f.path, f.content]));
  const moduleFiles = adding.map((w) => modulePath(w.spec.name));
  const overlay = absOverlay(view, [...edited, ...moduleFiles.map((p): [string, string] => [p, plan.get(p) as string])]);
  const after = resolveAll(view, profiles, overlay, settings, forkBatch(batch, overlay.keys()));
  errors.push(...broken(view, before, after, `adding ${adding.map((w) => w.spec.name).join(', ')}`));
  const prospective = overlaid(view, overlay);
  for (const w of adding) {
    const file = abs(view, modulePath(w.spec.name));
    const reached = reaching(after, [file]);
    for (const clash of pinClashes(prospective, w.spec, file, reached, line)) {
      if (req.force) messages.push(clash.replaced);
      else errors.push(clash.message);
    }
    errors.push(...reached.flatMap((r) => survival(prospective, w.spec, file, r)));
  }
  if (errors.length) fail(errors);
  const wired = [...edited.keys()];
  for (const w of adding) {
    messages.push(`added ${w.spec.name}: ${modulePath(w.spec.name)}, extended by ${wired.length ? wired.join(', ') : 'no profile (none extends etc/versions.cfg itself)'}`);
  }
  messages.push(...unresolvable(view, before));
  const systemPackages = [...new Set(adding.flatMap((w) => w.spec.systemPackages))];
  if (systemPackages.length) {
    const needing = adding.filter((w) => w.spec.systemPackages.length).map((w) => w.spec.name).join(', ');
    messages.push(`install the Debian packages ${systemPackages.join(' ')} before bin/buildout (apt-get install ${systemPackages.join(' ')}): ${needing} compile against them`);
  }
  return { state: next, edited, removed: [], changed: true, messages, systemPackages, plan: planned };
}

export function removeModules(view: ProjectView, state: ProjectState, req: ModuleRequest, settings: ResolveSettings): ModuleChange {
  const have = state.answers.modules;
  const names = uniqueNames(req.names);
  const messages = names.filter((n) => !have.includes(n)).map((n) => `${n} is not in this project; nothing to remove${have.length ? ` (its modules: ${have.join(', ')})` : ''}`);
  const going = names.filter((n) => have.includes(n));
  const unchanged = { state, edited: new Map<string, string>(), removed: [], changed: false, systemPackages: [] };
  if (!going.length) return { ...unchanged, messages };
  const custom = { ...readCustomModules(state.customModules ?? {}) };
  for (const n of going) delete custom[n];
  const next = withModules(state, have.filter((n) => !going.includes(n)), custom);
  const profiles = allProfiles(view, state);
  const edited = rewire(view, profiles, { add: [], remove: going });
  const removed = going.map(modulePath);
  const overlay = absOverlay(view, [...edited, ...removed.map((p): [string, null] => [p, null])]);
  const batch = newBatch();
  const before = resolveAll(view, profiles, new Map(), settings, batch);
  const after = resolveAll(view, profiles, overlay, settings, forkBatch(batch, overlay.keys()));
  const errors = broken(view, before, after, `removing ${going.join(', ')}`);
  if (errors.length) fail(errors);
  for (const n of going) messages.push(`removed ${n}: ${modulePath(n)} and its extends line in ${[...edited.keys()].join(', ') || 'no profile'}`);
  return { state: next, edited, removed, changed: true, messages, systemPackages: [] };
}

export function changeModulesIn(view: ProjectView, state: ProjectState, req: ModuleRequest, settings: ResolveSettings): ModuleChange {
  return req.remove ? removeModules(view, state, req, settings) : addModules(view, state, req, settings);
}
