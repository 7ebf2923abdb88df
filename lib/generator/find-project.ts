// Which project a command acts on, found like git finds its repository: the nearest folder,
// from where the user stands upwards, whose .yo-rc.json holds our answers.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AnswerError } from '../project/answers.js';
import { CONFIG_NAMESPACE } from './project-io.js';

function holdsProject(dir: string): boolean {
  let text: string;
  try {
    text = readFileSync(join(dir, '.yo-rc.json'), 'utf8');
  } catch {
    return false;
  }
  try {
    const mine = (JSON.parse(text) as Record<string, unknown> | null)?.[CONFIG_NAMESPACE];
    return typeof mine === 'object' && mine !== null && (mine as Record<string, unknown>)['name'] !== undefined;
  } catch {
    // a corrupt .yo-rc.json is still where the project is: loading it says what is wrong
    return true;
  }
}

export function findProjectRoot(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (holdsProject(dir)) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** The project a sub-generator acts on; outside any project, a one-line refusal. */
export function requireProjectRoot(from: string): string {
  const root = findProjectRoot(from);
  if (root === null) throw new AnswerError(`${from} is not a plonefactory project, nor inside one (no .yo-rc.json with its answers here or above); create one with plonefactory first`);
  return root;
}
