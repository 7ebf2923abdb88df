// A hostile YAML manifest: nested aliases make 464 bytes stand for gigabytes. The reader
// refuses aliases of lists and mappings in one line, messages show a bounded preview of any
// value, and a run given such a file ends at once, a signal included. Mocha's default timeout
// keeps these honest (before: 5-12 s and 730 MB for one level fewer than the run below).
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnswerError, show } from '../../lib/project/answers.js';
import { parseManifest } from '../../lib/factory/manifest.js';
import { BIN, tempDir } from '../support/cli.js';

/** Nine copies of the level before at each level: `levels` levels stand for 9^(levels+1) strings. */
const hostile = (levels: number): string =>
  ['hosts: {web1: {address: 10.0.0.11}}', 'sites: [{name: acme, host: web1}]', 'l0: &l0 [x,x,x,x,x,x,x,x,x]',
    ...Array.from({ length: levels }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(',')}]`),
    `defaults: {plone: *l${levels}}`].join('\n');

describe('a hostile YAML manifest', function () {
  this.timeout(2000);

  it('is refused in one line when an alias repeats a list or a mapping; scalar aliases are kept', function () {
    assert.ok(hostile(9).length < 600);
    assert.throws(() => parseManifest(hostile(9), 'sites.yaml'), (e: unknown) => e instanceof AnswerError && /^sites\.yaml: a YAML alias \(\*name\) repeats a list or a mapping/.test(e.message) && !e.message.includes('\n'));
    const ok = parseManifest('hosts: {web1: {address: &a 10.0.0.11}, web2: {address: *a}}\nsites: [{name: acme, host: web1}]\n', 'sites.yaml');
    assert.deepEqual(Object.entries(ok.hosts).map(([name, h]) => [name, h.address]), [['web1', '10.0.0.11'], ['web2', '10.0.0.11']]);
  });

  it('messages show a bounded preview of a value, however big it stands for', function () {
    let v: unknown = Array(9).fill('x');
    for (let i = 0; i < 12; i++) v = Array(9).fill(v); // 9^13 strings, shared
    const shown = show(v);
    assert.ok(shown.length < 150, shown);
    assert.match(shown, /^"\[\[\[\[/);
  });

  it('a run given one ends at once, and a SIGTERM meanwhile ends it too, writing nothing', async function () {
    const dir = tempDir('hostile-yaml');
    mkdirSync(dir);
    writeFileSync(join(dir, 'sites.yaml'), hostile(10));
    const child = spawn(process.execPath, [BIN, 'factory', 'sites.yaml'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    setTimeout(() => child.kill('SIGTERM'), 150);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    // refused before the signal came, or ended by it (130, or killed: a shell's 143)
    assert.ok((code === 1 && /a YAML alias/.test(stderr)) || code === 130 || signal === 'SIGTERM', `${code} ${signal} ${stderr}`);
    assert.equal(existsSync(join(dir, 'acme')), false);
  });
});
