// Moving a project from one stored state to the next (a stack switch, a new profile):
// plan, refuse any new check finding, store the new state, apply. Writes through ProjectIO,
// so Yeoman generators and direct runs share it.
import { applyPlan, recordedHashes, type ApplySummary } from '../generator/apply-plan.js';
import type { ProjectIO } from '../generator/project-io.js';
import type { ProjectState } from '../project/model.js';
import { newFindings, refuseNewFindings } from './guard.js';
import { rootConfigs } from '../modules/project-view.js';
import { allProfiles } from './spec.js';
import { absoluteReader, planTransition } from './transition.js';

export type { ProjectState } from '../project/model.js';

export function transitionProject(
  io: ProjectIO,
  what: string,
  before: ProjectState,
  next: ProjectState,
  store: (io: ProjectIO) => void,
): ApplySummary {
  const read = (p: string): string | null => io.read(p);
  const t = planTransition(before, next, read, recordedHashes(io));
  // every root config a user can pass to bin/buildout, now or after the change (jenkins.cfg)
  const roots = [...new Set([...rootConfigs(io.root), ...t.pristine.map((f) => f.path).filter((p) => /^[^/]+\.cfg$/.test(p))])];
  refuseNewFindings(io.root, what, newFindings(
    io.root,
    { profiles: [...allProfiles(before.profiles), ...roots], read: absoluteReader(io.root, read) },
    { profiles: [...allProfiles(next.profiles), ...roots], read: absoluteReader(io.root, t.after) },
  ));
  store(io);
  return applyPlan(io, t.pristine, { edited: t.edited, removed: t.removed });
}
