// Resolve every profile of a project the way zc.buildout would, before or after a change,
// without writing anything: the changed files are an overlay, and each profile gets a virtual
// root beside buildout.cfg (so ${buildout:directory} is the project, as with buildout.cfg).
// Pin files behind URLs are read from an extends cache when there is one; a URL nobody holds
// offline is read as empty, and the result says so (the release's pins are then unknown).
import { join } from 'node:path';
import { BuildoutError } from '../buildout/errors.js';
import type { RawConfig } from '../buildout/merge.js';
import { newLoadCache, type LoadCache } from '../buildout/load.js';
import { openBuildout, resolveProfile, type Mode, type Resolved } from '../buildout/resolve.js';
import { overlaid, type ProjectView } from './project-view.js';

export interface ResolveSettings {
  mode: Mode;
  /** Folder of md5(url)-named copies of the pin files (zc.buildout's extends-cache). */
  extendsCache?: string;
}

export type ProfileResult =
  | { ok: true; profile: string; resolved: Resolved; raw: RawConfig; unreadUrls: string[] }
  | { ok: false; profile: string; error: BuildoutError };

/** Absolute path -> new text (null: the file is gone). */
export type Overlay = ReadonlyMap<string, string | null>;

const ROOT_PREFIX = '.plonefactory-resolve-';
const STUB = '\0plonefactory-unread-url';
const OFFLINE_RE = /^Couldn't download '([^']+)' in offline mode\.$|^Error downloading extends for URL (\S+):/;

function notFound(path: string): Error {
  return Object.assign(new Error(`no such file: ${path}`), { code: 'ENOENT' });
}

/** What the profiles of one state of the project share: the files read once, the URLs no one holds. */
export interface Batch {
  cache: LoadCache;
  urlMap: Record<string, string>;
}

export const newBatch = (): Batch => ({ cache: newLoadCache(), urlMap: {} });

/**
 * The batch for the project as it would be with `changed` (absolute paths) rewritten: what
 * was read and opened stays, but for those files and every opened tree that holds one.
 * (Scans are keyed by text, so they stay valid.) A module change touches a few profiles and
 * adds one file: the pin chain and base.cfg are not opened again.
 */
export function forkBatch(batch: Batch, changed: Iterable<string>): Batch {
  const gone = new Set(changed);
  const { cache } = batch;
  return {
    urlMap: { ...batch.urlMap },
    cache: {
      ...cache,
      texts: new Map([...cache.texts].filter(([path]) => !gone.has(path))),
      trees: new Map([...cache.trees].filter(([, tree]) => !tree.files.some((f) => gone.has(f.localPath) || gone.has(f.name)))),
    },
  };
}

export function resolveOne(view: ProjectView, profile: string, overlay: Overlay, settings: ResolveSettings, batch: Batch = newBatch()): ProfileResult {
  const name = profile.replace(/^profiles\//, '').replace(/\.cfg$/, '');
  const root = join(view.dir, `${ROOT_PREFIX}${name}.cfg`);
  const files = overlaid(view, overlay);
  const readFile = (path: string): string => {
    if (path === root) return `[buildout]\nextends = ${profile}\n`;
    if (path === STUB) return '';
    const text = files.read(path);
    if (text === null) throw notFound(path);
    return text;
  };
  const { urlMap, cache } = batch;
  const opts = () => ({
    mode: settings.mode, readFile, urlMap: { ...urlMap }, cache,
    ...(settings.extendsCache ? { extendsCache: settings.extendsCache } : {}),
  });
  // Each pass can only find the next unreadable URL (a pin file names the next one): stub it, retry.
  for (let pass = 0; pass < 50; pass++) {
    try {
      const resolved = resolveProfile(root, opts());
      const raw = openBuildout(root, opts()).engine.raw;
      return { ok: true, profile, resolved, raw, unreadUrls: Object.keys(urlMap) };
    } catch (e) {
      if (!(e instanceof BuildoutError)) throw e;
      const m = OFFLINE_RE.exec(e.message);
      const url = m?.[1] ?? m?.[2];
      if (!url || url in urlMap) return { ok: false, profile, error: e };
      urlMap[url] = STUB;
    }
  }
  return { ok: false, profile, error: new BuildoutError('UserError', 'too many unreadable extends URLs') };
}

/** The files do not change within one state of the project: its profiles share one batch. */
export function resolveAll(view: ProjectView, profiles: readonly string[], overlay: Overlay, settings: ResolveSettings, batch: Batch = newBatch()): ProfileResult[] {
  return profiles.map((p) => resolveOne(view, p, overlay, settings, batch));
}
