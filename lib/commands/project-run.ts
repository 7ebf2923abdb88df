// The one pipeline every command that writes a project goes through, whichever entry point
// ran it: plan into a staged DirectIO (checks refuse before anything is written), confirm
// hand edits it would overwrite (all of them, or nothing is written), commit, then report:
// one line per file, the notes, and "nothing to change" when nothing did.
import { DirectIO } from '../generator/project-io.js';
import { keepSecretsPrivate } from '../generator/secrets-mode.js';
import type { Question, RunContext } from './command.js';

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

export async function runInProject(ctx: RunContext, root: string, force: boolean, plan: (run: ProjectRun) => void | Promise<void>): Promise<number> {
  const io = new DirectIO(root, force, ctx.out, { askLater: ctx.ask !== null });
  const notes: string[] = [];
  await plan({ io, note: (l) => notes.push(l) });
  await confirmConflicts(ctx, io.conflicts.map((label) => ({ label })));
  const secrets = keepSecretsPrivate(root);
  if (secrets) notes.push(secrets);
  // (a note may say so already, with the reason: "http is already nginx; nothing to change")
  if (!io.commit() && !notes.some((n) => n.endsWith('nothing to change'))) ctx.out('nothing to change');
  for (const line of notes) ctx.out(line);
  return 0;
}
