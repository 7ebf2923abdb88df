// A process that runs one plonefactory command with a fault armed (test/support/fault-fs.ts),
// so the fault can be a real SIGKILL, or a pause a second run races. The parent forks it
// ahead of time (it says "ready" once loaded), sends one job, and it exits after that job.
import { installFaultFs, type FaultPlan } from '../support/fault-fs.js';
import { runCommand, type CommandResult } from '../support/run-command.js';

export interface WorkerJob { argv: string[]; cwd: string; plan: FaultPlan }
export type WorkerReply = { ready: true } | (CommandResult & { fired: boolean });

const faults = installFaultFs();
process.once('message', (job: WorkerJob) => {
  faults.arm(job.plan);
  void runCommand(job.argv, job.cwd).then((result) => {
    const fired = faults.fired() !== null;
    faults.disarm();
    const reply: WorkerReply = { ...result, fired };
    process.send?.(reply, () => process.exit(0));
  });
});
process.send?.({ ready: true } satisfies WorkerReply);
