// One shape for what a module adds to a project, whether the catalog knows it or it is an egg
// of the user's: the fragment template, the checks and the messages read this, so none of them
// has to know where a module came from.
import { isUnsupported, MODULES, moduleFor, type ModulePart } from '../catalog/modules.js';
import { PLONE, type PloneLineName } from '../catalog/plone-lines.js';
import type { CustomModule } from '../project/model.js';
import { show } from '../project/answers.js';
import { ModuleError } from './module-error.js';

export interface FragmentSpec {
  name: string;
  summary: string;
  custom: boolean;
  eggs: string[];
  zcml: string[];
  pins: Record<string, string>;
  /** Eggs the module uses that the release's own pin files pin (said in the fragment, not pinned). */
  pinnedByRelease: string[];
  sources: Record<string, string>;
  parts: ModulePart[];
  systemPackages: string[];
  note?: string;
  source?: string;
}

export const catalogNames = (): string[] => Object.keys(MODULES).sort();

export const CUSTOM_FORM = 'plonefactory module EGG --pin VERSION [--zcml]';

export function unknownModule(name: string): ModuleError {
  return new ModuleError(
    `unknown module ${show(name)}; the catalog has: ${catalogNames().join(', ')}; for an egg of your own: ${CUSTOM_FORM}`,
  );
}

/** The catalog's spec of `name` for a line, or a one-line error naming the lines it supports. */
export function catalogSpec(name: string, line: PloneLineName): FragmentSpec {
  const found = moduleFor(name, line);
  const entry = MODULES[name];
  if (!found || !entry) throw unknownModule(name);
  if (isUnsupported(found)) {
    const successor = entry.successor ? `; on newer lines consider ${entry.successor}` : '';
    throw new ModuleError(`module ${name} does not support Plone ${line}; it supports: ${found.supportedLines.join(', ')}${successor}`);
  }
  return {
    name,
    summary: entry.summary,
    custom: false,
    eggs: [...found.eggs],
    zcml: [...found.zcml],
    pins: { ...found.pins },
    pinnedByRelease: [...(found.pinnedByRelease ?? [])],
    sources: { ...(found.sources ?? {}) },
    parts: (found.parts ?? []).map((p) => ({ ...p, options: { ...p.options } })),
    systemPackages: [...(found.systemPackages ?? [])],
    ...(found.note ? { note: found.note } : {}),
    source: found.source,
  };
}

export function customSpec(name: string, custom: CustomModule): FragmentSpec {
  return {
    name,
    summary: 'an egg of this project\'s own choosing',
    custom: true,
    eggs: [custom.egg],
    zcml: custom.zcml ? [custom.egg] : [],
    pins: custom.pin ? { [custom.egg]: custom.pin } : {},
    pinnedByRelease: [],
    sources: {},
    parts: [],
    systemPackages: [],
  };
}

/** The spec of a module of a project: its own egg when it has one stored, else the catalog's. */
export function specOf(name: string, line: PloneLineName, custom: Readonly<Record<string, CustomModule>> = {}): FragmentSpec {
  const own = custom[name];
  return own ? customSpec(name, own) : catalogSpec(name, line);
}

/** The release whose pins a line extends, for messages. */
export const releaseOf = (line: PloneLineName): string => PLONE[line].release;
