// Bench entry: the resolver (bench/resolve-main.cts) built and run the way the bin runs
// bin/main.ts, as one bundled file with V8's code cache. Arguments: see resolve-main.cts.
import { join } from 'node:path';
import { loadBundle } from '../lib/load-bundle.js';

loadBundle(join(__dirname, 'resolve-main.bundle.cjs'));
