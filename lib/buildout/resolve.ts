// Resolve a profile exactly as zc.buildout does (Buildout.__init__ up to, not including,
// recipe loading): built-in [buildout] defaults, the extends tree, command-line options,
// [versions] defaults, directory absolutizing, then late substitution of every section.
import { defaultContext, type ConditionContext } from './condition.js';
import { BuildoutError } from './errors.js';
import { loadConfig, type LoadCache, type LoadedFile } from './load.js';
import { contributions, entry, update, writable, type Entry, type HistoryItem, type Mode, type RawConfig, type RawSection } from './merge.js';
import { Engine } from './substitute.js';
import { abspath, cmpPy, dirname, expanduser, isAbs, joinPath, pyRepr, splitWs } from './pystr.js';

export type { Mode } from './merge.js';

export interface ResolveOptions {
  mode: Mode;
  /** url -> local file holding that URL's text. */
  urlMap?: Readonly<Record<string, string>>;
  /** Folder of md5(url)-named files (buildout's extends-cache); passed as buildout:extends-cache. */
  extendsCache?: string;
  /** buildout:offline=true on the command line (default true: we never download). */
  offline?: boolean;
  /** More `section:option=value` command-line assignments. */
  overrides?: ReadonlyArray<readonly [string, string, string]>;
  /** sys.executable of the buildout we imitate (default /usr/bin/python3). */
  executable?: string;
  /** Installed zc.buildout version, pinned as `zc.buildout = >=V` (default 2.13.2 / 3.3). */
  buildoutVersion?: string;
  condition?: ConditionContext;
  readFile?: (path: string) => string;
  /** Share one (newLoadCache()) between the resolutions of a batch: each file read and parsed once. */
  cache?: LoadCache;
}

export interface Resolved {
  mode: Mode;
  root: string;
  /** buildout:directory */
  directory: string;
  /** Every file read, root first, in the order buildout opened them. */
  files: LoadedFile[];
  parts: string[];
  /** Parts in install order, implicit parts (referenced sections with a recipe) included. */
  installOrder: string[];
  /** Every section's options, fully substituted. */
  sections: Record<string, Record<string, string>>;
  /** For each option, the history items that made its value (last `=`, then `+=`/`-=`). */
  origins: Record<string, Record<string, HistoryItem[]>>;
}

const DEFAULTS: ReadonlyArray<readonly [string, string]> = [
  ['allow-hosts', '*'], ['allow-picked-versions', 'true'], ['bin-directory', 'bin'],
  ['develop-eggs-directory', 'develop-eggs'], ['eggs-directory', 'eggs'], ['executable', ''],
  ['find-links', ''], ['install-from-cache', 'false'], ['installed', '.installed.cfg'],
  ['log-format', ''], ['log-level', 'INFO'], ['newest', 'true'], ['offline', 'false'],
  ['parts-directory', 'parts'], ['prefer-final', 'true'], ['python', 'buildout'],
  ['show-picked-versions', 'false'], ['socket-timeout', ''], ['update-versions-file', ''],
  ['use-dependency-links', 'true'], ['allow-unknown-extras', 'false'],
];
export const BUILDOUT_DEFAULT_KEYS: readonly string[] = DEFAULTS.map(([k]) => k);
const DIRS = ['bin', 'parts', 'eggs', 'develop-eggs'] as const;

function boolOption(value: string | undefined, name: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (value === undefined) throw new BuildoutError('KeyError', pyRepr(name));
  throw new BuildoutError('UserError', `Invalid value for ${pyRepr(name)} option: ${pyRepr(value)}`);
}

const pyInt = (s: string): boolean => /^[\s]*[+-]?\d+(?:_\d+)*[\s]*$/.test(s);

function commandLine(opts: ResolveOptions): RawConfig {
  const triples: Array<readonly [string, string, string]> = [];
  if (opts.offline ?? true) triples.push(['buildout', 'offline', 'true']);
  if (opts.extendsCache) triples.push(['buildout', 'extends-cache', opts.extendsCache]);
  triples.push(...(opts.overrides ?? []));
  triples.sort((a, b) => cmpPy(a[0], b[0]) || cmpPy(a[1], b[1]) || cmpPy(a[2], b[2]));
  const out: RawConfig = new Map();
  for (const [s, o, v] of triples) {
    if (!out.has(s)) out.set(s, new Map());
    (out.get(s) as RawSection).set(o, entry(v, 'COMMAND_LINE_VALUE'));
  }
  return out;
}

/** Everything up to `options = self['buildout']`: the merged raw config, ready to substitute. */
export function openBuildout(rootFile: string, opts: ResolveOptions): { engine: Engine; files: LoadedFile[]; versionsName: string; directory: string; major: number } {
  const mode = opts.mode;
  const root = abspath(rootFile, process.cwd());
  const cwd = dirname(root);
  const bo: RawSection = new Map(DEFAULTS.map(([k, v]) => [k, entry(k === 'executable' ? (opts.executable ?? '/usr/bin/python3') : v, 'DEFAULT_VALUE')]));
  // zc.buildout 5 keeps its eggs in a `v5` folder below eggs-directory (a new default option)
  if (buildoutMajor(opts) >= 5) bo.set('eggs-directory-version', entry('v5', 'DEFAULT_VALUE'));
  bo.set('directory', entry(dirname(root), 'COMPUTED_VALUE'));
  let data: RawConfig = new Map([['buildout', bo]]);
  const cl = commandLine(opts);
  const override = new Map(cl.get('buildout') ?? []);
  const { config, files } = loadConfig(root, new Map(bo), override, {
    mode, urlMap: opts.urlMap, readFile: opts.readFile, condition: opts.condition ?? defaultContext(mode), cache: opts.cache, cwd,
  });
  data = update(data, config, mode);
  data = update(data, cl, mode);

  // the sections changed below may be the load cache's, shared with other roots of the batch
  const b = writable(data.get('buildout') as RawSection);
  data.set('buildout', b);
  if (!b.has('versions')) {
    b.set('versions', entry('versions', 'DEFAULT_VALUE'));
    if (!data.has('versions')) data.set('versions', new Map());
  }
  const versionsName = (b.get('versions') as Entry).value;
  if (versionsName) {
    const found = data.get(versionsName);
    if (!found) throw new BuildoutError('KeyError', pyRepr(versionsName));
    const v = opts.buildoutVersion ?? (mode === '2.13' ? '2.13.2' : '3.3');
    const defaults = ([['zc.buildout', '>=' + v], ['zc.recipe.egg', '>=2.0.6']] as const).filter(([egg]) => !found.has(egg));
    // copied only when a default pin is missing: a release's pins usually have both
    if (defaults.length) {
      const versions = writable(found);
      data.set(versionsName, versions);
      for (const [egg, pin] of defaults) versions.set(egg, entry(pin, 'DEFAULT_VALUE'));
    }
  }

  for (const name of ['download-cache', 'eggs-directory', 'extends-cache']) {
    const e = b.get(name);
    if (!e || e.value.includes('${') || isAbs(e.value)) continue;
    const src = (e.history[e.history.length - 1] as HistoryItem).source;
    let basedir: string;
    if (typeof src === 'string') {
      basedir = src === 'IMPLICIT_VALUE' ? '' : (b.get('directory')?.value ?? cwd);
    } else {
      if (/^[a-zA-Z0-9+.-]+:\/\//.test(src.file)) {
        throw new BuildoutError('UserError', `Setting "${name}" to a non absolute location ("${e.value}") within a\nremote configuration file ("${src.file}") is ambiguous.`);
      }
      basedir = dirname(src.file);
    }
    let absdir = expanduser(e.value);
    if (!isAbs(absdir)) absdir = joinPath(basedir, absdir);
    absdir = abspath(absdir, cwd);
    b.set(name, { value: absdir, history: [...e.history, { op: 'DIRECTORY', value: absdir, source: src }] });
  }

  const directory = b.get('directory');
  if (directory) {
    for (const d of DIRS) {
      const e = b.get(d + '-directory');
      if (!e) throw new BuildoutError('KeyError', pyRepr(d + '-directory'));
      if (!e.value.includes('${')) b.set(d + '-directory', { value: joinPath(directory.value, e.value), history: e.history });
    }
  }
  const offline = boolOption(b.get('offline')?.value, 'offline');
  if (!offline) boolOption(b.get('newest')?.value, 'newest');
  return { engine: new Engine(data), files, versionsName, directory: directory?.value ?? cwd, major: buildoutMajor(opts) };
}

/** The major of the zc.buildout imitated: 2, or 3 unless buildoutVersion says 4 or 5. */
export function buildoutMajor(opts: Pick<ResolveOptions, 'mode' | 'buildoutVersion'>): number {
  if (opts.mode === '2.13') return 2;
  const m = /^(\d+)/.exec(opts.buildoutVersion ?? '');
  return m ? Math.max(3, Number(m[1])) : 3;
}

/** The rest of Buildout.__init__: the [buildout] section and its checks. */
export function initBuildoutSection(engine: Engine, versionsName: string, major = 2): void {
  const options = engine.section('buildout');
  options.get('find-links');
  options.item('allow-hosts');
  const dir = options.item('directory');
  for (const d of DIRS) {
    const v = options.item(d + '-directory');
    options.set(d + '-directory', v.includes('${') ? v : joinPath(dir, v));
  }
  const installed = options.item('installed');
  if (installed) options.set('installed', joinPath(options.item('directory'), installed));
  options.item('log-format');
  const level = options.item('log-level');
  if (!['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'].includes(level) && !pyInt(level)) {
    throw new BuildoutError('UserError', `Invalid logging level ${level}`);
  }
  const verbosity = options.get('verbosity');
  if (verbosity !== undefined && !pyInt(verbosity)) throw new BuildoutError('UserError', `Invalid verbosity ${verbosity}`);
  options.item('socket-timeout');
  if (versionsName) engine.section(versionsName);
  options.item('versions');
  for (const name of ['prefer-final', 'use-dependency-links', 'allow-picked-versions', 'show-picked-versions']) {
    boolOption(options.get(name), name);
  }
  options.item('update-versions-file');
  options.get('download-cache');
  options.get('extends-cache');
  if (major >= 5) {
    const version = options.item('eggs-directory-version');
    if (version) options.set('eggs-directory', joinPath(options.item('eggs-directory'), version));
  }
  boolOption(options.get('abi-tag-eggs') ?? 'false', 'abi-tag-eggs');
  if (boolOption(options.get('install-from-cache'), 'install-from-cache') && boolOption(options.get('offline'), 'offline')) {
    throw new BuildoutError('UserError', "install-from-cache can't be used with offline mode.\nNothing is installed, even from cache, in offline\nmode, which might better be called 'no-install mode'.\n");
  }
  for (const name of BUILDOUT_DEFAULT_KEYS) options.item(name);
}

/** Resolve like the real buildout via test/support/real_buildout.py: parts, then every section. */
export function resolveProfile(rootFile: string, opts: ResolveOptions): Resolved {
  const { engine, files, versionsName, major } = openBuildout(rootFile, opts);
  initBuildoutSection(engine, versionsName, major);
  const parts = splitWs(engine.section('buildout').item('parts'));
  for (const p of parts) engine.section(p);
  const installOrder = [...engine.parts];
  for (const name of [...engine.raw.keys()].sort(cmpPy)) engine.section(name);
  const sections: Resolved['sections'] = {};
  for (const [name, s] of engine.sections) {
    const values: Record<string, string> = {};
    for (const k of s.keys()) values[k] = s.item(k);
    sections[name] = values;
  }
  let origins: Resolved['origins'] | undefined;
  return {
    mode: opts.mode, root: abspath(rootFile, process.cwd()), directory: engine.section('buildout').item('directory'),
    files, parts, installOrder, sections,
    // most callers never read origins (a thousand pins' histories per profile): made on first use
    get origins() {
      return (origins ??= originsOf(engine, sections));
    },
  };
}

function originsOf(engine: Engine, sections: Resolved['sections']): Resolved['origins'] {
  const origins: Resolved['origins'] = {};
  for (const [name, s] of engine.sections) {
    const values = sections[name] as Record<string, string>;
    const from: Record<string, HistoryItem[]> = {};
    for (const k of Object.keys(values)) {
      const e = s.entry(k);
      from[k] = e ? contributions(e) : [{ op: 'SET', value: values[k] as string, source: 'COMPUTED_VALUE' }];
    }
    origins[name] = from;
  }
  return origins;
}

/** Like resolveProfile, but a failure is a value. */
export function tryResolve(rootFile: string, opts: ResolveOptions): { ok: true; resolved: Resolved } | { ok: false; error: BuildoutError } {
  try {
    return { ok: true, resolved: resolveProfile(rootFile, opts) };
  } catch (e) {
    if (e instanceof BuildoutError) return { ok: false, error: e };
    throw e;
  }
}
