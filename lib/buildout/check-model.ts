// Shared vocabulary of `plonefactory check`: findings, and the extends tree of one profile.
import type { LoadedFile } from './load.js';
import { contributions, type Entry } from './merge.js';
import type { BuildoutDoc, OptionNode } from './parse.js';

export type FindingCode =
  | 'parse-error'
  | 'load-error'
  | 'unresolved-reference'
  | 'invalid-reference'
  | 'circular-reference'
  | 'macro-error'
  | 'undefined-part'
  | 'part-without-recipe'
  | 'discarded-values'
  | 'fragment-extends'
  | 'increment-undeclared'
  | 'mixed-operators'
  | 'operator-spacing'
  | 'version-dependent'
  | 'pin-conflict'
  | 'duplicate-egg'
  | 'port-conflict'
  | 'domain-conflict'
  | 'stack-level-conflict'
  | 'picked-version'
  | 'missing-extends'
  | 'ignored-extends'
  | 'interrupted-commit';

/**
 * error: buildout fails, or silently loses something the files ask for; warning: zc.buildout
 * 2.13 and 3.x give different values; info: true but harmless.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  file: string;
  /** 1-based; 0 when no single line is to blame. */
  line: number;
  code: FindingCode;
  severity: Severity;
  message: string;
}

/** Each code's severity, unless the check that finds it says otherwise (a reference in a section nothing reads is info). */
const SEVERITY: Record<FindingCode, Severity> = {
  'parse-error': 'error', 'load-error': 'error', 'unresolved-reference': 'error', 'invalid-reference': 'error',
  'circular-reference': 'error', 'macro-error': 'error', 'undefined-part': 'error', 'part-without-recipe': 'error',
  'discarded-values': 'error', 'fragment-extends': 'warning', 'increment-undeclared': 'warning', 'mixed-operators': 'warning',
  'operator-spacing': 'warning', 'version-dependent': 'warning', 'pin-conflict': 'error', 'duplicate-egg': 'info',
  'port-conflict': 'error', 'domain-conflict': 'error', 'stack-level-conflict': 'error', 'picked-version': 'error', 'missing-extends': 'error',
  'ignored-extends': 'error', 'interrupted-commit': 'error',
};

/** Which findings a report shows: errors and warnings by default, everything with --all. */
export const shown = (f: Finding, all: boolean): boolean => all || f.severity !== 'info';

export interface Where {
  file: string;
  line: number;
}

export const finding = (where: Where, code: FindingCode, message: string, severity: Severity = SEVERITY[code]): Finding =>
  ({ file: where.file, line: where.line, code, severity, message });

/** Files in the order 3.x folds them (each file's extends first, then itself). */
export function mergeOrder(files: readonly LoadedFile[]): LoadedFile[] {
  const children = (i: number | null): LoadedFile[] => files.filter((f) => f.parentIndex === i);
  const post = (f: LoadedFile): LoadedFile[] => [...children(f.index).flatMap(post), f];
  return children(null).flatMap(post);
}

/** Names of the files `file` extends, directly or not (itself excluded). */
export function extendedBy(files: readonly LoadedFile[], name: string): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    for (let p = f.parentIndex; p !== null; p = (files[p] as LoadedFile).parentIndex) {
      if ((files[p] as LoadedFile).name === name) {
        out.add(f.name);
        break;
      }
    }
  }
  return out;
}

/** Every option node of a document, with its section name. */
export function optionsOf(doc: BuildoutDoc): Array<{ section: string; node: OptionNode }> {
  return doc.sections.flatMap((s) => s.options.map((node) => ({ section: s.name, node })));
}

/** Unique files (a file extended twice is checked once). */
export function uniqueFiles(files: readonly LoadedFile[]): LoadedFile[] {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.name) && seen.add(f.name));
}

/** The latest file:line among an entry's contributions whose text satisfies `has`, else its origin. */
export function locate(e: Entry | undefined, has: (text: string) => boolean, fallback: Where): Where {
  if (!e) return fallback;
  const items = contributions(e);
  let origin: Where | undefined;
  for (let i = items.length - 1; i >= 0; i--) {
    const h = items[i] as (typeof items)[number];
    if (typeof h.source === 'string') continue;
    origin ??= h.source;
    if (has(h.value)) return h.source;
  }
  for (let i = e.history.length - 1; !origin && i >= 0; i--) {
    const src = (e.history[i] as (typeof e.history)[number]).source;
    if (typeof src !== 'string') origin = src;
  }
  return origin ?? fallback;
}

/** pip's name normalization, for comparing egg and pin names. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
