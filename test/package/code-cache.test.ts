// The bin runs its bundle with V8's code cache (lib/load-bundle.ts): the cache a run leaves
// is what the next one uses, and a cache that is corrupt, stale or cannot be written changes
// nothing a user sees.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { BIN } from '../support/cli.js';

const CACHE_DIR = join(PACKAGE_ROOT, 'dist', '.code-cache');
const CACHE = join(CACHE_DIR, 'main.bundle.cjs.v8');

describe('the bin\'s code cache', function () {
  this.timeout(60000);
  const cwd = mkdtempSync(join(tmpdir(), 'pf-code-cache-'));
  const bin = (env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [BIN, '--help'], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  let expected: ReturnType<typeof bin>;

  before(function () {
    expected = bin({ PLONEFACTORY_NO_CODE_CACHE: '1' });
    assert.equal(expected.status, 0);
    assert.match(expected.stdout, /^Usage: plonefactory/);
  });

  after(function () {
    rmSync(cwd, { recursive: true, force: true });
  });

  it('is left by a run and used unchanged by the next', function () {
    rmSync(CACHE, { force: true });
    assert.deepEqual(bin(), expected);
    assert.ok(existsSync(CACHE), 'no cache after a run');
    const made = readFileSync(CACHE);
    const mtime = statSync(CACHE).mtimeMs;
    assert.deepEqual(bin(), expected);
    // V8 accepted it: a rejected or unmatched cache is written anew at exit
    assert.deepEqual(readFileSync(CACHE), made);
    assert.equal(statSync(CACHE).mtimeMs, mtime);
  });

  it('is replaced, with the same output, when corrupt or rejected by V8', function () {
    bin();
    const good = readFileSync(CACHE);
    const stampEnd = 4 + good.readUInt32LE(0);
    for (const bad of [Buffer.from('not a cache'), Buffer.concat([good.subarray(0, stampEnd), Buffer.alloc(good.length - stampEnd, 0x5a)])]) {
      writeFileSync(CACHE, bad);
      assert.deepEqual(bin(), expected);
      const now = readFileSync(CACHE);
      assert.notDeepEqual(now, bad, 'the bad cache was kept');
      assert.equal(now.subarray(0, stampEnd).toString('utf8', 4), good.subarray(0, stampEnd).toString('utf8', 4), 'the new cache is not for this bundle');
    }
  });

  it('costs nothing but time when it cannot be written', function () {
    const moved = `${CACHE_DIR}.moved`;
    rmSync(moved, { recursive: true, force: true });
    renameSync(CACHE_DIR, moved);
    // a file where the folder should be: every write fails (as root, permissions would not)
    writeFileSync(CACHE_DIR, '');
    try {
      const r = bin();
      assert.deepEqual(r, expected);
    } finally {
      rmSync(CACHE_DIR, { force: true });
      renameSync(moved, CACHE_DIR);
    }
  });
});
