#!/usr/bin/env node
// `plonefactory`: runs the build's single-file bundle of bin/main.ts with V8's code cache
// (lib/load-bundle.ts). Yeoman's terminal adapter (for questions only) is imported here, by
// a module Node loaded itself, for the bundle cannot import() from its vm.Script.
import { join } from 'node:path';
import { loadBundle } from '../lib/load-bundle.js';

const { run } = loadBundle(join(__dirname, 'main.bundle.cjs')) as typeof import('./main.js');
run(process.argv.slice(2), () => import('@yeoman/adapter'));
