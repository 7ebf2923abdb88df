// The one way every generator writes a project. Invariant: the hashes kept in .yo-rc.json
// (`files`) are those of the pristine project the stored answers describe. So a file equal
// to its recorded hash was never edited by hand, and any generator can tell hand edits
// from its own output, whatever generator wrote last.
import type { PlannedFile } from '../project/model.js';
import { SECRETS_FILE } from '../project/layout.js';
import type { ProjectIO } from './project-io.js';
import { contentHash, reconcile, type Decision } from './reconcile.js';

export const FILES_KEY = 'files';

export interface ApplyOptions {
  /** Results of surgical edits (path -> new content): they keep hand edits by construction. */
  edited?: ReadonlyMap<string, string>;
  /** Files to delete: refused like a conflict when edited by hand. */
  removed?: readonly string[];
}

export interface ApplySummary {
  created: string[];
  updated: string[];
  kept: string[];
  removed: string[];
}

/**
 * Files outside the three-way rule, whose hash .yo-rc.json never keeps: secrets.cfg is
 * git-ignored and the user's (a hash in the tracked .yo-rc.json would let anyone guess a
 * weak chosen password offline). Its plan is built from the file on disk (every value kept,
 * a missing key added), so writing it loses nothing and it is never a hand edit.
 */
const UNRECORDED: ReadonlySet<string> = new Set([SECRETS_FILE]);

function ownRule(disk: string | null, content: string): Decision {
  return disk === null ? 'create' : disk === content ? 'unchanged' : 'update';
}

export function recordedHashes(io: ProjectIO): Record<string, string> {
  const stored = io.getConfig(FILES_KEY);
  return typeof stored === 'object' && stored !== null ? { ...(stored as Record<string, string>) } : {};
}

/** Sets a .yo-rc.json key only when its value changes: Yeoman rewrites the file on every set. */
export function setConfig(io: ProjectIO, key: string, value: unknown): void {
  if (JSON.stringify(io.getConfig(key)) !== JSON.stringify(value)) io.setConfig(key, value);
}

/**
 * Throws before anything is written when hand edits would be lost and nobody can be asked;
 * when someone can, the conflicts are handed to io.deferConflicts, to be confirmed (all of
 * them, or the run writes nothing) before the commit.
 */
export function applyPlan(io: ProjectIO, pristine: readonly PlannedFile[], opts: ApplyOptions = {}): ApplySummary {
  const recorded = recordedHashes(io);
  const edited = opts.edited ?? new Map<string, string>();
  const whole = pristine.filter((f) => !edited.has(f.path));
  // A file the last run recorded and this plan no longer has (nginx's after a switch to
  // apache, by `stack` or by an app re-run) goes, so every path converges on the same bytes.
  const planned = new Set(pristine.map((f) => f.path));
  const removed = [...new Set([...(opts.removed ?? []), ...Object.keys(recorded).filter((p) => !planned.has(p) && !edited.has(p))])];
  const threeWay = new Map(reconcile(whole.filter((f) => !UNRECORDED.has(f.path)), (p) => io.read(p), recorded).decisions.map((d) => [d.file.path, d]));
  const decisions = whole.map((file) => threeWay.get(file.path) ?? { file, decision: ownRule(io.read(file.path), file.content) });
  const conflicts = decisions.filter((d) => d.decision === 'conflict').map((d) => d.file.path);
  for (const path of removed) {
    const disk = io.read(path);
    if (disk !== null && contentHash(disk) !== recorded[path]) conflicts.push(path);
  }
  if (conflicts.length && !io.force) {
    if (!io.deferConflicts) throw new Error(`hand edits in ${conflicts.join(', ')} conflict with this run's changes; nothing was written. Run in a terminal to choose per file, or pass --force to overwrite`);
    io.deferConflicts(conflicts);
  }
  const modes = new Map(pristine.map((f) => [f.path, f.mode]));
  const summary: ApplySummary = { created: [], updated: [], kept: [], removed: [] };
  const write = (path: string, content: string): void => {
    const mode = modes.get(path);
    (io.read(path) === null ? summary.created : summary.updated).push(path);
    io.write(path, content, mode === undefined ? {} : { mode });
  };
  for (const { file, decision } of decisions) {
    // a conflict is written too: --force, or confirmed before the commit (or nothing is)
    if (decision === 'create' || decision === 'update' || decision === 'conflict') write(file.path, file.content);
    else if (decision === 'keep-hand-edit') summary.kept.push(file.path);
  }
  for (const [path, content] of edited) if (io.read(path) !== content) write(path, content);
  for (const path of removed) {
    if (io.read(path) === null) continue;
    io.remove(path);
    summary.removed.push(path);
  }
  if (summary.kept.length) io.info(`kept your edits in ${summary.kept.join(', ')}`);
  setConfig(io, FILES_KEY, Object.fromEntries(pristine.filter((f) => !UNRECORDED.has(f.path)).map((f) => [f.path, contentHash(f.content)])));
  return summary;
}
