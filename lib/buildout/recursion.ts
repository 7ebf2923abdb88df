// zc.buildout recurses where a chain goes deep (a reference to a reference, an extends of an
// extends, a macro of a macro), and Python stops it at 1,000 frames with RecursionError. The
// depths below are the deepest chains that still resolve, measured with real zc.buildout 2.13
// and 5.2 (the same for both) run as test/support/real_buildout.py runs them; one level more
// fails with the message beside it (Python's words vary with where the limit strikes; these
// are what one level more gives). A chain reached from deeper in buildout's own calls fails
// a few levels earlier in Python, so near these depths we may resolve what it refuses.
import { BuildoutError } from './errors.js';

export const RECURSION_LIMITS = {
  /** ${a:v} -> ${b:v} -> ...: references followed from one value. */
  substitution: { depth: 198, message: 'maximum recursion depth exceeded while calling a Python object' },
  /** root -> extends -> extends ...: files open at once. */
  extends: { depth: 979, message: 'maximum recursion depth exceeded while calling a Python object' },
  /** [a] <= b, [b] <= c ...: macros expanded at once. */
  macro: { depth: 979, message: 'maximum recursion depth exceeded while calling a Python object' },
} as const;

/** Throws buildout's RecursionError once `depth` passes the chain's limit. */
export function checkDepth(kind: keyof typeof RECURSION_LIMITS, depth: number, where?: { file: string; line: number }): void {
  const limit = RECURSION_LIMITS[kind];
  if (depth > limit.depth) throw new BuildoutError('RecursionError', limit.message, where);
}
