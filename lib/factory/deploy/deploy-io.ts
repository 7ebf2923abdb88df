// The deployment's files (and the host fronts') go through applyPlan like a site's (hand
// edits kept or refused), with their recorded hashes in deploy/ (hosts/) itself: a
// .yo-rc.json in the factory's folder would make Yeoman take that folder for the root of any
// new site created below it.
import type { ProjectIO } from '../../generator/project-io.js';

export const DEPLOY_DIR = 'deploy';

/** The factory's own files under `dir` (deploy/, hosts/), their hashes in `dir`/.plonefactory.json. */
export const stateFile = (dir: string): string => `${dir}/.plonefactory.json`;

export function deployIO(base: ProjectIO, dir = DEPLOY_DIR): ProjectIO {
  const STATE = stateFile(dir);
  let state: Record<string, unknown>;
  try {
    const raw: unknown = JSON.parse(base.read(STATE) ?? '{}');
    state = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  } catch {
    throw new Error(`${STATE} is not valid JSON; fix or remove it (it records the deployment files' hashes)`);
  }
  const save = (): void => base.write(STATE, `${JSON.stringify(state, null, 2)}\n`, {});
  return {
    root: base.root,
    read: (p) => base.read(p),
    write: (p, content, req) => base.write(p, content, req),
    remove: (p) => base.remove(p),
    getConfig: (k) => state[k],
    setConfig: (k, v) => {
      state[k] = v;
      save();
    },
    allConfig: () => ({ ...state }),
    force: base.force,
    ...(base.deferConflicts ? { deferConflicts: (paths: readonly string[]) => base.deferConflicts?.(paths) } : {}),
    info: (m) => base.info(m),
  };
}
