// `plonefactory check`: resolve each profile of a project the way zc.buildout does (through a
// root in the project directory, so ${buildout:directory} is the project) and report what is
// broken, silently dropped, or read differently by zc.buildout 2.13 and 3.x.
import { dirname, join, relative, resolve as resolvePath } from 'node:path';
import { BuildoutError } from './errors.js';
import { unreadableExtends } from './check-extends.js';
import { pinConflicts, stackLevelConflicts } from './check-files.js';
import { finding, normalizeName, type Finding, type Where } from './check-model.js';
import { pickedVersions } from './check-picked.js';
import { readSections, substitutedParts } from './check-reads.js';
import { discardedValues, duplicateEggs, parts, portConflicts, references, versionDiff } from './check-resolved.js';
import { rootEntryPoints, topProfiles } from './entry-points.js';
import { newLoadCache } from './load.js';
import { parse, splitLines } from './parse.js';
import { readConfig } from './read-config.js';
import { printable, quoteLine } from './redact.js';
import { normpath } from './pystr.js';
import { openBuildout, type Mode, type ResolveOptions } from './resolve.js';

export type { Finding, FindingCode, Severity } from './check-model.js';

const isUrl = (s: string): boolean => /^[a-zA-Z0-9+.-]+:\/\//.test(s);

export interface CheckOptions extends Omit<ResolveOptions, 'mode'> {
  /** The rules the project runs under (default 2.13); the other major is resolved too, to report what differs. */
  mode?: Mode;
  /** The project folder, whose .gitignore files decide which extends a fresh clone lacks (default: the root's folder). */
  projectDir?: string;
  /**
   * Git-ignored files the project's own tooling gives every clone (absolute path -> how): their
   * extends is info, not an error.
   */
  ignoredByDesign?: Readonly<Record<string, string>>;
  /**
   * Some extends URL could not be read offline (read as empty): what it would define is
   * unknown, so eggs with no pin are not reported, and an undefined section or option it may
   * define is info, not error.
   */
  extendsUnread?: boolean;
}

/**
 * A file without a [section] header before its text is no buildout config (`extends =
 * /proc/self/environ`): none of its text is shown. A config's bad line is quoted, its value
 * masked when its name looks secret.
 */
function parseFindings(file: string, text: string): Finding[] {
  const lines = splitLines(text);
  return parse(text, file).errors.map((e) => {
    if (e.kind === 'MissingSectionHeaderError') {
      return finding({ file, line: e.line }, 'parse-error', 'text before the first [section] header: not a buildout config (its text is not shown)');
    }
    return finding({ file, line: e.line }, 'parse-error', `not a \`name = value\` option, a [section] header, a comment or an indented continuation: ${quoteLine(lines[e.line - 1]?.text ?? '')}`);
  });
}

/** A failure as zc.buildout reports it: `Error: message` for its own errors, else the Python exception. */
export function buildoutMessage(e: BuildoutError): string {
  // buildout quotes the bad lines: which lines is enough (parseFindings quotes a config's, masked)
  if (e.kind === 'MissingSectionHeaderError') return `zc.buildout stops with ${e.kind}: ${e.message.split('\n').slice(0, 2).join(' ')}`;
  if (e.kind === 'ParsingError') {
    const at = [...e.message.matchAll(/^\t\[line +(\d+)\]/gm)].map((m) => m[1]).join(', ');
    return `zc.buildout stops with ${e.kind}: ${e.message.split('\n')[0] ?? ''} (line ${at})`;
  }
  if (e.kind === 'SymlinkOutOfProject') return `not read: ${e.message}`;
  if (e.kind === 'KeyError') return `zc.buildout stops with KeyError: ${e.message} (no section or option ${e.message} where buildout needs one)`;
  if (e.kind === 'UserError' || e.kind === 'MissingSection' || e.kind === 'MissingOption') return `zc.buildout stops: Error: ${e.message}`;
  return `zc.buildout stops with ${e.kind}: ${e.message}`;
}

function loadFailure(e: BuildoutError, root: Where, readFile: (p: string) => string): Finding[] {
  if ((e.kind === 'ParsingError' || e.kind === 'MissingSectionHeaderError') && e.file && !isUrl(e.file)) {
    return parseFindings(e.file, readFile(e.file));
  }
  return [finding({ file: e.file ?? root.file, line: e.line ?? root.line }, 'load-error', buildoutMessage(e).split('\n').join(' '))];
}

/** All findings for one root config (a buildout.cfg, or any file standing in for one). */
export function checkProfile(rootFile: string, opts: CheckOptions = {}): Finding[] {
  const root: Where = { file: resolvePath(rootFile), line: 0 };
  const readFile = opts.readFile ?? readConfig;
  const mode: Mode = opts.mode ?? '2.13';
  const other: Mode = mode === '3' ? '2.13' : '3';
  const extendsFindings = unreadableExtends(root.file, opts.projectDir ?? dirname(root.file), readFile, opts.ignoredByDesign);
  // the same zc.buildout pin under both rules, so only the merge rules differ
  const open = (m: Mode): ReturnType<typeof openBuildout> => openBuildout(rootFile, { buildoutVersion: '2.13.2', ...opts, mode: m });
  let opened: ReturnType<typeof openBuildout>;
  try {
    opened = open(mode);
  } catch (e) {
    if (!(e instanceof BuildoutError)) throw e;
    // a missing extends is reported where it is named, not again as the load failure it causes
    const named = e.kind === 'FileNotFoundError' && extendsFindings.some((f) => f.code === 'missing-extends');
    return [...extendsFindings, ...(named ? [] : loadFailure(e, root, readFile))];
  }
  const { engine, files, versionsName } = opened;
  const read = readSections(engine, versionsName);
  const finalPins = new Map<string, string>();
  for (const [k, e] of engine.raw.get(versionsName) ?? []) finalPins.set(normalizeName(k), e.value);
  const out: Finding[] = [
    ...extendsFindings,
    ...pinConflicts(files, versionsName, finalPins), ...stackLevelConflicts(files),
    ...references(engine, root, read, opts.extendsUnread ?? false), ...parts(engine, root, opts.extendsUnread ?? false), ...discardedValues(engine, files, versionsName, read),
    ...duplicateEggs(engine, root), ...portConflicts(engine, root),
  ];
  // install order: the parts, then the sections they pull in (implicit parts)
  const partNames = substitutedParts(engine);
  for (const p of partNames) {
    try {
      engine.section(p);
    } catch (e) {
      if (!(e instanceof BuildoutError)) throw e;
    }
  }
  out.push(...pickedVersions(engine, versionsName, [...new Set([...partNames.filter((p) => engine.raw.has(p)), ...engine.parts])], root, { pinsKnown: !opts.extendsUnread }));
  try {
    const theOther = open(other).engine;
    const located = new Set(out.map((f) => `${f.file}:${f.line}`));
    const [e213, e3] = mode === '2.13' ? [engine, theOther] : [theOther, engine];
    out.push(...versionDiff(e213, e3, root, read).filter((f) => !located.has(`${f.file}:${f.line}`)));
  } catch (e) {
    if (!(e instanceof BuildoutError)) throw e;
    const name = (m: Mode): string => (m === '3' ? '3.x' : '2.13');
    out.push(finding({ file: e.file ?? root.file, line: e.line ?? 0 }, 'version-dependent', `zc.buildout ${name(other)} fails where ${name(mode)} does not: ${buildoutMessage(e)}`));
  }
  return out;
}

/**
 * Check a generated project. Each profile (default: profiles/*.cfg that no other profile
 * extends, plus buildout.cfg) is resolved through a root file in the project directory, as
 * `buildout -c buildout.cfg` with `extends = profiles/x.cfg` would. Only what these roots read is
 * checked: a venv's pyvenv.cfg or a rendered etc/*.cfg is no buildout config. Findings are
 * deduplicated and sorted by file and line.
 */
export function checkProject(projectDir: string, profiles?: string[], optsIn: CheckOptions = {}): Finding[] {
  const dir = resolvePath(projectDir);
  // the profiles share most files: read and parse each once (both rule sets scan alike)
  const opts: CheckOptions = { ...optsIn, cache: optsIn.cache ?? newLoadCache() };
  const out: Finding[] = [];
  const names = profiles ?? [...topProfiles(dir), ...rootEntryPoints(dir)].map((p) => relative(dir, p));
  const readFile = opts.readFile ?? readConfig;
  for (const name of names) {
    const profile = resolvePath(dir, name.endsWith('.cfg') ? name : join('profiles', `${name}.cfg`));
    if (dirname(profile) === dir) {
      // a root beside buildout.cfg already has the project as its directory
      out.push(...checkProfile(profile, { projectDir: dir, ...opts }));
      continue;
    }
    const rel = relative(dir, profile);
    const virtual = join(dir, `.plonefactory-check.${rel.replace(/[/\\]/g, '_')}`);
    const text = `[buildout]\nextends = ${rel}\n`;
    // the stand-in root is ours: blame the profile it extends instead
    const found = checkProfile(virtual, { projectDir: dir, ...opts, readFile: (p) => (p === virtual ? text : readFile(p)) });
    out.push(...found.map((f) => (f.file === virtual ? { ...f, file: profile, line: 0 } : f)));
  }
  const seen = new Set<string>();
  return out
    .filter((f) => {
      // a file extended as etc/x.cfg and as ./etc/x.cfg is one file
      const id = `${isUrl(f.file) ? f.file : normpath(f.file)}\0${f.line}\0${f.code}\0${f.message}`;
      return !seen.has(id) && seen.add(id);
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}

/** `file:line: severity: code: message` lines (paths relative to `baseDir` when given), then a count. */
export function formatHuman(findings: readonly Finding[], baseDir?: string): string {
  const short = (text: string): string => (baseDir ? text.split(resolvePath(baseDir) + '/').join('') : text);
  const lines = findings.map((f) => printable(`${baseDir ? relative(baseDir, f.file) || f.file : f.file}:${f.line}: ${f.severity}: ${f.code}: ${short(f.message)}`));
  lines.push(findings.length ? `${findings.length} finding${findings.length === 1 ? '' : 's'}` : 'no findings');
  return lines.join('\n') + '\n';
}

export function formatJson(findings: readonly Finding[]): string {
  // JSON escapes C0 controls itself; DEL, C1 (a terminal reads U+009B as CSI) and format characters too
  return JSON.stringify(findings, null, 2).replace(/[\u007f-\u009f\p{Cf}]/gu, (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`) + '\n';
}
