// Moving a project from one stored state to the next (a stack switch, a new profile):
// plan, refuse any new check finding, store the new state, apply. Writes through ProjectIO,
// so Yeoman generators and direct runs share it.
import { applyPlan, recordedHashes, type ApplySummary } from '../generator/apply-plan.js';
import type { ProjectIO } from '../generator/project-io.js';
import type { ProjectState } from '../project/model.js';
import { newFindings, refuseNewFindings } from './guard.js';
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
  refuseNewFindings(io.root, what, newFindings(
    io.root,
    { profiles: allProfiles(before.profiles), read: absoluteReader(io.root, read) },
    { profiles: allProfiles(next.profiles), read: absoluteReader(io.root, t.after) },
  ));
  store(io);
  return applyPlan(io, t.pristine, { edited: t.edited, removed: t.removed });
}
