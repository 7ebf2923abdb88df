// The one pipeline every command that writes a project goes through, whichever entry point
// ran it: lock the project and finish an interrupted commit, plan into a staged DirectIO
// (checks refuse before anything is written), confirm hand edits it would overwrite (all of
// them, or nothing is written), commit through the journal, then report: one line per file,
// the notes, and "nothing to change" when nothing did.
import { DirectIO } from '../generator/project-io.js';
import { closeProjects, openProjects } from '../generator/open-projects.js';
import type { ParsedCommand, Question, RunContext } from './command.js';

/** Hand edits these runs would overwrite, confirmed in a terminal; any "no" writes nothing. */
export async function confirmConflicts(ctx: RunContext, conflicts: ReadonlyArray<{ label: string }>): Promise<void> {
  if (!conflicts.length) return;
  if (!ctx.ask) throw new Error(`hand edits in ${conflicts.map((c) => c.label).join(', ')} conflict with this run's changes; nothing was written. Run in a terminal to choose per file, or pass --force to overwrite`);
  const questions: Question[] = conflicts.map((c, i) => ({ type: 'confirm', name: `overwrite${i}`, message: `${c.label} has hand edits this run would overwrite. Overwrite it?`, default: false }));
  const answers = await ctx.ask(questions);
  const kept = conflicts.filter((_, i) => answers[`overwrite${i}`] !== true).map((c) => c.label);
  if (kept.length) throw new Error(`kept your edits in ${kept.join(', ')}, so nothing was written (a run applies all of its changes or none); pass --force to overwrite them`);
}

export interface ProjectRun {
  io: DirectIO;
  /** A line to print once the files are written (what was added, what is ready). */
  note: (line: string) => void;
}

export interface RunFlags {
  force: boolean;
  followSymlinks: boolean;
}

/** The flags every writing command shares, from its parsed options. */
export const runFlags = (options: ParsedCommand['options']): RunFlags => ({ force: options['force'] === true, followSymlinks: options['follow-symlinks'] === true });

/** A reader of the project for what a command shows or asks before it plans (no staging). */
export const projectReader = (root: string, flags: RunFlags): DirectIO => new DirectIO(root, false, undefined, { followSymlinks: flags.followSymlinks });

/**
 * Runs `fn` holding the locks of `roots` (sorted), after finishing any commit an earlier run
 * left interrupted there: everything a command reads, asks or writes happens inside.
 */
export async function withProjects<T>(ctx: RunContext, roots: readonly string[], fn: () => Promise<T>): Promise<T> {
  const locks = await openProjects(roots, ctx.out);
  try {
    return await fn();
  } finally {
    closeProjects(locks);
  }
}

/** Plan, confirm, commit, report; the caller holds the project's lock (withProjects). */
export async function planAndCommit(ctx: RunContext, root: string, flags: RunFlags, plan: (run: ProjectRun) => void | Promise<void>): Promise<number> {
  const io = new DirectIO(root, flags.force, ctx.out, { askLater: ctx.ask !== null, followSymlinks: flags.followSymlinks });
  const notes: string[] = [];
  await plan({ io, note: (l) => notes.push(l) });
  await confirmConflicts(ctx, io.conflicts.map((label) => ({ label })));
  // (a note may say so already, with the reason: "http is already nginx; nothing to change")
  if (!io.commit() && !notes.some((n) => n.endsWith('nothing to change'))) ctx.out('nothing to change');
  for (const line of notes) ctx.out(line);
  return 0;
}

export function runInProject(ctx: RunContext, root: string, flags: RunFlags, plan: (run: ProjectRun) => void | Promise<void>): Promise<number> {
  return withProjects(ctx, [root], () => planAndCommit(ctx, root, flags, plan));
}
