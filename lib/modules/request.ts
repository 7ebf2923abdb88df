// What a `module` run asks for, checked before anything is resolved: names the catalog knows
// (or one egg of the user's with --pin), on a line they support.
import type { PloneLineName } from '../catalog/plone-lines.js';
import { MODULES } from '../catalog/modules.js';
import type { CustomModule } from '../project/model.js';
import { customModule } from './custom.js';
import { ModuleError } from './module-error.js';
import { catalogSpec, customSpec, CUSTOM_FORM, unknownModule, type FragmentSpec } from './spec.js';

export interface ModuleRequest {
  names: readonly string[];
  remove?: boolean;
  /** Version of the one egg of the user's being added. */
  pin?: string;
  /** That egg needs a zcml slug. */
  zcml?: boolean;
  /** Take this run's pins over conflicting ones; add eggs even when listed elsewhere already. */
  force?: boolean;
}

export interface Wanted {
  spec: FragmentSpec;
  /** Set for an egg of the user's: what .yo-rc.json keeps under customModules. */
  custom?: CustomModule;
}

export function uniqueNames(names: readonly string[]): string[] {
  const out = [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
  if (!out.length) throw new ModuleError(`give at least one module name: plonefactory module NAME [NAME...], or ${CUSTOM_FORM}`);
  return out;
}

/** Specs of the modules to add, for the project's line. Throws on the first name it cannot take. */
export function wantedModules(names: readonly string[], req: ModuleRequest, line: PloneLineName): Wanted[] {
  const own = req.pin !== undefined || req.zcml === true;
  if (own && (names.length !== 1 || MODULES[names[0] as string])) {
    throw new ModuleError(`--pin and --zcml describe one egg of your own, not a catalog module: ${CUSTOM_FORM}`);
  }
  return names.map((name) => {
    if (MODULES[name]) return { spec: catalogSpec(name, line) };
    if (!own) throw unknownModule(name);
    const custom = customModule(name, req.pin, req.zcml === true);
    return { spec: customSpec(name, custom), custom };
  });
}
