// Under yo: whether Yeoman's adapter can ask. Its terminal adapter, asked a question with no
// terminal, ends the run with exit 0 and nothing written; we refuse earlier, with the
// options to pass instead. Recognised by name rather than `instanceof`, so this module
// loads nothing of Yeoman's.

export function canPrompt(adapter: unknown): boolean {
  // yeoman-environment wraps the real adapter in a QueuedAdapter; look through it.
  const actual = (adapter as { actualAdapter?: unknown } | null)?.actualAdapter ?? adapter;
  const name = (actual as { constructor?: { name?: string } } | null)?.constructor?.name;
  // Other adapters (yeoman-test's, an IDE's) answer without a terminal.
  if (name !== 'TerminalAdapter') return true;
  return process.stdin.isTTY === true;
}
