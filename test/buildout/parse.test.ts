// parse/serialize: lossless round trips, and the scanner's reading of a file compared with
// zc.buildout's own configparser on the fixtures and on a few hundred generated files.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { requireTool, PYTHON } from '../support/real-tools.js';
import { defaultContext, evaluateCondition } from '../../lib/buildout/condition.js';
import { BuildoutError } from '../../lib/buildout/errors.js';
import { parse, parseErrorMessage, scan, splitLines } from '../../lib/buildout/parse.js';
import { serialize } from '../../lib/buildout/serialize.js';
import { FIXTURES, REPO } from './real-buildout.js';

function fixtureFiles(dir = FIXTURES): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? fixtureFiles(p) : p.endsWith('.cfg') ? [p] : [];
  });
}

const ODD = [
  '', '\n', '\r\n', '\r', 'a', '[a]', '[a]\n', '[a]\r\nx = 1', '[a]\rx = 1\r', '\n\n\n', ' \t \n',
  '[a]\nx =\n\tone\n\t\ttwo\n', '\ufeff[a]\nx = 1\n', '[a]\nx = 1\r\n\r\n  y\r\n', 'garbage\n[a]\n',
  '[a]\n  indented\nx = 1 # not a comment\n;c\n#c\n', '[a:linux] # c\nx = ${b:c} $$ \u00e9\u2028z\n',
  '[a]\n=> x y\n<= b\n  c\n', '[ a ]\nx+=1\ny  -=  2\nz: 3\n', 'x\r\n\n\r', '[a]\nx = 1\n   \n',
];

// Generated files: lines drawn from the shapes buildout distinguishes, with mixed newlines.
const SHAPES = [
  '[a]', '[b]', '[a] # c', '[a:linux]', '[b:windows]', '[ c ]', 'x = 1', 'x += 2', 'x -= 1', 'y=', 'y =',
  'x+=3', 'z  -=  4', '  cont', '\tcont tab', '    deeper', '', '   ', '# c', '; c', 'bad line', 'k: v',
  '=> p q', '<= a', ' [a]', 'eggs =', '  Plone', '', '  ', 'w = a = b', '[a:python3 and not windows]',
];
function rand(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}
function generated(n: number): string[] {
  const r = rand(42);
  const eols = ['\n', '\n', '\n', '\r\n', '\r'];
  return Array.from({ length: n }, () => {
    const count = Math.floor(r() * 12) + 1;
    let text = r() < 0.9 ? '[s]\n' : '';
    for (let i = 0; i < count; i++) text += SHAPES[Math.floor(r() * SHAPES.length)] + (eols[Math.floor(r() * eols.length)] as string);
    return r() < 0.2 ? text.replace(/(\r\n|\r|\n)$/, '') : text;
  });
}

type Outcome = { ok: true; sections: Record<string, Record<string, string>> } | { ok: false; kind: string; message: string };

function ours(text: string): Outcome {
  const ctx = defaultContext('2.13');
  try {
    const r = scan('<string>', splitLines(text), (e, line) => evaluateCondition(e, ctx, { file: '<string>', line }));
    const fatal = parseErrorMessage('<string>', r.errors);
    if (fatal) return { ok: false, kind: fatal.kind, message: fatal.message };
    const sections: Record<string, Record<string, string>> = {};
    for (const [name, opts] of r.data) sections[name] = Object.fromEntries([...opts].map(([k, v]) => [k, v.value]));
    return { ok: true, sections };
  } catch (e) {
    if (e instanceof BuildoutError) return { ok: false, kind: e.kind, message: e.message };
    throw e;
  }
}

function theirs(texts: string[]): Outcome[] {
  const r = spawnSync(PYTHON, [join(REPO, 'test/buildout/real_configparser.py')], { input: JSON.stringify({ texts }), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return (JSON.parse(r.stdout) as { results: Outcome[] }).results;
}

/** Lines that made the regex scanner backtrack (time growing with the square of their length), with what they mean. */
function hostileLines(n: number): Array<{ text: string; data: Record<string, Record<string, string>>; errors: Array<[number, string]> }> {
  const S = ' '.repeat(n);
  return [
    { text: `[a]\nk = x${S}y\n`, data: { a: { k: `x${S}y` } }, errors: [] },
    { text: `[a]\nk =${S}\n`, data: { a: { k: '' } }, errors: [] },
    { text: `[a]\nk${S}+= v${S}\n`, data: { a: { [`k${S}+`]: 'v' } }, errors: [] },
    { text: `[a${S}`, data: {}, errors: [[1, 'MissingSectionHeaderError']] },
    { text: `[a]\n[b:${S}\n`, data: { a: {} }, errors: [[2, 'ParsingError']] },
    { text: `[${'a'.repeat(n)}\n`, data: {}, errors: [[1, 'MissingSectionHeaderError']] },
    { text: `[a]\n[b${S}]${S}# c\nk = v\n`, data: { a: {}, b: { k: 'v' } }, errors: [] },
    { text: `[a]\nk${S}\n`, data: { a: {} }, errors: [[2, 'ParsingError']] },
  ];
}

describe('buildout parse/serialize', function () {
  it('round-trips every fixture file byte for byte', function () {
    const files = fixtureFiles();
    assert.ok(files.length > 40);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      assert.equal(serialize(parse(text, f)), text, f);
    }
  });

  it('round-trips odd and generated strings', function () {
    for (const t of [...ODD, ...generated(300)]) assert.equal(serialize(parse(t)), t, JSON.stringify(t));
  });

  it('models sections, operators, continuation extents and comments', function () {
    const doc = parse('# top\n[buildout]\nparts =\n    a\n# inside\n    b\n\n[a]\neggs += x\n  y\n<= m\n[a]\nz -= 1\n');
    assert.deepEqual(doc.sections.map((s) => [s.name, s.line, s.end]), [['buildout', 1, 7], ['a', 7, 11], ['a', 11, 13]]);
    const parts = doc.sections[0]?.options[0];
    assert.deepEqual(parts && [parts.key, parts.op, parts.line, parts.end, parts.value], ['parts', '=', 2, 6, 'a\nb']);
    assert.deepEqual(doc.sections[1]?.options.map((o) => [o.key, o.name, o.op, o.value]), [['eggs +', 'eggs', '+=', 'x\ny'], ['<', '<', '<=', 'm']]);
    assert.deepEqual(doc.sections[2]?.options.map((o) => [o.name, o.op]), [['z', '-=']]);
    assert.equal(doc.roles[0], 'comment');
    assert.equal(doc.roles[4], 'comment');
    assert.deepEqual(doc.errors, []);
  });

  it('reports parse errors per line with file and 1-based line', function () {
    const doc = parse('[a]\n  x = 1\nkey: v\n', 'f.cfg');
    assert.deepEqual(doc.errors.map((e) => [e.file, e.line, e.kind]), [['f.cfg', 2, 'ParsingError'], ['f.cfg', 3, 'ParsingError']]);
    assert.equal(parseErrorMessage('f.cfg', doc.errors)?.message, "File contains parsing errors: f.cfg\n\t[line  2]: '  x = 1\\n'\n\t[line  3]: 'key: v\\n'");
    assert.equal(parse('x = 1\n', 'g.cfg').errors[0]?.kind, 'MissingSectionHeaderError');
  });

  it('reads files exactly as zc.buildout configparser does', function () {
    requireTool(this, 'buildout');
    const texts = [...fixtureFiles().map((f) => readFileSync(f, 'utf8')), ...ODD, ...generated(400), ...hostileLines(5_000).map((h) => h.text)];
    const real = theirs(texts);
    const diffs: string[] = [];
    texts.forEach((t, i) => {
      try {
        assert.deepEqual(ours(t), real[i]);
      } catch {
        diffs.push(`${JSON.stringify(t)}\n  ours:   ${JSON.stringify(ours(t))}\n  theirs: ${JSON.stringify(real[i])}`);
      }
    });
    assert.equal(diffs.length, 0, diffs.slice(0, 5).join('\n'));
  });
});

describe('buildout parse on hostile line lengths', function () {
  // mocha's default: the scanner reads each line once, so 1 MB lines parse well within it
  this.timeout(2000);

  it('reads a 1 MB option line, a 1 MB unclosed header and their like right', function () {
    for (const h of hostileLines(1 << 20)) {
      const { data, errors } = scan('big.cfg', splitLines(h.text));
      const got = Object.fromEntries([...data].map(([s, opts]) => [s, Object.fromEntries([...opts].map(([k, v]) => [k, v.value]))]));
      assert.deepEqual(got, h.data, h.text.slice(0, 12));
      assert.deepEqual(errors.map((e) => [e.line, e.kind]), h.errors, h.text.slice(0, 12));
    }
  });
});
