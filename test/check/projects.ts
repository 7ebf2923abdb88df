// Projects for the check tests: generated through the real bin, or copied from the buildout
// fixtures (hand-written buildouts that plonefactory did not generate, no .yo-rc.json).
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { plonefactory, tempDir } from '../support/cli.js';

export const BUILDOUT_FIXTURES = join(PACKAGE_ROOT, 'test', 'buildout', 'fixtures');

/** `plonefactory --defaults [args]` in a fresh directory; returns the directory. */
export function generated(args: string[] = [], name = 'acme'): string {
  const dir = tempDir(name);
  mkdirSync(dir);
  const r = plonefactory(dir, ['--defaults', ...args]);
  assert.equal(r.status, 0, r.stderr);
  return dir;
}

/** A copy of test/buildout/fixtures/NAME in a fresh directory. */
export function fixture(name: string): string {
  const dir = tempDir(name.replace(/\//g, '-'));
  cpSync(join(BUILDOUT_FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** The one finding a generated project has: its profiles extend the git-ignored secrets.cfg, by design (info). */
export const secretsByDesign = (f: { code: string; severity: string; message: string }): boolean =>
  f.code === 'ignored-extends' && f.severity === 'info' && f.message.includes('etc/secrets.cfg');
