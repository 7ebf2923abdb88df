// The bin at a real terminal (a pseudo-terminal driven by test/support/pty_run.py): it asks
// per file in conflict and one "no" writes nothing; Ctrl-C at a question exits 130; the
// factory shows its progress.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { BIN, copyProject, defaultProject, plonefactory, snapshot, tempDir } from '../support/cli.js';

const PTY_RUN = join(PACKAGE_ROOT, 'test', 'support', 'pty_run.py');

/** Runs the bin at a terminal: each step waits for a pattern in the output, then types keys. */
function atTerminal(cwd: string, args: string[], steps: Array<[string, string]>): { status: number | null; output: string } {
  const r = spawnSync('python3', [PTY_RUN, JSON.stringify(steps), cwd, process.execPath, BIN, ...args], { encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { status: number | null; output: string };
}

describe('the bin at a terminal', function () {
  this.timeout(120000);
  let base: string;

  before(function () {
    base = defaultProject();
  });

  it('asks about each file in conflict; "no" to one writes nothing', function () {
    const dir = copyProject(base);
    appendFileSync(join(dir, 'templates/nginx.conf.in'), '# mine\n');
    const before = snapshot(dir);
    const r = atTerminal(dir, ['stack', 'http', 'apache'], [['Overwrite it\\?', 'n\r']]);
    assert.match(r.output, /templates\/nginx\.conf\.in has hand edits this run would overwrite/);
    assert.equal(r.status, 1, r.output);
    assert.match(r.output, /kept your edits in templates\/nginx\.conf\.in, so nothing was written/);
    assert.deepEqual(snapshot(dir), before);
  });

  it('Ctrl-C at a question exits 130 with nothing written', function () {
    const dir = copyProject(base);
    const before = snapshot(dir);
    const r = atTerminal(dir, ['stack'], [['Level to switch', '\x03']]);
    assert.equal(r.status, 130, r.output);
    assert.deepEqual(snapshot(dir), before);
  });

  it('factory and check --manifest show the sites done of total, and a pipe gets none of it', function () {
    const dir = tempDir('sites');
    mkdirSync(dir);
    writeFileSync(join(dir, 'sites.json'), JSON.stringify({ hosts: { web1: { address: '10.0.0.1' } }, sites: ['a', 'b', 'c'].map((name) => ({ name, host: 'web1', domain: `${name}.example.com` })) }));
    const r = atTerminal(dir, ['factory', 'sites.json'], []);
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /2\/3 sites/);
    const piped = plonefactory(dir, ['factory', 'sites.json']);
    assert.equal(piped.status, 0);
    assert.equal(piped.stderr, '');
    assert.ok(!/\/3 sites|\x1b/.test(piped.stdout));
    // check --manifest over the sites, the same way
    const checked = atTerminal(dir, ['check', '--manifest', 'sites.json'], []);
    assert.equal(checked.status, 0, checked.output);
    assert.match(checked.output, /2\/3 sites/);
    const checkPiped = plonefactory(dir, ['check', '--manifest', 'sites.json']);
    assert.equal(checkPiped.status, 0);
    assert.equal(checkPiped.stderr, '');
    assert.ok(!/\/3 sites|\x1b/.test(checkPiped.stdout));
  });
});
