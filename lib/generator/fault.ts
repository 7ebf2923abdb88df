// A fault injected by tests at a named point of a commit, so they can prove what a SIGKILL, a
// signal or a failed write at that very point leaves behind. Users never set it; unset, every
// call is one property lookup.
//
// PLONEFACTORY_TEST_FAULT = FAULT[,FAULT...], each FAULT = POINT[:N][=ACTION]
//   POINT   where (N counts the times this process reached it, from 1; default 1):
//           locked          the project's lock is taken (a factory: every lock) and any interrupted
//                           commit finished, before planning
//           stage-write     before the Nth new file is written into the staging folder
//           journal         every file staged, before the journal is written
//           after-journal   the journal is on disk, before the first rename
//           after-rename    after the Nth rename (or delete) of a commit
//           after-commit    every rename done, before the staging folder is removed
//           recover-rename  after the Nth rename of a recovery: rolling an interrupted commit forward or
//                           back, or a failed commit undoing its renames
//   ACTION  what happens there (default SIGKILL):
//           SIGKILL SIGTERM SIGINT SIGHUP SIGSTOP   the process sends itself that signal
//           ENOSPC EACCES EIO EROFS                 the operation at that point fails with that errno
// Example: PLONEFACTORY_TEST_FAULT=after-rename:2 kills the process right after its second rename;
// PLONEFACTORY_TEST_FAULT=stage-write:3=ENOSPC makes the third staged write fail as a full disk.
// The counts start afresh whenever the variable's value changes (for tests that commit in-process).

export type FaultPoint = 'locked' | 'stage-write' | 'journal' | 'after-journal' | 'after-rename' | 'after-commit' | 'recover-rename';

const SIGNALS = new Set(['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGSTOP']);
const ERRNOS = new Set(['ENOSPC', 'EACCES', 'EIO', 'EROFS']);

interface Fault { point: string; n: number; action: string }

let faults: Fault[] = [];
let parsedFrom: string | undefined;
const reached = new Map<string, number>();

function parse(spec: string): Fault[] {
  return spec.split(',').filter(Boolean).map((one) => {
    const m = /^([a-z-]+)(?::(\d+))?(?:=([A-Z]+))?$/.exec(one.trim());
    const action = m?.[3] ?? 'SIGKILL';
    if (!m || !(SIGNALS.has(action) || ERRNOS.has(action))) throw new Error(`PLONEFACTORY_TEST_FAULT: ${JSON.stringify(one)} is not POINT[:N][=ACTION]`);
    return { point: m[1] as string, n: Number(m[2] ?? 1), action };
  });
}

/** Called at each point; does nothing unless a test asked for a fault there. */
export function fault(point: FaultPoint): void {
  const spec = process.env['PLONEFACTORY_TEST_FAULT'];
  if (!spec) return;
  if (spec !== parsedFrom) {
    faults = parse(spec);
    parsedFrom = spec;
    reached.clear();
  }
  const n = (reached.get(point) ?? 0) + 1;
  reached.set(point, n);
  for (const f of faults) {
    if (f.point !== point || f.n !== n) continue;
    if (SIGNALS.has(f.action)) process.kill(process.pid, f.action as NodeJS.Signals);
    else throw Object.assign(new Error(`${f.action} (injected at ${point}:${n})`), { code: f.action });
  }
}
