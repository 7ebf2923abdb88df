// A process that runs one fault sequence (fault-sequence.ts) and reports it: the property
// test runs two at once, one per core.
import { runFaultSequence, type SequenceJob } from './fault-sequence.js';

process.once('message', (job: SequenceJob) => {
  void runFaultSequence(job).then((report) => process.send?.(report, () => process.exit(0)));
});
