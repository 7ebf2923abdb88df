// What a project keeps in .yo-rc.json besides the app's answers, read and validated in
// one place so every generator sees the same project.
import type { ProjectIO } from './project-io.js';
import { basename } from 'node:path';
import { ANSWER_KEYS, ANSWER_SPECS, AnswerError, validateAnswers, type Answers } from '../project/answers.js';
import { SECRETS_FILE } from '../project/layout.js';
import type { CustomModule, PlanInput, ProfileSpec, ProjectExtras } from '../project/model.js';
import { loadOrCreateSecrets } from '../project/secrets.js';

export type { CustomModule, ProfileSpec, ProjectExtras } from '../project/model.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readProjectExtras(io: ProjectIO): ProjectExtras {
  const custom = io.getConfig('customModules');
  const profiles = io.getConfig('profiles');
  if (custom !== undefined && !isRecord(custom)) throw new AnswerError('.yo-rc.json: "customModules" must be an object; fix or remove it');
  if (profiles !== undefined && !isRecord(profiles)) throw new AnswerError('.yo-rc.json: "profiles" must be an object; fix or remove it');
  return {
    customModules: (custom ?? {}) as Record<string, CustomModule>,
    profiles: (profiles ?? {}) as Record<string, ProfileSpec>,
  };
}

/** The whole stored project, for sub-generators: refuses to run outside a project. */
export function loadProject(io: ProjectIO): PlanInput & ProjectExtras {
  const stored = io.allConfig();
  if (stored['name'] === undefined) {
    throw new AnswerError(`${io.root} is not a plonefactory project (no answers in .yo-rc.json); run plonefactory there first`);
  }
  const extras = readProjectExtras(io);
  const ctx = { dirname: basename(io.root), extraProfiles: Object.keys(extras.profiles) };
  const answers = {} as Record<string, unknown>;
  for (const key of ANSWER_KEYS) {
    try {
      answers[key] = ANSWER_SPECS[key].parse(stored[key] ?? ANSWER_SPECS[key].default(ctx), ctx);
    } catch (e) {
      throw new AnswerError(`.yo-rc.json: ${(e as Error).message} (fix or remove the stored "${key}")`);
    }
  }
  const existing = io.read(SECRETS_FILE);
  return { ...extras, answers: validateAnswers(answers as unknown as Answers), secrets: loadOrCreateSecrets(existing) };
}
