// `plonefactory check` as a function: validates what it is asked to check (usage errors),
// picks the zc.buildout rules, resolves every profile offline and returns the findings. The
// check generator prints them; other generators call it before they write.
import { existsSync, statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { UsageError } from '../generator/usage-error.js';
import { checkProject, formatHuman, type CheckOptions, type Finding, type Severity } from './check.js';
import { shown } from './check-model.js';
import { normpath } from './pystr.js';
import { reachableConfigs } from './entry-points.js';
import { projectReader } from './read-config.js';
import { assertProject, defaultTargets, namedTargets } from './check-targets.js';
import { effectiveExtendsCache, unreadableUrls } from './offline-extends.js';
import { offlineUrls } from './offline-profile.js';
import { projectMode } from './project-mode.js';
import type { Mode } from './resolve.js';

export interface ProjectCheckRequest {
  /** The project directory: any buildout (a .cfg file at its root, or a profiles/ folder). */
  dir: string;
  /** Profile names (`production`) or .cfg files of the project; default: every profile. */
  profiles?: readonly string[];
  /** `--buildout` as typed (2.13 or 3); default: from .yo-rc.json's Plone line, else 2.13. */
  buildout?: string;
  /** A folder of md5(url)-named files for extends URLs (absolute, or relative to dir). */
  extendsCache?: string;
  /** More resolver options (a test's readFile, a url map...). */
  resolve?: Omit<CheckOptions, 'mode' | 'extendsCache'>;
}

export interface ProjectCheckReport {
  dir: string;
  mode: Mode;
  modeReason: string;
  /** What was resolved, relative to dir. */
  targets: string[];
  /** Sorted by file, line and code; absolute file paths. */
  findings: Finding[];
  /** extends URLs with no offline copy: read as empty, so their pins were not checked. */
  unread: string[];
}

function cacheFolder(dir: string, cache: string | undefined): string | undefined {
  if (cache === undefined) return undefined;
  const path = resolvePath(dir, cache);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`--extends-cache ${cache}: no such directory`);
  return path;
}

const byPlace = (a: Finding, b: Finding): number =>
  (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/** Check a project; throws UsageError for an unknown profile, a missing cache folder, or a directory that is no buildout. */
export function runProjectCheck(req: ProjectCheckRequest): ProjectCheckReport {
  const dir = resolvePath(req.dir);
  assertProject(dir);
  const { mode, reason } = projectMode(dir, req.buildout);
  const cache = effectiveExtendsCache(dir, cacheFolder(dir, req.extendsCache));
  const named = req.profiles !== undefined && req.profiles.length > 0;
  const targets = named ? namedTargets(dir, req.profiles ?? []) : defaultTargets(dir);
  if (!targets.length) throw new UsageError(`${dir} has no profile to check (no buildout.cfg, no profiles/*.cfg)`);
  const offline = unreadableUrls(reachableConfigs(dir, targets.map((t) => resolvePath(dir, t))), cache, projectReader(dir));
  // A pin URL with no offline copy reads as an empty file, so everything else is still
  // checked: what it would pin is unknown, which the report notes rather than counting it
  // as a defect of the project (a freshly generated project is clean).
  const stubs = offlineUrls(dir);
  const urlMap = Object.fromEntries([...offline.urls].map((u) => [u, stubs[u] as string]));
  const stubbed = new Set(Object.values(urlMap));
  const base = req.resolve?.readFile ?? projectReader(dir);
  const readFile = (p: string): string => (stubbed.has(p) ? '' : base(p));
  const resolveOpts = { ...req.resolve, readFile, urlMap: { ...req.resolve?.urlMap, ...urlMap } };
  const unread = [...offline.urls];
  const findings = checkProject(dir, named ? targets : undefined, { ...resolveOpts, mode, extendsCache: cache.dir, extendsUnread: unread.length > 0 || !cache.static })
    .map((f) => (/^[a-zA-Z0-9+.-]+:\/\//.test(f.file) ? f : { ...f, file: normpath(f.file) })).sort(byPlace);
  return { dir, mode, modeReason: reason, targets, findings, unread };
}

/** profiles/production.cfg -> production; anything else as is. */
const shortName = (target: string): string => /^profiles\/[^/]+\.cfg$/.test(target) ? target.slice('profiles/'.length, -'.cfg'.length) : target;

const MODE_NAME: Record<Mode, string> = { '2.13': 'zc.buildout 2.13', '3': 'zc.buildout 3.x' };

/** `3 errors, 1 warning`: the count of each severity present. */
export function severityCounts(findings: readonly Finding[]): string {
  const n = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  const parts = (['error', 'warning', 'info'] as const).filter((s) => n(s)).map((s) => `${n(s)} ${s}${n(s) === 1 || s === 'info' ? '' : 's'}`);
  return parts.join(', ');
}

/** The human report: one `file:line: severity: code: message` line per shown finding, then a summary line. */
export function formatCheckReport(report: ProjectCheckReport, all = false): string {
  const findings = report.findings.filter((f) => shown(f, all));
  const hidden = report.findings.length - findings.length;
  // formatHuman ends with its own count line: ours replaces it
  const human = formatHuman(findings, report.dir).replace(/\n$/, '');
  const lines = findings.length ? [human.slice(0, human.lastIndexOf('\n'))] : [];
  const names = report.targets.map(shortName);
  const what = `${report.targets.length} profile${report.targets.length === 1 ? '' : 's'} (${names.join(', ')}) under ${MODE_NAME[report.mode]} rules (${report.modeReason})`;
  const n = findings.length;
  const more = hidden ? `; ${hidden} info not shown (--all shows them)` : '';
  lines.push(n ? `${n} finding${n === 1 ? '' : 's'} (${severityCounts(findings)}) in ${what}${more}` : `clean: no findings in ${what}${more}`);
  if (report.unread.length) lines.push(`note: ${report.unread.length} extends URL${report.unread.length === 1 ? '' : 's'} not read offline, their pins not checked (give --extends-cache DIR): ${report.unread.join(' ')}`);
  return lines.join('\n') + '\n';
}
