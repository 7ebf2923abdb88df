// The picked-version trap: under `allow-picked-versions = false`, zc.buildout stops with
// "Picked: NAME = VERSION" for every distribution not pinned exactly. It counts a pin as
// exact only when the requirement has one `==` spec (easy_install.py,
// _check_picked_requirement_versions, the same in 2.13 and 5.2); a [versions] value starting
// with `<` or `>` is a range, any other value is read as `==value`.
import { BuildoutError } from './errors.js';
import { finding, normalizeName, type Finding, type Where } from './check-model.js';
import { splitWs, strip } from './pystr.js';
import { whereOf, type Engine } from './substitute.js';

/** What the bootstrap installs before buildout runs (pip, from requirements.txt): buildout finds them, it does not pick them. */
const BOOTSTRAP = new Set(['zc-buildout', 'setuptools', 'pip', 'wheel']);

export interface PickedOptions {
  /** False when some pins could not be read (an extends URL offline): unpinned eggs are then not reported. */
  pinsKnown: boolean;
}

const get = (engine: Engine, section: string, key: string): string | undefined => {
  try {
    return engine.section(section).get(key);
  } catch (e) {
    if (e instanceof BuildoutError) return undefined;
    throw e;
  }
};

/** An egg line of an `eggs` option: its name, and whether the line pins it exactly itself. */
function eggOf(line: string): { name: string; exact: boolean } | null {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(strip(line));
  if (!m) return null;
  const spec = (m[3] ?? '').trim();
  return { name: m[1] as string, exact: /^==\s*[^,<>=!~]+$/.test(spec) };
}

/** Distributions installed from source folders (develop, mr.developer's auto-checkout): never picked. */
function developed(engine: Engine): Set<string> {
  const out = new Set<string>();
  for (const path of splitWs(get(engine, 'buildout', 'develop') ?? '')) out.add(normalizeName(path.replace(/\/+$/, '').split('/').pop() ?? ''));
  const auto = splitWs(get(engine, 'buildout', 'auto-checkout') ?? '');
  const sources = get(engine, 'buildout', 'sources') ?? 'sources';
  for (const name of auto.includes('*') ? [...(engine.raw.get(sources)?.keys() ?? [])] : auto) out.add(normalizeName(name));
  return out;
}

export function pickedVersions(engine: Engine, versionsName: string, installOrder: readonly string[], root: Where, opts: PickedOptions): Finding[] {
  if (get(engine, 'buildout', 'allow-picked-versions') !== 'false' || !versionsName) return [];
  const out: Finding[] = [];
  const pins = new Map<string, { key: string; value: string; where: Where | undefined; written: boolean }>();
  for (const [key, e] of engine.raw.get(versionsName) ?? []) {
    const written = whereOf(e) !== undefined;
    pins.set(normalizeName(key), { key, value: strip(get(engine, versionsName, key) ?? e.value), where: whereOf(e), written });
  }
  const isRange = (v: string): boolean => v.startsWith('<') || v.startsWith('>');
  // every written range pin: zc.buildout stops the first time it installs that egg
  for (const [key, pin] of pins) {
    if (!pin.written || !isRange(pin.value) || !pin.where || BOOTSTRAP.has(key)) continue;
    out.push(finding(pin.where, 'picked-version',
      `[${versionsName}] ${pin.key} = ${pin.value} is a range, and allow-picked-versions = false: zc.buildout counts any version not pinned exactly as picked and stops with "Picked: ${pin.key} = ..."; pin one version`));
  }
  const dev = developed(engine);
  const needs = new Map<string, { name: string; where: Where; why: string }>();
  const need = (name: string, where: Where | undefined, why: string): void => {
    const key = normalizeName(name);
    if (!needs.has(key)) needs.set(key, { name, where: where ?? root, why });
  };
  for (const ext of splitWs(get(engine, 'buildout', 'extensions') ?? '')) need(ext, whereOf(engine.raw.get('buildout')?.get('extensions')), '[buildout] extensions');
  for (const part of installOrder) {
    const raw = engine.sections.get(part)?.raw ?? engine.raw.get(part);
    const recipe = strip(get(engine, part, 'recipe') ?? '');
    if (recipe) need(recipe.split(':')[0] as string, whereOf(raw?.get('recipe')), `the recipe of part ${part}`);
    for (const line of (get(engine, part, 'eggs') ?? '').split('\n')) {
      const egg = eggOf(line);
      if (egg && !egg.exact) need(egg.name, whereOf(raw?.get('eggs')), `the eggs of part ${part}`);
    }
  }
  for (const [key, { name, where, why }] of needs) {
    if (BOOTSTRAP.has(key) || dev.has(key)) continue;
    const pin = pins.get(key);
    if (pin?.written && isRange(pin.value)) continue; // reported at the pin
    if (pin && pin.value && !isRange(pin.value)) continue;
    // with the release's pin files unread, an egg they may pin (zc.recipe.egg, which buildout
    // only pins by default as a range) is unknown, not picked
    if ((!pin?.value || !pin.written) && !opts.pinsKnown) continue;
    const what = pin?.value ? `is pinned only as ${pin.value} (zc.buildout's default)` : `has no pin in [${versionsName}]`;
    out.push(finding(where, 'picked-version',
      `${name} (${why}) ${what}, and allow-picked-versions = false: zc.buildout stops with "Picked: ${name} = ..."; pin one version`));
  }
  return out;
}
