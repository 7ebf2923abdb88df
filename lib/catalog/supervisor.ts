// How a collective.recipe.supervisor `programs` line is written: one place, so every
// fragment's program runs as the project's user the same way.
//
// Syntax (README and the `pattern` regex of collective.recipe.supervisor 0.20, 1.0.0 and
// 2.0.0, identical in all three):
//   priority process_name [(process_opts)] command [[args]] [directory] [redirect_stderr] [user]
// The recipe writes `user = <user>` into the program's section; supervisord (4.x,
// options.drop_privileges) then switches to that user when it runs as root, and accepts the
// line unchanged when it already runs as that very user. supervisor.cfg also sets
// `supervisord-user` (the recipe's name for [supervisord] user=): started as root,
// supervisord itself becomes that user before anything else, so the user's logrotate can
// signal it (found by the deploy test: a root supervisord refused the user's SIGUSR2).

import type { Program } from './process.js';

/** Who every program runs as: the project's system user of defines.cfg. */
export const PROGRAM_USER = '${users:os}';

/** One `programs` line: stderr goes to the program's log (true), and it runs as PROGRAM_USER. */
export function programLine(p: Program): string {
  return [p.priority, p.name, p.command, p.args ? `[${p.args}]` : '', p.directory ?? '', 'true', PROGRAM_USER]
    .filter((f) => f !== '')
    .join(' ');
}
