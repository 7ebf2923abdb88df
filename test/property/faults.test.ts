// Faults injected into seeded random operation sequences (fault-sequence.ts): SIGKILL at a
// random point of a run (the bin, killed before a random file-system call), a full disk (a small tmpfs filled to a
// random point, or an injected ENOSPC where none can be mounted), a file or folder the user
// cannot write (the run is `nobody`, the target root's) and a second run racing the first.
// After every step the project is exactly as before it or as after it (every file and
// folder, byte for byte, modes included: a leftover temporary file fails too), with every
// hand edit; a sample of the trees faulted steps leave passes `plonefactory check` and
// resolves in real zc.buildout. Two sequences run at once, one per core.
// PF_SEED=N replays a run (races aside: their outcome depends on timing); PF_FAULT_OPS=N
// sets its length; PF_FAULTS=kill,race keeps only those kinds, pending ones included.
import { strict as assert } from 'node:assert';
import { execFileSync, fork } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { requireTool } from '../support/real-tools.js';
import { FAULT_KINDS, mountSmallDisk, type FaultKind, type SequenceJob, type SequenceReport } from './fault-sequence.js';

const SEED = Number(process.env['PF_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const OPS = Number(process.env['PF_FAULT_OPS'] ?? 1000);
const SEQUENCES = 2;
/** Trees `check` and zc.buildout judge (each costs ~0.3 s), sampled, split across the sequences. */
const JUDGED = 30;
const MAIN = join(PACKAGE_ROOT, 'dist', 'test', 'property', 'fault-sequence-main.js');

/** Kinds that fail for a known reason not yet fixed, with that reason; run them with PF_FAULTS. */
const asked = process.env['PF_FAULTS']?.split(',').filter((k): k is FaultKind => (FAULT_KINDS as readonly string[]).includes(k));
const KINDS = asked ?? FAULT_KINDS;

function runSequence(job: SequenceJob): Promise<SequenceReport> {
  const child = fork(MAIN, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (report: SequenceReport) => resolve(report));
    child.once('exit', (code, signal) => reject(new Error(`the sequence of seed ${job.seed} died (${code ?? signal})`)));
    child.send(job);
  });
}

describe(`faults injected into random operation sequences (PF_SEED=${SEED}, ${OPS} operations)`, function () {
  this.timeout(600000);
  let work = '';
  const disks: string[] = [];

  after(function () {
    for (const disk of disks) execFileSync('umount', [disk]);
    if (work) rmSync(work, { recursive: true, force: true });
  });


  it(`leaves the project exactly as before or as after every step with ${KINDS.join(', ')}, sound, with every hand edit`, async function () {
    requireTool(this, 'buildout');
    work = mkdtempSync(join(tmpdir(), 'pf-faults-'));
    chmodSync(work, 0o755);
    const jobs = Array.from({ length: SEQUENCES }, (_, i): SequenceJob => {
      const own = join(work, `seq${i}`);
      mkdirSync(own);
      const disk = join(own, 'disk');
      const mounted = mountSmallDisk(disk);
      if (mounted) disks.push(disk);
      const ops = Math.floor(OPS / SEQUENCES) + (i < OPS % SEQUENCES ? 1 : 0);
      return { seed: SEED + i, ops, work: own, disk: mounted ? disk : null, kinds: KINDS, keep: Math.ceil(JUDGED / SEQUENCES) };
    });
    const reports = await Promise.all(jobs.map(runSequence));
    const rerun = `(rerun with PF_SEED=${SEED}${asked ? ` PF_FAULTS=${asked.join(',')}` : ''})`;
    for (const rep of reports) if (rep.failure) assert.fail(`${rerun} ${rep.failure}`);

    const sum = (k: keyof SequenceReport['counts']): number => reports.reduce((n, rep) => n + rep.counts[k], 0);
    const total = (k: 'judged' | 'distinct' | 'profiles'): number => reports.reduce((n, rep) => n + rep[k], 0);
    const faults = KINDS.reduce((n, k) => n + sum(k), 0);
    const disk = jobs.every((j) => j.disk) ? 'on a full tmpfs' : 'injected';
    console.log(`      ${sum('ops')} operations, ${faults} faults (${KINDS.map((k) => `${sum(k)} ${k}`).join(', ')}; ENOSPC ${disk}), ${sum('refused')} refused, ${sum('handEdits')} hand edits; ${total('judged')} of ${total('distinct')} trees faults left checked and resolved (${total('profiles')} profiles)`);
    assert.ok(faults >= OPS / 5, `${rerun} only ${faults} faults in ${OPS} operations`);
  });
});
