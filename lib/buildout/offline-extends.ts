// `extends` URLs that cannot be read offline. The check never downloads: a URL is readable only
// through an extends cache (zc.buildout's folder of md5(url)-named files). Each unreadable URL
// is reported where it is written, so the user sees every one, not just the first the resolver
// trips on.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { md5Hex } from './md5.js';
import { parse, type BuildoutDoc, type OptionNode } from './parse.js';
import { expanduser, splitWs } from './pystr.js';

const isRemote = (s: string): boolean => /^[a-zA-Z0-9+.-]+:\/\//.test(s) && !s.startsWith('file://');

function buildoutOptions(doc: BuildoutDoc, key: string): OptionNode[] {
  return doc.sections.filter((s) => s.name === 'buildout').flatMap((s) => s.options.filter((o) => o.key === key));
}

export interface ExtendsCache {
  /** The folder URLs are read from (absolute), if any. */
  dir: string | undefined;
  /** False when buildout.cfg's extends-cache needs substitution: only the resolver can tell. */
  static: boolean;
}

/**
 * The extends cache a run of buildout.cfg would use: the command line's (buildout:extends-cache=...)
 * wins, else the one buildout.cfg's [buildout] sets (zc.buildout reads download settings from
 * the root file only), relative to the project like buildout's download does.
 */
export function effectiveExtendsCache(projectDir: string, option: string | undefined): ExtendsCache {
  if (option !== undefined) return { dir: resolvePath(projectDir, option), static: true };
  const root = join(projectDir, 'buildout.cfg');
  if (!existsSync(root)) return { dir: undefined, static: true };
  const set = buildoutOptions(parse(readFileSync(root, 'utf8'), root), 'extends-cache').map((o) => o.value.trim()).pop();
  if (!set) return { dir: undefined, static: true };
  if (set.includes('${')) return { dir: undefined, static: false };
  return { dir: resolvePath(projectDir, expanduser(set)), static: true };
}

/**
 * Every remote `extends` entry of `files` (the project's .cfg files) that the extends cache
 * lacks: the check reads these as empty files and notes them, never downloads them.
 */
export function unreadableUrls(files: readonly string[], cache: ExtendsCache, read: (path: string) => string): { urls: Set<string> } {
  const urls = new Set<string>();
  if (!cache.static) return { urls };
  for (const file of files) {
    let text: string;
    try {
      text = read(file);
    } catch {
      continue; // the resolver reports it
    }
    const doc = parse(text, file);
    for (const node of buildoutOptions(doc, 'extends')) {
      for (const url of splitWs(node.value).filter(isRemote)) {
        if (cache.dir && existsSync(join(cache.dir, md5Hex(url)))) continue;
        urls.add(url);
      }
    }
  }
  return { urls };
}
