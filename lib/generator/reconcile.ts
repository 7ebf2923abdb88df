// Three-way decision per file between what we generated last time (its recorded hash),
// what is on disk now, and what we would generate now. Hand edits are never overwritten
// silently: a file the user changed is kept when we have nothing new for it, and is a
// conflict when we do.
import { hash } from 'node:crypto';

export interface Desired {
  path: string;
  content: string;
}

export type Decision = 'unchanged' | 'create' | 'update' | 'keep-hand-edit' | 'conflict';

export interface Reconciled<F extends Desired> {
  decisions: Array<{ file: F; decision: Decision }>;
  /** Hashes to record for the next run. */
  recorded: Record<string, string>;
}

// crypto.hash: one call, no Hash object (a factory hashes ~3,000 files twice)
export const contentHash = (content: string): string => hash('sha256', content, 'hex').slice(0, 16);

export function reconcile<F extends Desired>(
  files: readonly F[],
  onDisk: (path: string) => string | null,
  recorded: Readonly<Record<string, string>>,
): Reconciled<F> {
  const next: Record<string, string> = { ...recorded };
  const decisions = files.map((file) => {
    const want = contentHash(file.content);
    next[file.path] = want;
    const disk = onDisk(file.path);
    if (disk === null) return { file, decision: 'create' as const };
    const have = contentHash(disk);
    if (have === want) return { file, decision: 'unchanged' as const };
    const last = recorded[file.path];
    // Never recorded: a file we did not write (or a project from before hashes were kept).
    if (last === undefined) return { file, decision: 'conflict' as const };
    if (have === last) return { file, decision: 'update' as const };
    if (want === last) return { file, decision: 'keep-hand-edit' as const };
    return { file, decision: 'conflict' as const };
  });
  return { decisions, recorded: next };
}
