// Eggs of the user's added as modules (`module collective.foo --pin 1.2.3 [--zcml]`): their
// names become file names and their pins go into [versions], so both are validated here, on
// the CLI and again when read back from .yo-rc.json.
import { AnswerError, show } from '../project/answers.js';
import type { CustomModule } from '../project/model.js';
import { ModuleError } from './module-error.js';

/** PEP 508 distribution name: also safe as a file name (no slash, no leading dot). */
export const EGG_RE = /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;
/** PEP 440 public version, exact (what an egg pin must be for allow-picked-versions = false). */
export const VERSION_RE =
  /^([1-9][0-9]*!)?(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*((a|b|rc)(0|[1-9][0-9]*))?(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?$/;

export function customModule(egg: string, pin: unknown, zcml: boolean): CustomModule {
  if (!EGG_RE.test(egg)) throw new ModuleError(`module ${show(egg)} is not a valid egg name; use letters, digits, . _ and -`);
  if (typeof pin !== 'string' || !VERSION_RE.test(pin.trim())) {
    throw new ModuleError(`--pin ${show(pin)} is not allowed for ${egg}; give an exact version such as 1.2.3`);
  }
  return { egg, pin: pin.trim(), zcml };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stored `customModules`, each entry checked like the CLI checks it. */
export function readCustomModules(stored: Readonly<Record<string, unknown>>): Record<string, CustomModule> {
  const out: Record<string, CustomModule> = {};
  for (const [name, raw] of Object.entries(stored)) {
    const bad = (why: string): AnswerError =>
      new AnswerError(`.yo-rc.json: customModules ${show(name)} ${why} (fix or remove it)`);
    if (!isRecord(raw) || raw['egg'] !== name) throw bad('must be {"egg": NAME, "pin": VERSION, "zcml": true|false} with egg equal to its key');
    if (typeof raw['zcml'] !== 'boolean') throw bad('needs "zcml": true or false');
    try {
      out[name] = customModule(name, raw['pin'], raw['zcml']);
    } catch (e) {
      throw bad(`is invalid: ${(e as Error).message}`);
    }
  }
  return out;
}
