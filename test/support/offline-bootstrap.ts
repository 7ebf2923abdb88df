// STAND-IN for a line's bootstrap (the generated README's `python3 -m venv .` and
// `bin/pip install -r requirements.txt`, which need PyPI): createVenv's offline bootstrap,
// as a command a deployment runs in the project's folder.
//   node offline-bootstrap.js WORLD_ROOT      (WORLD_ROOT: the offline world of test/support/deploy.ts)
import { createVenv, offlineWorld } from './deploy.js';

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: offline-bootstrap.js WORLD_ROOT (run in the project folder)\n');
  process.exit(2);
}
const r = createVenv(offlineWorld(root, process.cwd()));
process.stdout.write(r.output);
process.exit(r.status ?? 1);
