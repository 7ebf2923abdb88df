// Checks read off the files of one profile and its extends tree, before any merging:
// conflicting pins, and two components of one stack level extended together. (How 2.13 and
// 3.x read operators differently is judged on the resolved values: versionDiff.)
import { COMPONENTS_BY_LEVEL, type Level } from '../catalog/stack.js';
import { extendedBy, finding, mergeOrder, normalizeName, optionsOf, type Finding } from './check-model.js';
import type { LoadedFile } from './load.js';
import type { DocLine } from './parse.js';
import { dirname, joinPath, normpath, splitWs } from './pystr.js';
import { shownValue } from './redact.js';


/**
 * One egg pinned to different versions by two files where neither extends the other (a file
 * that extends another and re-pins is overriding on purpose), in the same section under the
 * same condition (`[versions:python27]` and `[versions:python3]` are different sections), and
 * the earlier pin really lost in the result.
 */
export function pinConflicts(files: readonly LoadedFile[], versionsSection: string, finalPins: ReadonlyMap<string, string>): Finding[] {
  const out: Finding[] = [];
  const pins = new Map<string, { file: string; line: number; version: string }>();
  const below = new Map<string, Set<string>>();
  const extendsOf = (f: LoadedFile): Set<string> => {
    const key = normpath(f.name);
    let s = below.get(key);
    if (!s) below.set(key, (s = new Set([...extendedBy(files, f.name)].map(normpath))));
    return s;
  };
  for (const f of mergeOrder(files)) {
    for (const sect of f.doc.sections) {
      if (sect.name !== versionsSection) continue;
      for (const node of sect.options) {
        if (node.op !== '=') continue;
        const key = `${sect.expression ?? ''}\0${normalizeName(node.name)}`;
        const prev = pins.get(key);
        const here = { file: f.name, line: node.line + 1, version: node.value };
        pins.set(key, here);
        if (!prev || prev.version === node.value || normpath(prev.file) === normpath(f.name) || extendsOf(f).has(normpath(prev.file))) continue;
        const final = finalPins.get(normalizeName(node.name));
        if (final === undefined || final === prev.version) continue;
        out.push(finding({ file: f.name, line: node.line + 1 }, 'pin-conflict',
          `${node.name} is pinned to ${shownValue(node.name, node.value)} here and to ${shownValue(node.name, prev.version)} at ${normpath(prev.file)}:${prev.line}, a file this one does not extend; the later one silently wins`));
      }
    }
  }
  return out;
}

const LEVEL_OF = new Map<string, Level>(
  (Object.entries(COMPONENTS_BY_LEVEL) as Array<[Level, readonly string[]]>).flatMap(([level, names]) => names.map((n) => [n, level] as [string, Level])),
);

/** Two components of one stack level (profiles/stack/varnish.cfg and .../squid.cfg) extended in one profile. */
export function stackLevelConflicts(files: readonly LoadedFile[]): Finding[] {
  const out: Finding[] = [];
  const first = new Map<Level, LoadedFile>();
  for (const f of files) {
    const m = /(?:^|\/)stack\/([^/]+)\.cfg$/.exec(f.name);
    const level = m ? LEVEL_OF.get(m[1] as string) : undefined;
    if (!m || !level) continue;
    const prev = first.get(level);
    if (!prev) {
      first.set(level, f);
      continue;
    }
    if (prev.name === f.name) continue;
    const parent = f.parentIndex === null ? undefined : files[f.parentIndex];
    let line = 0;
    if (parent) {
      const entry = parent.extends.find((e) => joinPath(dirname(parent.name), e) === f.name || e === f.name);
      const node = optionsOf(parent.doc).find((o) => o.section === 'buildout' && o.node.name === 'extends')?.node;
      if (node && entry) {
        for (let i = node.line; i < node.end; i++) {
          if (splitWs((parent.doc.lines[i] as DocLine).text).includes(entry)) line = i + 1;
        }
      }
    }
    out.push(finding({ file: parent?.name ?? f.name, line }, 'stack-level-conflict',
      `two ${level} components extended in one profile: ${prev.name} and ${f.name}; keep one`));
  }
  return out;
}
