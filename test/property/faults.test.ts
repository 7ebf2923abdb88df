// Faults injected into seeded random operation sequences: SIGKILL at a random point of a
// commit (in a forked worker), a full disk (a small tmpfs filled to a random point, or an
// injected ENOSPC where none can be mounted), a file or folder the user cannot write (run
// as `nobody`, the target owned by root) and a second run racing the first. After every
// step the project must be exactly as before the step or exactly as after it (every file
// and folder, byte for byte, modes included, so a leftover temporary file fails too), with
// every hand edit; the trees faulted steps leave are checked by `plonefactory check` and
// resolved by real zc.buildout. PF_SEED=N replays a run; PF_FAULT_OPS=N sets its length.
import { strict as assert } from 'node:assert';
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, lchownSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MODULES } from '../../lib/catalog/modules.js';
import { LEVELS, COMPONENTS_BY_LEVEL } from '../../lib/catalog/stack.js';
import { runCheck } from '../../lib/generator/run-check.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { profileRoot, resolveWithBuildout } from '../support/buildout.js';
import { installFaultFs, PAUSED, type FaultFs, type FaultPlan, type FsCall } from '../support/fault-fs.js';
import { requireTool } from '../support/real-tools.js';
import { runCommand, type CommandResult } from '../support/run-command.js';
import { AS_ROOT } from '../support/service-user.js';
import { readTree, sameTree, treeDiff, type Tree } from '../support/tree.js';
import type { WorkerJob, WorkerReply } from './fault-worker.js';
import { appOptions, handEditOperations, profileFiles, rng, type HandEdit, type Rng } from './operations.js';

const SEED = Number(process.env['PF_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const OPS = Number(process.env['PF_FAULT_OPS'] ?? 1000);
/** Of the commands that change files, the share that gets a fault. */
const FAULT_RATE = 0.5;
/** Trees `check` and zc.buildout judge at most (each costs ~0.2 s), sampled by the seed. */
const JUDGED = 40;
const WORKER = join(PACKAGE_ROOT, 'dist', 'test', 'property', 'fault-worker.js');

type FaultKind = 'kill' | 'enospc' | 'eacces' | 'race';
/** Each kind with its weight; PF_FAULTS=kill,race keeps only those (to replay one kind). */
const FAULTS: ReadonlyArray<[FaultKind, number]> = ([['kill', 3], ['enospc', 3], ['eacces', 3], ['race', 1]] as Array<[FaultKind, number]>)
  .filter(([k]) => !process.env['PF_FAULTS'] || process.env['PF_FAULTS'].split(',').includes(k));

/** The cheapest run of a command: lists the catalog (after finishing an interrupted commit). */
const SETTLE = ['module'];
const MODULE_NAMES = [...Object.keys(MODULES), 'nosuch'];

/** A random command line, valid or not, of a command that writes the project. */
function commandLine(r: Rng, dir: string): string[] {
  const kind = r.pick(['app', 'app', 'module', 'module', 'remove', 'stack', 'stack', 'profile']);
  if (kind === 'app') return ['app', ...Object.entries(appOptions(r)).flatMap(([k, v]) => [`--${k}`, v])];
  if (kind === 'module') return ['module', r.pick(MODULE_NAMES)];
  if (kind === 'remove') {
    const stored = (JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['generator-plonefactory']?.modules ?? []) as string[];
    return ['module', '--remove', stored.length && r.chance(0.8) ? r.pick(stored) : r.pick(MODULE_NAMES)];
  }
  if (kind === 'stack') {
    const level = r.pick([...LEVELS, 'storage']);
    const known = (COMPONENTS_BY_LEVEL as Record<string, readonly string[]>)[level] ?? [];
    return ['stack', level, r.pick([...known, 'none', 'lighttpd'])];
  }
  const from = r.pick([undefined, 'production', 'preproduction', 'development', 'staging', 'nosuch']);
  return ['profile', r.pick(['jenkins', 'staging', 'demo', 'qa', 'Bad Name']), ...(from ? ['--from', from] : [])];
}

/** Forked fault workers, one always loaded ahead so a SIGKILL case pays no start-up. */
class Workers {
  private spare: Promise<ChildProcess> | null = null;

  private start(): Promise<ChildProcess> {
    const child = fork(WORKER, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    return new Promise((resolve, reject) => {
      child.once('message', () => resolve(child));
      child.once('exit', (code, signal) => reject(new Error(`fault worker died loading (${code ?? signal})`)));
    });
  }

  /** Runs one job; resolves when the worker is gone: killed, or done with its reply. */
  async run(job: WorkerJob, onPause?: () => Promise<void>): Promise<{ signal: NodeJS.Signals | null; reply: WorkerReply | null; stderr: string }> {
    const child = await (this.spare ?? this.start());
    this.spare = this.start();
    let reply: WorkerReply | null = null;
    let stderr = '';
    let paused: Promise<void> = Promise.resolve();
    child.on('message', (m: WorkerReply) => { reply = m; });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (onPause && stderr.includes(PAUSED) && !stderr.slice(0, -chunk.length).includes(PAUSED)) paused = onPause();
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', (_code, sig) => resolve(sig));
      child.send(job);
    });
    await paused;
    return { signal, reply, stderr };
  }

  async close(): Promise<void> {
    const spare = await this.spare?.catch(() => null);
    spare?.kill('SIGKILL');
  }
}

/** A tmpfs for the project, so a full disk is a real one; null where none can be mounted. */
function mountSmallDisk(at: string): boolean {
  if (!AS_ROOT) return false;
  mkdirSync(at);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0755', 'pf-faults', at], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const PAGE = 4096;
const pagesOf = (tree: Tree, path: string): number => {
  const v = tree.get(path);
  return v?.startsWith('file ') ? Math.ceil((v.length - v.indexOf(' ', 5) - 1) / PAGE) : 0;
};

/** Paths that differ between two trees. */
const changed = (a: Tree, b: Tree): string[] => [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));

const treeKey = (t: Tree): string => createHash('sha256').update(JSON.stringify([...t])).digest('hex');

describe(`faults injected into random operation sequences (PF_SEED=${SEED}, ${OPS} operations)`, function () {
  this.timeout(600000);
  let work = '';
  let disk: string | null = null;
  let faults: FaultFs | null = null;
  const workers = new Workers();

  after(async function () {
    faults?.uninstall();
    await workers.close();
    if (disk) execFileSync('umount', [disk]);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('leaves the project exactly as before or as after every faulted step, sound, with every hand edit', async function () {
    requireTool(this, 'buildout');
    work = mkdtempSync(join(tmpdir(), 'pf-faults-'));
    chmodSync(work, 0o755);
    disk = mountSmallDisk(join(work, 'disk')) ? join(work, 'disk') : null;
    const dir = join(disk ?? work, 'site');
    const ref = join(work, 'ref', 'site');
    const ballast = join(disk ?? work, 'ballast');
    mkdirSync(dir);
    mkdirSync(dirname(ref));
    const f = installFaultFs();
    faults = f;
    const r = rng(SEED);
    const edits: HandEdit[] = [];
    const handEdits = handEditOperations(dir, edits);
    const history: string[] = [];
    const fail = (msg: string): never => assert.fail(`seed ${SEED} (rerun with PF_SEED=${SEED}), step ${history.length}: ${msg}\nlast steps:\n  ${history.slice(-8).join('\n  ')}`);
    const counts: Record<FaultKind | 'ops' | 'refused' | 'noop', number> = { ops: 0, refused: 0, noop: 0, kill: 0, enospc: 0, eacces: 0, race: 0 };
    const left = new Set<string>();
    const copies: string[] = [];

    /** The tree an unfaulted run leaves, run on a copy of `start` (and the fs calls it made there). */
    const reference = async (argv: string[], start: Tree): Promise<{ tree: Tree; calls: readonly FsCall[] }> => {
      writeTree(ref, start);
      f.arm({ root: ref, at: 0, action: { kind: 'kill' } });
      await runCommand(argv, ref);
      const calls = f.calls();
      f.disarm();
      return { tree: readTree(ref), calls };
    };
    const expectOneLine = (label: string, res: CommandResult): void => {
      if (res.error?.includes('\n')) fail(`${label}: error is not one line: ${res.error}`);
    };
    const checkEdits = (label: string): void => {
      for (const edit of edits) {
        let text = '';
        try {
          text = readFileSync(join(dir, edit.file), 'utf8');
        } catch {
          fail(`${label} deleted ${edit.file}, which has a hand edit`);
        }
        if (!text.includes(edit.needle)) fail(`${label} lost the hand edit ${JSON.stringify(edit.needle)} in ${edit.file}`);
      }
    };

    /** Runs argv on dir with the fault; returns what the run said and where the fault hit. */
    const inject = async (kind: FaultKind, argv: string[], before: Tree, after: Tree, calls: readonly FsCall[]): Promise<{ said: string; allowed: Tree[] }> => {
      const at = (n: number): number => 1 + Math.floor(r.next() * n);
      if (kind === 'kill') {
        const plan: FaultPlan = { root: dir, at: at(calls.length), action: { kind: 'kill' } };
        const { signal, reply } = await workers.run({ argv, cwd: dir, plan });
        const where = calls[plan.at - 1];
        return { said: signal === 'SIGKILL' ? `killed before ${where?.fn} ${where?.path.slice(ref.length + 1)}` : `not killed: ${JSON.stringify(reply)}`, allowed: [before, after] };
      }
      if (kind === 'enospc') {
        const need = changed(before, after).reduce((n, p) => n + pagesOf(after, p), 0);
        const free = Math.floor(r.next() * need);
        let res: CommandResult;
        if (disk) {
          const st = statfsSync(disk);
          writeFileSync(ballast, Buffer.alloc(Math.max(0, (st.bavail - free) * st.bsize)));
          try {
            res = await runCommand(argv, dir);
          } finally {
            rmSync(ballast, { force: true });
          }
        } else {
          f.arm({ root: dir, at: at(calls.filter((c) => c.data).length), action: { kind: 'fail', code: 'ENOSPC' } });
          res = await runCommand(argv, dir);
          f.disarm();
        }
        expectOneLine(argv.join(' '), res);
        return { said: `${free} of ${need} pages free: ${res.error ?? 'done'}`, allowed: res.code === 0 ? [after] : [before, after] };
      }
      if (kind === 'eacces') {
        const targets = changed(before, after).flatMap((p) => {
          let d = p;
          const out = before.has(p) ? [p] : [];
          do d = dirname(d); while (d !== '.' && !before.has(d));
          return [...out, d];
        });
        const target = r.pick(targets);
        const res = await asOtherUser(dir, target, () => runCommand(argv, dir), () => runCommand(SETTLE, dir));
        expectOneLine(argv.join(' '), res);
        return { said: `${target} not writable: ${res.error ?? 'done'}`, allowed: res.code === 0 ? [after] : [before, after] };
      }
      // race: B runs in this process while the worker running argv (A) is paused at a random
      // point of its run; whichever succeeded must be wholly there, in some order.
      const other = commandLine(r, dir);
      const b = (await reference(other, before)).tree;
      const ba = (await reference(other, after)).tree;
      const ab = (await reference(argv, b)).tree;
      const go = join(work, 'go');
      rmSync(go, { force: true });
      let resB: CommandResult | null = null;
      const plan: FaultPlan = { root: dir, at: at(calls.length), action: { kind: 'pause', goFile: go, maxMs: 300 } };
      const { reply } = await workers.run({ argv, cwd: dir, plan }, async () => {
        resB = await runCommand(other, dir);
        writeFileSync(go, '');
      });
      const okA = reply !== null && 'code' in reply && reply.code === 0;
      const okB = (resB as CommandResult | null)?.code === 0;
      const allowed = okA && okB ? [ab, ba] : okA ? [after, ab, ba] : okB ? [b, ab, ba] : [before, after, b, ab, ba];
      return { said: `raced by ${other.join(' ')}: A ${okA ? 'done' : 'failed'}, B ${okB ? 'done' : `failed`}`, allowed };
    };

    /** SIGKILL in the run that finishes an interrupted commit, at a random point of it. */
    const killSettle = async (): Promise<string> => {
      const { calls } = await reference(SETTLE, readTree(dir));
      if (!calls.length) return 'nothing to recover';
      const plan: FaultPlan = { root: dir, at: 1 + Math.floor(r.next() * calls.length), action: { kind: 'kill' } };
      const { signal } = await workers.run({ argv: SETTLE, cwd: dir, plan });
      const where = calls[plan.at - 1];
      return signal === 'SIGKILL' ? `killed before ${where?.fn} ${where?.path.slice(ref.length + 1)}` : 'not killed';
    };

    await runCommand(['app', '--defaults', '--name', 'site'], dir);
    const spent: Record<string, number> = {};
    let t0 = performance.now();
    let tag = 'init';
    const tick = (next: string): void => { const t = performance.now(); spent[tag] = (spent[tag] ?? 0) + t - t0; t0 = t; tag = next; };
    for (let step = 1; step <= OPS; step++) {
      tick('other');
      counts.ops++;
      if (r.chance(0.12)) {
        history.push(`${step} ${r.pick(handEdits).run(r)}`);
        continue;
      }
      const argv = commandLine(r, dir);
      const label = `plonefactory ${argv.join(' ')}`;
      const before = readTree(dir);
      const faulted = r.chance(FAULT_RATE);
      tick(`${argv[0]}${faulted ? '-f' : ''}`);
      if (!faulted) {
        const res = await runCommand(argv, dir);
        history.push(`${step} ${res.code ? 'err' : 'ok '} ${label}${res.error ? `: ${res.error.split('\n')[0]}` : ''}`);
        if (res.code) {
          counts.refused++;
          expectOneLine(label, res);
          if (!sameTree(readTree(dir), before)) fail(`${label} failed (${res.error}) but changed ${treeDiff(before, readTree(dir))}`);
        }
        checkEdits(label);
        continue;
      }
      const { tree: after, calls } = await reference(argv, before);
      if (sameTree(before, after)) {
        counts.noop++;
        history.push(`${step} --  ${label} (changes nothing: no fault)`);
        continue;
      }
      const needsSpace = changed(before, after).some((p) => pagesOf(after, p) > 0);
      const kinds = FAULTS.filter(([k]) => k !== 'enospc' || needsSpace);
      if (!kinds.length) {
        writeTree(dir, after);
        history.push(`${step} ok  ${label} (no fault of PF_FAULTS fits)`);
        continue;
      }
      const kind = weightedPick(r, kinds);
      counts[kind]++;
      tick(kind);
      const { said, allowed } = await inject(kind, argv, before, after, calls);
      history.push(`${step} ${kind} ${label}: ${said}`);
      // Left mid-commit, the project must not pass `check` (it reports the interrupted
      // commit); the next run of any command finishes or undoes it, first.
      const landed = readTree(dir);
      if (!allowed.some((t) => sameTree(t, landed))) {
        if (r.chance(0.25) && runCheck({ cwd: dir, profiles: [], json: false }).exitCode === 0) fail(`${kind} in ${label} (${said}) left the project half-changed and check calls it clean: ${treeDiff(after, landed)}`);
        if (kind === 'kill' && r.chance(0.5)) history.push(`${step} kill the next run too: ${await killSettle()}`);
      }
      tick('settle');
      const settled = await runCommand(SETTLE, dir);
      if (settled.code) fail(`the run after ${kind} in ${label} (${said}) failed: ${settled.error}`);
      const now = readTree(dir);
      if (!allowed.some((t) => sameTree(t, now))) {
        fail(`${kind} in ${label} (${said}) left the project neither as before nor as after: vs before: ${treeDiff(before, now)}; vs after: ${treeDiff(after, now)}`);
      }
      checkEdits(label);
      // A uniform sample (reservoir) of the distinct trees faulted steps leave, judged below.
      const key = treeKey(now);
      if (left.has(key)) continue;
      left.add(key);
      const slot = copies.length < JUDGED ? copies.length : Math.floor(r.next() * left.size);
      if (slot < JUDGED) {
        const copy = join(work, `judged-${step}`);
        if (copies[slot]) rmSync(copies[slot], { recursive: true });
        cpSync(dir, copy, { recursive: true });
        copies[slot] = copy;
      }
    }

    tick('judge');
    console.log(Object.entries(spent).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`).join(', '));
    // The sampled trees: `check` clean, every profile resolved by real zc.buildout.
    for (const copy of copies) {
      const { output, exitCode } = runCheck({ cwd: copy, profiles: [], json: false });
      if (exitCode !== 0) fail(`check is not clean on the tree left at ${copy}: ${output.split('\n').slice(0, 3).join(' | ')}`);
    }
    const configs = copies.flatMap((copy) => profileFiles(copy).map((p) => profileRoot(copy, p.slice('profiles/'.length, -'.cfg'.length))));
    for (const res of await resolveWithBuildout(configs)) {
      if (!res.ok) fail(`${res.config} does not resolve in zc.buildout: ${res.kind}: ${res.message}`);
    }
    const injected = counts.kill + counts.enospc + counts.eacces + counts.race;
    console.log(`      ${counts.ops} operations, ${injected} faults (${counts.kill} SIGKILL, ${counts.enospc} ENOSPC${disk ? ' on a full tmpfs' : ' injected'}, ${counts.eacces} EACCES, ${counts.race} races), ${counts.refused} refused, ${edits.length} hand edits; ${copies.length} of ${left.size} trees left checked and resolved (${configs.length} profiles)`);
    assert.ok(injected >= OPS / 5, `only ${injected} faults in ${OPS} operations`);
  });
});

function weightedPick<T>(r: Rng, items: ReadonlyArray<[T, number]>): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let x = r.next() * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1]![0];
}

/** Makes dir hold exactly `tree` (which readTree made of a project). */
function writeTree(dir: string, tree: Tree): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const [path, v] of tree) {
    const [type, mode] = v.split(' ', 2) as [string, string];
    const abs = join(dir, path);
    if (type === 'dir') mkdirSync(abs);
    else if (type === 'file') writeFileSync(abs, Buffer.from(v.slice(type.length + mode.length + 2), 'latin1'));
    chmodSync(abs, parseInt(mode, 8));
  }
}

/**
 * Runs fn with `target` (a path in dir) not writable for the running user: as root, the
 * project is handed to `nobody` and fn runs as nobody (seteuid) with the target still
 * root's, so the kernel refuses as it would another user; otherwise the target loses its w
 * bits. Then the target is writable again and `then` runs, as the same user.
 */
async function asOtherUser<T>(dir: string, target: string, fn: () => Promise<T>, then: () => Promise<unknown>): Promise<T> {
  const abs = join(dir, target);
  if (!AS_ROOT) {
    const mode = lstatSync(abs).mode & 0o7777;
    chmodSync(abs, mode & ~0o222);
    try {
      return await fn();
    } finally {
      try {
        chmodSync(abs, mode);
      } catch { /* the run replaced or removed it */ }
      await then();
    }
  }
  const nobody = 65534;
  for (const path of readTree(dir).keys()) lchownSync(join(dir, path), nobody, nobody);
  lchownSync(dir, nobody, nobody);
  lchownSync(abs, 0, 0);
  process.seteuid?.(nobody);
  try {
    return await fn();
  } finally {
    // the user makes the target theirs again and runs once more, as the same user
    process.seteuid?.(0);
    try {
      lchownSync(abs, nobody, nobody);
    } catch { /* the run replaced or removed it */ }
    process.seteuid?.(nobody);
    try {
      await then();
    } finally {
      process.seteuid?.(0);
    }
  }
}
