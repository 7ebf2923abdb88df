// The module change through a ProjectIO: the project as the IO sees it (its staged files, so
// what the app staged in the same run counts), the checks, then one
// applyPlan. The module generator, the app's --modules and the factory all call this, so all
// run the same checks.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { modeForLine } from '../buildout/project-mode.js';
import { applyPlan, setConfig, type ApplySummary } from '../generator/apply-plan.js';
import type { ProjectIO } from '../generator/project-io.js';
import { loadProject } from '../generator/project-state.js';
import { planProject } from '../project/plan.js';
import { changeModulesIn, type ModuleChange } from './change.js';
import { ModuleError } from './module-error.js';
import { listProfiles, type ProjectView } from './project-view.js';
import type { ModuleRequest } from './request.js';

export interface ModuleSettings {
  /** --extends-cache: folder of md5(url)-named copies of the release's pin files. */
  extendsCache?: string;
}

/** The project through an IO; files outside it (the extends cache) straight from disk. */
export function ioView(io: ProjectIO): ProjectView {
  return {
    dir: io.root,
    read: (path) => {
      const rel = relative(io.root, path);
      if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return io.read(rel);
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return null;
      }
    },
    profilesOnDisk: () => listProfiles(io.root),
  };
}

function cacheDir(io: ProjectIO, raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const dir = resolve(io.root, raw);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ModuleError(`--extends-cache ${raw}: no such folder`);
  return dir;
}

/** Checks, then writes the change through applyPlan; writes nothing when a check fails. */
export function changeModules(
  io: ProjectIO,
  req: ModuleRequest,
  settings: ModuleSettings = {},
  log: (line: string) => void = (l) => io.info(l),
): ModuleChange & { summary: ApplySummary | null } {
  const state = loadProject(io);
  const mode = modeForLine(state.answers.plone);
  const extendsCache = cacheDir(io, settings.extendsCache);
  const change = changeModulesIn(ioView(io), state, req, { mode, ...(extendsCache ? { extendsCache } : {}) });
  let summary: ApplySummary | null = null;
  if (change.changed) {
    setConfig(io, 'modules', change.state.answers.modules);
    // An empty customModules is dropped, so add-then-remove leaves .yo-rc.json as it was.
    if (Object.keys(change.state.customModules).length) setConfig(io, 'customModules', change.state.customModules);
    else if (io.getConfig('customModules') !== undefined) io.setConfig('customModules', undefined);
    summary = applyPlan(io, change.plan ?? planProject(change.state), { edited: change.edited, removed: change.removed });
  }
  for (const m of change.messages) log(m);
  return { ...change, summary };
}
