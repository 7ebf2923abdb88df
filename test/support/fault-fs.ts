// Faults at a chosen point of a commit, from outside the code under test: node:fs's
// functions that change a folder are wrapped, every call below `root` is counted, and the
// `at`-th one kills the process (SIGKILL), fails as a full or broken disk would (ENOSPC,
// EIO), or pauses so that a second run can race it. Counting first with no action gives
// how many points a commit has, so a test can pick one uniformly.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';

export type FaultAction =
  | { kind: 'kill' }
  /** Only calls that write data count: only they can hit a full disk. */
  | { kind: 'fail'; code: 'ENOSPC' | 'EIO' }
  /** Writes PAUSED to stderr, then waits for `goFile` to exist, at most `maxMs`. */
  | { kind: 'pause'; goFile: string; maxMs: number };

export interface FaultPlan { root: string; at: number; action: FaultAction }
export interface FsCall { fn: string; path: string; data: boolean }

export const PAUSED = 'PF-FAULT-PAUSED';

type AnyFn = (...args: unknown[]) => unknown;
/** fn -> which argument is the path (or fd), and whether the call writes data. */
const PATH_CALLS: Record<string, { arg: number; data: boolean }> = {
  writeFileSync: { arg: 0, data: true }, appendFileSync: { arg: 0, data: true }, copyFileSync: { arg: 1, data: true },
  cpSync: { arg: 1, data: true }, renameSync: { arg: 1, data: false }, linkSync: { arg: 1, data: false },
  symlinkSync: { arg: 1, data: false }, rmSync: { arg: 0, data: false }, unlinkSync: { arg: 0, data: false },
  rmdirSync: { arg: 0, data: false }, mkdirSync: { arg: 0, data: false }, mkdtempSync: { arg: 0, data: false },
  chmodSync: { arg: 0, data: false }, chownSync: { arg: 0, data: false }, lchownSync: { arg: 0, data: false },
  utimesSync: { arg: 0, data: false }, truncateSync: { arg: 0, data: false },
};
const FD_CALLS: Record<string, { data: boolean }> = {
  writeSync: { data: true }, fsyncSync: { data: false }, fdatasyncSync: { data: false },
  ftruncateSync: { data: false }, fchmodSync: { data: false }, fchownSync: { data: false },
};
const WRITE_FLAGS = fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_APPEND;

export interface FaultFs {
  /** Starts counting calls below plan.root; `at` 0 only counts. */
  arm(plan: FaultPlan): void;
  disarm(): void;
  /** The calls counted since arm, and the one the fault hit (if it did). */
  calls(): readonly FsCall[];
  fired(): FsCall | null;
  uninstall(): void;
}

let installed: FaultFs | null = null;

export function installFaultFs(): FaultFs {
  if (installed) return installed;
  const fsm = fs as unknown as Record<string, AnyFn>;
  const originals = new Map<string, AnyFn>();
  const fds = new Map<number, string>();
  let plan: FaultPlan | null = null;
  let seen: FsCall[] = [];
  let hit: FsCall | null = null;
  let count = 0;
  const below = (p: unknown): string | null => {
    if (plan === null || (typeof p !== 'string' && !Buffer.isBuffer(p))) return null;
    const abs = resolve(String(p));
    return abs === plan.root || abs.startsWith(plan.root + sep) ? abs : null;
  };
  const point = (call: FsCall): void => {
    if (plan === null) return;
    seen.push(call);
    if (plan.action.kind === 'fail' && !call.data) return;
    if (++count !== plan.at) return;
    hit = call;
    const action = plan.action;
    if (action.kind === 'kill') {
      process.kill(process.pid, 'SIGKILL');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
    } else if (action.kind === 'fail') {
      const message = action.code === 'ENOSPC' ? 'no space left on device' : 'i/o error';
      throw Object.assign(new Error(`${action.code}: ${message}, ${call.fn.replace(/Sync$/, '')} '${call.path}'`), { code: action.code, syscall: call.fn.replace(/Sync$/, ''), path: call.path });
    } else {
      originals.get('writeSync')?.call(fs, 2, `${PAUSED}\n`);
      const cell = new Int32Array(new SharedArrayBuffer(4));
      for (let waited = 0; waited < action.maxMs && !(originals.get('existsSync') as AnyFn)(action.goFile); waited += 2) Atomics.wait(cell, 0, 0, 2);
    }
  };
  const wrap = (name: string, make: (orig: AnyFn) => AnyFn): void => {
    const orig = fsm[name];
    if (typeof orig !== 'function') return;
    originals.set(name, orig);
    fsm[name] = make(orig);
  };
  originals.set('existsSync', fsm['existsSync'] as AnyFn);
  for (const [name, spec] of Object.entries(PATH_CALLS)) {
    wrap(name, (orig) => function (this: unknown, ...args: unknown[]) {
      const path = below(args[spec.arg]) ?? (name === 'renameSync' ? below(args[0]) : null);
      if (path !== null) point({ fn: name, path, data: spec.data });
      return orig.apply(this, args);
    });
  }
  wrap('openSync', (orig) => function (this: unknown, ...args: unknown[]) {
    const path = below(args[0]);
    const flags = args[1] ?? 'r';
    const writes = typeof flags === 'number' ? (flags & WRITE_FLAGS) !== 0 : /[wa+]/.test(String(flags));
    if (path !== null && writes) point({ fn: 'openSync', path, data: false });
    const fd = orig.apply(this, args) as number;
    if (path !== null && writes) fds.set(fd, path);
    return fd;
  });
  wrap('closeSync', (orig) => function (this: unknown, ...args: unknown[]) {
    fds.delete(args[0] as number);
    return orig.apply(this, args);
  });
  for (const [name, spec] of Object.entries(FD_CALLS)) {
    wrap(name, (orig) => function (this: unknown, ...args: unknown[]) {
      const path = plan === null ? undefined : fds.get(args[0] as number);
      if (path !== undefined) point({ fn: name, path, data: spec.data });
      return orig.apply(this, args);
    });
  }
  syncBuiltinESMExports();
  installed = {
    arm(p) {
      plan = { ...p, root: resolve(p.root) };
      seen = [];
      hit = null;
      count = 0;
    },
    disarm() {
      plan = null;
    },
    calls: () => seen,
    fired: () => hit,
    uninstall() {
      for (const [name, orig] of originals) fsm[name] = orig;
      syncBuiltinESMExports();
      installed = null;
    },
  };
  return installed;
}
