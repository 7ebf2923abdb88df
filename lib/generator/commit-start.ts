// What the entry point does once a run starts to write (a commit, or the recovery of an
// interrupted one). The bin starts catching SIGINT/SIGTERM/SIGHUP there, not before: a
// JavaScript handler runs only when the event loop turns, so one installed at start would
// hold a signal for as long as the planning's synchronous work lasts (95 s on a crafted
// manifest) and then let the commit go ahead. Until a run writes, a signal's default action
// ends it at once; the lock it leaves names a dead process, which the next run takes over.
let onStart: (() => void) | null = null;

/** Runs `fn` once, when this process first starts to write a project. */
export function whenWritingStarts(fn: () => void): void {
  onStart = fn;
}

export function writingStarts(): void {
  const fn = onStart;
  onStart = null;
  fn?.();
}
