// The bench entry's work, bundled by the build and run by bench/resolve-profiles.cts: resolve
// root configs with our resolver in one process and print what the real buildout shim
// (test/support/real_buildout.py) prints: parts, install order, every section.
// Usage: node dist/bench/resolve-profiles.cjs [--mode 2.13|3] [--extends-cache DIR] ROOT.cfg...
import { resolveProfile, type Mode } from '../lib/buildout/resolve.js';
import { BuildoutError } from '../lib/buildout/errors.js';
import { newLoadCache } from '../lib/buildout/load.js';
import { writeStdout } from '../lib/write-stdout.js';

function parseArgs(argv: string[]): { mode: Mode; extendsCache: string | undefined; configs: string[] } {
  let mode: Mode = '2.13';
  let extendsCache: string | undefined;
  const configs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--mode') mode = argv[++i] === '3' ? '3' : '2.13';
    else if (a === '--extends-cache') extendsCache = argv[++i];
    else configs.push(a);
  }
  return { mode, extendsCache, configs };
}

const { mode, extendsCache, configs } = parseArgs(process.argv.slice(2));
// one batch: files shared by the profiles are read and parsed once
const cache = newLoadCache();
const results = configs.map((config) => {
  try {
    const r = resolveProfile(config, { mode, extendsCache, cache });
    return { config, ok: true, parts: r.parts, installOrder: r.installOrder, sections: r.sections };
  } catch (e) {
    if (!(e instanceof BuildoutError)) throw e;
    return { config, ok: false, kind: e.kind, message: e.message };
  }
});
writeStdout(JSON.stringify({ results }));
