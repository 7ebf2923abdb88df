// The app generator's work, independent of Yeoman: collect and check the answers, plan
// the project, apply the plan. generators/app is the Yeoman shell around it (prompts);
// the bin runs it directly when no question is left (no Yeoman load).
import { basename } from 'node:path';
import { ANSWER_KEYS, ANSWER_SPECS, checkCombination, type AnswerContext, type AnswerKey, type Answers } from '../project/answers.js';
import { changeModules } from '../modules/apply.js';
import { wantedModules } from '../modules/request.js';
import { PLONE } from '../catalog/plone-lines.js';
import { planProject } from '../project/plan.js';
import { SECRETS_FILE } from '../project/layout.js';
import { loadOrCreateSecrets, maskSecret, type Secrets } from '../project/secrets.js';
import { applyPlan, setConfig, type ApplySummary } from './apply-plan.js';
import { collectAnswers, completeAnswers, noTerminalError } from './collect-answers.js';
import { DirectIO, type ProjectIO } from './project-io.js';
import { readProjectExtras } from './project-state.js';

export type AskAnswers = (missing: AnswerKey[], ctx: AnswerContext, known: Partial<Answers>) => Promise<Partial<Answers>>;

export function appContext(io: ProjectIO): AnswerContext {
  return { dirname: basename(io.root), extraProfiles: Object.keys(readProjectExtras(io).profiles) };
}

/** Answers that need no question, and the keys still missing. */
export function presetAnswers(io: ProjectIO, options: Record<string, unknown>): { answers: Partial<Answers>; missing: AnswerKey[] } {
  return collectAnswers({ options, stored: io.allConfig(), useDefaults: options['defaults'] === true, ctx: appContext(io) });
}

export async function resolveAppAnswers(io: ProjectIO, options: Record<string, unknown>, ask?: AskAnswers): Promise<Answers> {
  const { answers, missing } = presetAnswers(io, options);
  if (missing.length) {
    if (!ask) throw noTerminalError(missing);
    checkCombination(answers);
    Object.assign(answers, await ask(missing, appContext(io), answers));
  }
  return checkModules(io, completeAnswers(answers));
}

/** Modules the project has (.yo-rc.json); --modules names the ones to add to them. */
function storedModules(io: ProjectIO): string[] {
  const raw = io.getConfig('modules');
  return raw === undefined ? [] : ANSWER_SPECS.modules.parse(raw, appContext(io));
}

/** --modules names the catalog does not have for the line fail here, before anything is written. */
function checkModules(io: ProjectIO, answers: Answers): Answers {
  const have = storedModules(io);
  const adding = answers.modules.filter((m) => !have.includes(m));
  if (adding.length) wantedModules(adding, { names: adding }, answers.plone);
  return answers;
}

export interface AppResult { answers: Answers; secrets: Secrets; summary: ApplySummary }

export function writeApp(io: ProjectIO, requested: Answers): AppResult {
  // The project is written with the modules it has; --modules' new ones then go through the
  // module generator's own code (checks on the resolved project, surgical edits).
  const have = storedModules(io);
  const adding = requested.modules.filter((m) => !have.includes(m));
  const answers = { ...requested, modules: have };
  const secrets = loadOrCreateSecrets(io.read(SECRETS_FILE));
  for (const key of ANSWER_KEYS) setConfig(io, key, answers[key]);
  const summary = applyPlan(io, planProject({ ...readProjectExtras(io), answers, secrets }));
  if (!adding.length) return { answers, secrets, summary };
  const added = changeModules(io, { names: adding, force: io.force });
  const both = (k: keyof ApplySummary): string[] => [...new Set([...summary[k], ...(added.summary?.[k] ?? [])])];
  return { answers: added.state.answers, secrets, summary: { created: both('created'), updated: both('updated'), kept: both('kept'), removed: both('removed') } };
}

export function appDoneMessage(r: AppResult): string[] {
  return [
    `Plone ${r.answers.plone} factory "${r.answers.name}" ready; buildout.cfg extends profiles/${r.answers.profile}.cfg`,
    `Zope admin: ${r.secrets.values['admin-user']} / ${maskSecret(r.secrets.values['admin-password'])}, full value in ${SECRETS_FILE}`,
    'Next steps (README.md, Bootstrap):',
    `  python${PLONE[r.answers.plone].python} -m venv .`,
    '  bin/pip install -r requirements.txt',
    '  bin/buildout',
  ];
}

/** Runs the app with no Yeoman at all, when no question is left; null when one is. */
export function runAppDirect(root: string, options: Record<string, unknown>, out: (line: string) => void): AppResult | null {
  const io = new DirectIO(root, options['force'] === true, out);
  if (presetAnswers(io, options).missing.length) return null;
  const answers = checkModules(io, completeAnswers(presetAnswers(io, options).answers));
  const result = writeApp(io, answers);
  io.commit();
  for (const line of appDoneMessage(result)) out(line);
  return result;
}
