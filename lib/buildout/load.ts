// Reading a config and the files it extends: zc.buildout's _open, in its 2.13 form (each
// extended file resolved on its own, then laid over its earlier siblings) and its 3.x form
// (chains flattened, every file folded in order at the root). URLs come from a caller's
// url -> file map or from an extends-cache folder of md5(url)-named files; never the network.
import { existsSync, realpathSync } from 'node:fs';
import { evaluateCondition, type ConditionContext } from './condition.js';
import { BuildoutError } from './errors.js';
import { md5Hex } from './md5.js';
import { entry, markShared, update, updateSection, writable, type Mode, type RawConfig, type RawSection } from './merge.js';
import { parseErrorMessage, scan, splitLines, type BuildoutDoc, type DocLine, type ScanResult } from './parse.js';
import { dirname, isAbs, joinPath, pyListRepr, pyRepr, splitWs } from './pystr.js';
import { fsError, readConfig } from './read-config.js';
import { checkDepth } from './recursion.js';

const isUrl = (s: string): boolean => /^[a-zA-Z0-9+.-]+:\/\//.test(s);

export interface LoadedFile {
  /** The name buildout gives the file: a path (joined, not normalized) or a URL. */
  name: string;
  /** Where its text was read from. */
  localPath: string;
  doc: BuildoutDoc;
  /** The file that extends it (null for the root). */
  parent: string | null;
  /** Its position in the load list, and its parent's (a file extended twice is listed twice). */
  index: number;
  parentIndex: number | null;
  /** Its own `[buildout] extends` entries, as written. */
  extends: string[];
}

/**
 * Files read and scanned, shared by the resolutions of one batch (the profiles of a project):
 * each file is read and parsed once. Valid only while the files do not change.
 */
export interface LoadCache {
  texts: Map<string, string>;
  /** name -> text -> scan of a file without conditional headers (context-free). Not one `name\0text` key: that string would be built and hashed anew on every lookup. */
  scans: Map<string, Map<string, { lines: DocLine[]; scanned: ScanResult }>>;
  /** extends-cache folder as configured -> its real path (known to exist). */
  roots: Map<string, string>;
  /** `real folder\0url` -> the cached copy, or null when the folder lacks it. */
  downloads: Map<string, string | null>;
  /** A scan's options as the config of file `name`, its sections shared (see markShared). */
  entries: WeakMap<ScanResult, Map<string, RawConfig>>;
  /** Files opened below a root, with all they extend, by treeKey: the profiles of a project share most of theirs (base.cfg, the pin chain). */
  trees: Map<string, OpenedTree>;
}

/** What opening a file below the root gave: the same for every root of the batch that extends it alike. */
interface OpenedTree {
  /** What open returned, its sections shared: callers get new maps of them, since the merge adds and replaces sections in place. */
  configs: RawConfig[];
  /** The files it read, in order, indexed from its own file (0, with no parent). */
  files: LoadedFile[];
}

export const newLoadCache = (): LoadCache => ({ texts: new Map(), scans: new Map(), roots: new Map(), downloads: new Map(), entries: new WeakMap(), trees: new Map() });

export interface LoadOptions {
  mode: Mode;
  urlMap?: Readonly<Record<string, string>>;
  condition: ConditionContext;
  /** Text of a file; defaults to reading it from disk. */
  readFile?: (path: string) => string;
  cache?: LoadCache;
  /** The folder buildout runs in (3.x tests optional-extends relative to it); default: the root config's. */
  cwd?: string;
}

interface State {
  opts: LoadOptions;
  seen: string[];
  files: LoadedFile[];
  override: RawSection;
  /** Files read so far whose headers have conditions (their trees depend on the condition context). */
  conditional: number;
}

function readLocal(state: State, path: string): string {
  const texts = state.opts.cache?.texts;
  const known = texts?.get(path);
  if (known !== undefined) return known;
  let text: string;
  try {
    // reading a directory fails with EISDIR: no stat needed
    text = (state.opts.readFile ?? readConfig)(path);
  } catch (e) {
    throw e instanceof BuildoutError ? e : fsError(e, path);
  }
  texts?.set(path, text);
  return text;
}

/** os.path.exists, through the caller's reader (a check's virtual files exist too). */
function exists(state: State, path: string): boolean {
  try {
    readLocal(state, path);
    return true;
  } catch (e) {
    // a directory, an unreadable file, one that is not UTF-8 exist as well
    return e instanceof BuildoutError && e.kind !== 'FileNotFoundError';
  }
}

/** The extends-cache folder's real path; fails like buildout when it does not exist. */
function cacheRoot(state: State, configured: string): string {
  const memo = state.opts.cache?.roots;
  const known = memo?.get(configured);
  if (known !== undefined) return known;
  let root = configured;
  try { root = realpathSync(root); } catch { /* checked just below */ }
  if (!existsSync(root)) {
    throw new BuildoutError('UserError', `The directory:\n${pyRepr(root)}\nto be used as a download cache doesn't exist.\n`);
  }
  memo?.set(configured, root);
  return root;
}

/** The cached copy of `url` in the extends-cache folder `root`, or null. */
function cachedCopy(state: State, root: string, url: string): string | null {
  const memo = state.opts.cache?.downloads;
  const key = `${root}\0${url}`;
  const known = memo?.get(key);
  if (known !== undefined) return known;
  const cached = joinPath(root, md5Hex(url));
  const found = existsSync(cached) ? cached : null;
  memo?.set(key, found);
  return found;
}

/** configparser over a file's lines, with conditions evaluated; a file without conditions once per batch. */
function scanFile(state: State, logName: string, text: string, filename: string): { lines: DocLine[]; scanned: ScanResult } {
  const scans = state.opts.cache?.scans;
  // the two parsers differ (3.x accumulates repeated `+=`): one entry per mode
  const scanKey = `${state.opts.mode}\0${logName}`;
  const known = scans?.get(scanKey)?.get(text);
  if (known) return known;
  const lines = splitLines(text);
  const ctx = state.opts.condition;
  const scanned = scan(logName, lines, (expr, line) => evaluateCondition(expr, ctx, { file: filename, line }), state.opts.mode === '3');
  const result = { lines, scanned };
  if (scanned.sections.some((s) => s.expression !== null)) state.conditional++;
  else if (scans) {
    let byText = scans.get(scanKey);
    if (!byText) scans.set(scanKey, (byText = new Map()));
    byText.set(text, result);
  }
  return result;
}

/** zc.buildout.download.Download with hash_name=True, offline. Returns the local file. */
function download(state: State, dl: RawSection, url: string): string {
  const mapped = state.opts.urlMap?.[url];
  if (mapped !== undefined) return mapped;
  if (url.startsWith('file://')) return decodeURIComponent(new URL(url).pathname);
  const cache = dl.get('extends-cache')?.value;
  const offline = dl.get('offline')?.value === 'true' || dl.get('install-from-cache')?.value === 'true';
  if (cache) {
    const cached = cachedCopy(state, cacheRoot(state, joinPath(dl.get('directory')?.value ?? '', cache)), url);
    if (cached !== null) return cached;
  }
  if (offline) throw new BuildoutError('UserError', `Couldn't download ${pyRepr(url)} in offline mode.`);
  throw new BuildoutError('UserError', `Error downloading extends for URL ${url}: this resolver never uses the network`);
}

/** The scanned data as entries with their origins, `[buildout] extends` left out (the scan is not mutated). */
function entriesOf(data: Map<string, Map<string, { value: string; line: number }>>, file: string): RawConfig {
  const out: RawConfig = new Map();
  for (const [name, section] of data) {
    const s: RawSection = new Map();
    section.forEach((v, k) => {
      if (name !== 'buildout' || k !== 'extends') s.set(k, entry(v.value, { file, line: v.line }));
    });
    out.set(name, s);
  }
  return out;
}

/** The file's config: its sections made once per batch, shared by every root (the merge copies one only to change it). */
function annotate(state: State, scanned: ScanResult, file: string): RawConfig {
  const memo = state.opts.cache?.entries;
  let byFile = memo?.get(scanned);
  let data = byFile?.get(file);
  if (!data) {
    data = entriesOf(scanned.data, file);
    if (!memo) return data;
    markShared(data);
    if (!byFile) memo.set(scanned, (byFile = new Map()));
    byFile.set(file, data);
  }
  return new Map(data);
}

/** The download options a tree can depend on (only URLs read through them) and what it is opened as. */
const treeKey = (mode: Mode, filename: string, dl: RawSection): string =>
  [mode, filename, ...['directory', 'extends-cache', 'offline', 'install-from-cache'].map((k) => dl.get(k)?.value ?? '\u0000')].join('\u0000');

function remember(state: State, key: string, configs: RawConfig[], index: number): void {
  const files = state.files.slice(index).map((f) => ({
    ...f, index: f.index - index, parentIndex: f.index === index ? null : (f.parentIndex as number) - index, parent: f.index === index ? null : f.parent,
  }));
  // the caller goes on merging into these configs: from now on their sections are copied to be changed
  for (const c of configs) markShared(c);
  state.opts.cache?.trees.set(key, { configs: configs.map((c) => new Map(c)), files });
}

/** A known tree as if opened again here: its files listed under this parent, its configs as new maps of shared sections. */
function replay(state: State, tree: OpenedTree, parent: string | null, parentIndex: number | null): RawConfig[] {
  const offset = state.files.length;
  for (const f of tree.files) {
    const own = f.parentIndex === null;
    state.files.push({ ...f, index: f.index + offset, parentIndex: own ? parentIndex : (f.parentIndex as number) + offset, parent: own ? parent : f.parent });
  }
  return tree.configs.map((c) => new Map(c));
}

/** Where the file at `parentIndex` names its extends, for an error about what it extends. */
function extendsLine(state: State, parentIndex: number | null): { file: string; line: number } | undefined {
  const parent = parentIndex === null ? undefined : state.files[parentIndex];
  const node = parent?.doc.sections.find((s) => s.name === 'buildout' && s.options.some((o) => o.key === 'extends'))?.options.find((o) => o.key === 'extends');
  return parent && node ? { file: parent.name, line: node.line + 1 } : undefined;
}

/** _open: returns the merged config (2.13, or 3.x at the root) or the flat list of per-file configs (3.x below the root). */
function open(state: State, base: string, filename: string, dlIn: RawSection, parent: string | null, parentIndex: number | null): RawConfig[] {
  const { mode } = state.opts;
  let dl = updateSection(dlIn, state.override);
  const cache = dl.get('extends-cache')?.value;
  if (mode === '3' && cache && /\$\{[^}]*\}/.test(cache)) {
    throw new BuildoutError('ValueError', `extends-cache '${cache}' may not contain \${section:variable} to expand.`);
  }
  const downloaded = isUrl(filename) || (isUrl(base) && !isAbs(filename));
  if (!isUrl(filename)) {
    if (downloaded) filename = base + '/' + filename;
    else if (!isUrl(base)) filename = joinPath(base, filename);
  }
  const key = state.opts.cache && state.seen.length ? treeKey(mode, filename, dl) : undefined;
  const known = key === undefined ? undefined : state.opts.cache?.trees.get(key);
  // No recursion check is needed on a hit: a tree is remembered only when it opened without
  // error, and a tree holding a file that is now being opened above it would have led back
  // to itself through that file's extends, and failed, when it was opened.
  if (known) return replay(state, known, parent, parentIndex);
  const local = downloaded ? download(state, dl, filename) : filename;
  base = downloaded ? filename.slice(0, filename.lastIndexOf('/')) : dirname(filename);
  const conditionalBefore = state.conditional;
  const text = readLocal(state, local);
  if (state.seen.includes(filename)) {
    throw new BuildoutError('UserError', `Recursive file include ${pyListRepr(state.seen)} ${filename}`);
  }
  const isRoot = state.seen.length === 0;
  state.seen.push(filename);
  checkDepth('extends', state.seen.length, extendsLine(state, parentIndex));
  const logName = downloaded ? `${filename} (downloaded as ${local})` : filename;

  const { lines, scanned } = scanFile(state, logName, text, filename);
  const fatal = parseErrorMessage(logName, scanned.errors);
  if (fatal) {
    const first = scanned.errors[0] as { line: number };
    throw new BuildoutError(fatal.kind, fatal.message, { file: filename, line: first.line });
  }
  const data = scanned.data;
  const bo = data.get('buildout');
  const extendsValue = bo?.get('extends')?.value;
  if (bo?.has('extended-by')) {
    throw new BuildoutError('UserError', `No-longer supported "extended-by" option found in ${filename}.`);
  }
  const extendsList = extendsValue ? splitWs(extendsValue) : [];
  // the structural view (every conditional section taken): the same scan when there is none
  const doc = scanned.sections.every((s) => s.expression === null) ? scanned : scan(filename, lines);
  const index = state.files.length;
  state.files.push({
    name: filename, localPath: local, parent, index, parentIndex, extends: extendsList,
    doc: { file: filename, lines, roles: doc.roles, sections: doc.sections, errors: doc.errors },
  });

  let result = annotate(state, scanned, filename);
  const rootBuildout = result.get('buildout');
  if (isRoot && rootBuildout) dl = updateSection(dl, rootBuildout);

  if (mode === '2.13') {
    if (extendsList.length) {
      const [first, ...rest] = extendsList as [string, ...string[]];
      let eresult = open(state, base, first, dl, filename, index)[0] as RawConfig;
      for (const f of rest) eresult = update(eresult, open(state, base, f, dl, filename, index)[0] as RawConfig, mode);
      result = update(eresult, result, mode);
    }
    state.seen.pop();
    if (key !== undefined && state.conditional === conditionalBefore) remember(state, key, [result], index);
    return [result];
  }
  const eresults: RawConfig[] = [];
  for (const f of extendsList) eresults.push(...open(state, base, f, dl, filename, index));
  // 3.2+: optional-extends are read after extends when they exist, and the option is removed.
  // zc.buildout tests existence relative to the folder it runs in, but opens them relative
  // to this file (os.path.exists(fname), then _open(base, fname)): we do the same.
  const optional = result.get('buildout')?.get('optional-extends');
  if (optional) {
    const own = writable(result.get('buildout') as RawSection);
    own.delete('optional-extends');
    result.set('buildout', own);
    const cwd = state.opts.cwd ?? dirname(state.seen[0] as string);
    for (const f of splitWs(optional.value)) {
      if (isUrl(f) || !exists(state, isAbs(f) ? f : joinPath(cwd, f))) continue;
      eresults.push(...open(state, base, f, dl, filename, index));
    }
  }
  eresults.push(result);
  state.seen.pop();
  if (key !== undefined && state.conditional === conditionalBefore) remember(state, key, eresults, index);
  if (!isRoot) return eresults;
  let final: RawConfig = new Map();
  for (const r of eresults) final = update(final, r, mode);
  return [final];
}

/** Load `configFile` (absolute) and everything it extends. */
export function loadConfig(
  configFile: string,
  downloadOptions: RawSection,
  override: RawSection,
  opts: LoadOptions,
): { config: RawConfig; files: LoadedFile[] } {
  const state: State = { opts, seen: [], files: [], override, conditional: 0 };
  const [config] = open(state, dirname(configFile), configFile, downloadOptions, null, null);
  return { config: config as RawConfig, files: state.files };
}
