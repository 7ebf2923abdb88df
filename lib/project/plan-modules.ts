// Module fragments (profiles/modules/NAME.cfg) of a project's modules, in the order they were
// added. The module generator writes the same bytes surgically; this is the pristine form its
// hashes and the app generator use.
import { PLONE } from '../catalog/plone-lines.js';
import { readCustomModules } from '../modules/custom.js';
import { specOf, type FragmentSpec } from '../modules/spec.js';
import { moduleFragment, PROFILES_DIR } from './layout.js';
import type { PlanInput, PlannedFile } from './model.js';
import { render, type RenderContext } from './render.js';

const WIDTH = 92;

/** Words of a long note as comment lines of at most WIDTH columns (a long URL stays whole). */
export function commentLines(text: string | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (cur && cur.length + 1 + word.length > WIDTH - 2) {
      out.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) out.push(cur);
  return out;
}

export const modulePath = (name: string): string => `${PROFILES_DIR}/${moduleFragment(name)}`;

export function renderModule(spec: FragmentSpec, input: Pick<PlanInput, 'answers'>): string {
  return render('app/profiles/modules/module.cfg.ejs', { spec, line: PLONE[input.answers.plone], comment: commentLines });
}

export function planModules(input: PlanInput, _ctx: RenderContext): PlannedFile[] {
  const custom = readCustomModules(input.customModules ?? {});
  return input.answers.modules.map((name) => ({
    path: modulePath(name),
    content: renderModule(specOf(name, input.answers.plone, custom), input),
  }));
}
