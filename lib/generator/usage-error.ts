// A mistake in how a command was called (unknown generator or option, a missing or extra
// argument): exit 2 instead of 1. `code` is what yo's error handler exits with.
export class UsageError extends Error {
  readonly exitCode = 2;
  readonly code = 2;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Ctrl-C (or SIGTERM/SIGHUP) before anything was written: exit 130, as shells expect. */
export class InterruptedError extends Error {
  readonly exitCode = 130;
  readonly code = 130;

  constructor(message = 'interrupted; nothing was written') {
    super(message);
    this.name = 'InterruptedError';
  }
}

/** The exit code an error stands for: 2 usage, 130 interrupted, else 1. */
export function exitCodeOf(error: unknown): number {
  const chosen = error instanceof Error ? (error as Error & { exitCode?: unknown }).exitCode : undefined;
  if (typeof chosen === 'number') return chosen;
  // inquirer's Ctrl-C at a prompt (its classes are not loaded on the direct path: by name)
  if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) return 130;
  return 1;
}
