// `check` on a buildout nobody trusts: it shows no text of files that are not configs, masks
// secret values and control characters, reads no symlink out of the project, checks only what
// the roots read, and reports deep chains and bad bytes in real zc.buildout's words (2.13 and
// 5.2 judge), never with a raw Node error.
import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireTool } from '../support/real-tools.js';
import { fileTree, plonefactory } from '../support/cli.js';
import { runRealBuildoutWith, type RealResult } from '../buildout/real-buildout.js';

interface JsonFinding { file: string; line: number; code: string; severity: string; message: string }

const project = (files: Record<string, string | Buffer>): string => fileTree('p', files);

const checkJson = (dir: string): JsonFinding[] => JSON.parse(plonefactory(dir, ['check', '--all', '--json']).stdout) as JsonFinding[];

const check = (dir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string; json: JsonFinding[] } => {
  const human = plonefactory(dir, ['check', '--all', ...args], { CI_SECRET_TOKEN: 'sentinel-6f1d2e' });
  const json = JSON.parse(plonefactory(dir, ['check', '--all', '--json', ...args]).stdout) as JsonFinding[];
  return { ...human, json };
};

/** What real zc.buildout 2.13 and 5.2 say of each root (one process each): `Kind: message`, or ok. */
function real(configs: string[]): string[][] {
  const said = (['2.13', '5.2'] as const).map((v) => runRealBuildoutWith(v, configs, null).results.map((r: RealResult) => (r.ok ? 'ok' : `${r.kind}: ${r.message}`)));
  return configs.map((_, i) => [said[0]?.[i] ?? '', said[1]?.[i] ?? '']);
}

describe('check on hostile buildouts', function () {
  it('never prints the text of a file that is no buildout config (extends = /proc/self/environ)', function () {
    const dir = project({ 'buildout.cfg': '[buildout]\nparts =\nextends = /proc/self/environ\n' });
    const r = check(dir);
    assert.equal(r.status, 1, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /sentinel-6f1d2e|PATH=/);
    assert.deepEqual(r.json.map((f) => [f.file, f.line, f.code]), [['/proc/self/environ', 1, 'parse-error']]);
  });

  it('masks the value of an option named like a secret in a quoted bad line, and cuts long lines', function () {
    const dir = project({
      'buildout.cfg': '[buildout]\nparts =\nextends = secrets.cfg\n',
      'secrets.cfg': `[secrets]\nadmin-password: hunter2-chosen-by-me\napi_token = ok\nplain: ${'x'.repeat(5000)}\n`,
    });
    const r = check(dir);
    assert.doesNotMatch(r.stdout, /hunter2-chosen-by-me/);
    assert.match(r.stdout, /secrets\.cfg:2: error: parse-error: .*'admin-password: hu\*{6} \(20 characters\)'/);
    assert.match(r.stdout, /secrets\.cfg:4: error: parse-error: .*\.\.\. \(5007 characters\)/);
    assert.ok(r.stdout.length < 1200, r.stdout);
  });

  it('escapes control characters of file names and lines in human and JSON output', function () {
    const evil = 'x\u001b]0;pwned\u0007\u009b31m.cfg';
    const dir = project({ 'buildout.cfg': `[buildout]\nparts =\nextends = ${evil}\n`, [evil]: '[a]\nbad line \u001b[2J\n' });
    const r = check(dir);
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    assert.match(r.stdout, /x\\x1b\]0;pwned\\x07\\x9b31m\.cfg:2: error: parse-error/);
    const raw = plonefactory(dir, ['check', '--json']).stdout;
    assert.doesNotMatch(raw, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    assert.equal((JSON.parse(raw) as JsonFinding[])[0]?.file.endsWith(evil), true);
  });

  it('reports a dangling symlink extends as buildout does, and reads file:// extends as buildout does', function () {
    requireTool(this, 'buildout');
    requireTool(this, 'buildout5');
    const dir = project({ 'buildout.cfg': '[buildout]\nparts =\nextends = gone.cfg\n' });
    symlinkSync('nowhere.cfg', join(dir, 'gone.cfg'));
    symlinkSync('nowhere.cfg', join(dir, 'stray.cfg'));
    const r = check(dir);
    assert.equal(r.stderr, '');
    assert.deepEqual(r.json.map((f) => [f.line, f.code]), [[3, 'missing-extends']]);
    assert.match(r.json[0]?.message ?? '', /No such file or directory: '.*gone\.cfg'/);
    const url = project({ 'other.cfg': '[site]\nname = from-the-url\n' });
    writeFileSync(join(url, 'buildout.cfg'), `[buildout]\nparts = p\nextends = file://${url}/other.cfg\n[p]\nrecipe = r\nv = \${site:name} \${site:nothing}\n`);
    const u = check(url);
    assert.equal(u.stderr, '');
    assert.deepEqual(u.json.map((f) => [f.line, f.code]), [[6, 'unresolved-reference']]);
    const [dangling, fileUrl] = real([join(dir, 'buildout.cfg'), join(url, 'buildout.cfg')]);
    for (const said of dangling ?? []) assert.match(said, /^FileNotFoundError: \[Errno 2\] No such file or directory: '.*gone\.cfg'$/);
    for (const said of fileUrl ?? []) assert.equal(said, 'MissingOption: Referenced option does not exist: site nothing');
  });

  it('fails on bytes that are not UTF-8 where real buildout does, with its words, file and line', function () {
    requireTool(this, 'buildout');
    requireTool(this, 'buildout5');
    const big = Buffer.concat([Buffer.from('[x]\n' + 'a'.repeat(8187)), Buffer.from([0xe2, 0x82, 0xac, 0x62, 0xe9, 0x0a])]);
    const cases = ([[Buffer.from('[x]\ny = 1\nz = caf\xe9\n', 'latin1'), 3], [big, 2]] as const)
      .map(([bad, line]) => ({ line, dir: project({ 'buildout.cfg': '[buildout]\nparts =\nextends = bad.cfg\n', 'bad.cfg': bad }) }));
    const real2 = real(cases.map((c) => join(c.dir, 'buildout.cfg')));
    cases.forEach(({ dir, line }, i) => {
      const said = real2[i] ?? [];
      assert.equal(said[0], said[1]);
      assert.match(said[0] ?? '', /^UnicodeDecodeError: /);
      const r = check(dir);
      assert.deepEqual(r.json.map((f) => [f.file.slice(dir.length + 1), f.line, f.code, f.message]), [['bad.cfg', line, 'load-error', `zc.buildout stops with ${said[0]}`]]);
    });
  });

  it('stops deep ${} and <= chains and extends chains where real buildout does, in its words', function () {
    requireTool(this, 'buildout');
    requireTool(this, 'buildout5');
    const subst = (n: number): Record<string, string> => ({ 'buildout.cfg': '[buildout]\nparts = p\n[p]\nrecipe = x\nv = ${a0:v}\n' + Array.from({ length: n }, (_, i) => `[a${i}]\nv = \${a${i + 1}:v}\n`).join('') + `[a${n}]\nv = end\n` });
    const macro = (n: number): Record<string, string> => ({ 'buildout.cfg': '[buildout]\nparts = p\n[p]\nrecipe = x\n<= a0\n' + Array.from({ length: n }, (_, i) => `[a${i}]\n<= a${i + 1}\n`).join('') + `[a${n}]\nv = end\n` });
    const chain = (n: number): Record<string, string> => Object.fromEntries([
      ['buildout.cfg', '[buildout]\nparts =\nextends = e0.cfg\n'], ...Array.from({ length: n }, (_, i) => [`e${i}.cfg`, `[buildout]\nextends = e${i + 1}.cfg\n`]), [`e${n}.cfg`, '[x]\ny = 1\n'],
    ]);
    // one level either side of where real buildout stops for references, then the depths of the
    // issue (the extends and macro pairs, 977 files and 978 macros, are left to the measurement
    // in lib/buildout/recursion.ts: real buildout takes minutes over them, re-expanding every chain)
    const words = 'RecursionError: maximum recursion depth exceeded while calling a Python object';
    const pairs = ([[subst, 197]] as const).map(([make, ok]) => [project(make(ok)), project(make(ok + 1))] as const);
    const said = real(pairs.flat().map((d) => join(d, 'buildout.cfg')));
    assert.deepEqual(said, pairs.flatMap(() => [['ok', 'ok'], [words, words]]));
    for (const [pass, stop] of pairs) {
      assert.deepEqual(checkJson(pass).filter((f) => f.severity === 'error'), []);
      const found = checkJson(stop);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.match(found[0]?.message ?? '', new RegExp(words));
      assert.ok((found[0]?.line ?? 0) > 0);
    }
    for (const files of [subst(20_000), chain(5_000), macro(1_500)]) {
      const r = plonefactory(project(files), ['check', '--all', '--json']);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 1);
      assert.deepEqual((JSON.parse(r.stdout) as JsonFinding[]).map((f) => f.message.match(/RecursionError: maximum recursion depth exceeded/)?.[0]), ['RecursionError: maximum recursion depth exceeded']);
    }
  });

  it('checks only configs the roots read: a venv and rendered etc/*.cfg are none', function () {
    const dir = project({
      'buildout.cfg': '[buildout]\nparts =\n',
      // what `python3 -m venv .` writes, as the generated README bootstraps
      'pyvenv.cfg': 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\nexecutable = /usr/bin/python3.11\ncommand = /usr/bin/python3 -m venv /srv/acme\n',
      'etc/haproxy.cfg': 'global\n  maxconn 256\ndefaults\n  mode http\n',
      'parts/x/setup.cfg': 'metadata\n',
    });
    const r = check(dir);
    assert.deepEqual(r.json, []);
    assert.equal(r.status, 0);
  });

  it('reads no symlink that leads out of the project', function () {
    const outside = project({ 'private.cfg': '[a]\nthis line is private sentinel-6f1d2e\n' });
    const dir = project({ 'buildout.cfg': '[buildout]\nparts =\nextends = profiles/base.cfg\n' });
    mkdirSync(join(dir, 'profiles'));
    symlinkSync(join(outside, 'private.cfg'), join(dir, 'profiles', 'base.cfg'));
    const r = check(dir);
    assert.doesNotMatch(r.stdout + r.stderr + JSON.stringify(r.json), /sentinel-6f1d2e/);
    assert.equal(r.status, 1);
    assert.deepEqual(r.json.map((f) => [f.file.slice(dir.length + 1), f.code]), [['profiles/base.cfg', 'load-error']]);
    assert.match(r.json[0]?.message ?? '', /symlink out of the project/);
  });
});
