// `plonefactory check` through the real bin: exit codes, human and --json output, file:line.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { plonefactory, snapshot, tempDir } from '../support/cli.js';
import { extendsCache } from '../support/extends-cache.js';
import { fixture, generated, secretsByDesign } from './projects.js';

interface JsonFinding { file: string; line: number; code: string; severity: string; message: string }

const parseJson = (stdout: string): JsonFinding[] => JSON.parse(stdout) as JsonFinding[];
/** `file:line code` of each finding, paths relative to dir. */
const places = (dir: string, findings: JsonFinding[]): string[] => findings.map((f) => `${f.file.slice(dir.length + 1)}:${f.line} ${f.code}`);
/** The finding lines of the human output (the summary line left out). */
const humanLines = (stdout: string): string[] => stdout.trimEnd().split('\n').slice(0, -1);
/** `file:line code` of each human finding line (`file:line: severity: code: message`). */
const humanPlaces = (stdout: string): string[] => humanLines(stdout).map((l) => { const [where, , code] = l.split(': '); return `${where} ${code}`; });
const onlyOurLine = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('plonefactory: '));

// errors and warnings: what check shows by default (duplicate-egg and the [instance-extra]
// difference are info: true, harmless, shown with --all)
const TRAPS = [
  'profiles/addons.cfg:15 pin-conflict',
  'profiles/broken.cfg:3 parse-error',
  'profiles/project.cfg:2 undefined-part',
  'profiles/project.cfg:18 port-conflict',
  'profiles/project.cfg:27 unresolved-reference',
];


describe('plonefactory check as a user runs it', function () {
  this.timeout(120000);
  let project: string;

  before(function () {
    project = generated();
  });

  it('on a freshly generated project reports nothing (the secrets.cfg by design only with --all), and writes nothing', function () {
    const before = snapshot(project);
    const r = plonefactory(project, ['check', '--extends-cache', extendsCache()]);
    assert.match(r.stdout, /^clean: no findings in 5 profiles \(development, preproduction, production, standalone, buildout\.cfg\) under zc\.buildout 3\.x rules \(Plone 6\.2 in \.yo-rc\.json runs zc\.buildout 5\.x\); 4 info not shown \(--all shows them\)\n$/m);
    const json = parseJson(plonefactory(project, ['check', '--json', '--all', '--extends-cache', extendsCache()]).stdout);
    assert.deepEqual(json.filter((f) => !secretsByDesign(f)).map((f) => `${f.file}:${f.line} ${f.code}`), []);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(snapshot(project), before, 'check wrote to the project');
  });

  it('--json on a project with nothing to report prints an empty array and nothing else', function () {
    const r = plonefactory(fixture('check/clean'), ['check', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '[]\n');
  });

  it('without a cache, reads pin URLs as empty, notes them, and still checks everything else', function () {
    const r = plonefactory(project, ['check', 'production']);
    // unread pins: an egg without a pin is not reported (its pin may be in the URL), a range still is
    assert.deepEqual(parseJson(plonefactory(project, ['check', '--json', 'production']).stdout), []);
    assert.match(r.stdout, /in 1 profile \(production\)/);
    assert.match(r.stdout, /\nnote: 3 extends URLs not read offline, their pins not checked \(give --extends-cache DIR\): https:\/\/dist\.plone\.org\/release\/6\.2\.2\/versions\.cfg /);
    // The rest of the profile is still resolved: a trap after the URLs is found.
    const dir = generated([], 'trap-no-cache');
    appendFileSync(join(dir, 'profiles/production.cfg'), '\n[supervisor]\nprograms =\n    10 other /bin/true true\n');
    const trap = plonefactory(dir, ['check', 'production']);
    assert.equal(trap.status, 1, trap.stdout);
    assert.match(trap.stdout, /^profiles\/production\.cfg:\d+: error: discarded-values: \[supervisor\] programs = here discards/m);
  });

  it('reads extends URLs from the [buildout] extends-cache the project sets', function () {
    const dir = generated([], 'cached');
    writeFileSync(join(dir, 'buildout.cfg'), `[buildout]\nextends = profiles/development.cfg\nextends-cache = ${extendsCache()}\n`);
    const r = plonefactory(dir, ['check', 'buildout.cfg']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    // development extends the git-ignored secrets.cfg, by design: info
    assert.match(r.stdout, /^clean: no findings in 1 profile \(buildout\.cfg\).*; 1 info not shown/m);
    assert.doesNotMatch(r.stdout, /note:/);
    // the same cache folder, empty: the URLs are noted as unread again
    const empty = tempDir('empty-cache');
    mkdirSync(empty);
    const miss = plonefactory(dir, ['check', 'development', '--extends-cache', empty]);
    assert.equal(miss.status, 0, miss.stderr);
    assert.match(miss.stdout, /\nnote: 3 extends URLs not read offline/);
  });

  it('reports the zopeskel.unis `parts =` trap at each fragment that drops parts, in human and --json output', function () {
    const dir = fixture('unis-trap');
    const human = plonefactory(dir, ['check']);
    assert.equal(human.status, 1, human.stderr);
    const unis = ['etc/backup.cfg:2 discarded-values', 'etc/balancer.cfg:2 discarded-values', 'etc/cache.cfg:2 discarded-values', 'etc/supervisor.cfg:2 discarded-values'];
    assert.deepEqual(humanPlaces(human.stdout), unis);
    assert.match(human.stdout, /^etc\/cache\.cfg:2: error: discarded-values: \[buildout\] parts = here discards PIL plonesite, set by etc\/base\.cfg:2 \(=\)/m);
    assert.match(human.stdout, /\n4 findings \(4 errors\) in 1 profile \(buildout\.cfg\) under zc\.buildout 2\.13 rules \(no Plone line in \.yo-rc\.json\)\n$/);
    const json = plonefactory(dir, ['check', '--json']);
    assert.equal(json.status, 1, json.stderr);
    assert.deepEqual(places(dir, parseJson(json.stdout)), unis);
  });

  it('reports operator, pin, egg, port, reference, part and parse traps with file:line', function () {
    const dir = fixture('check/traps');
    const human = plonefactory(dir, ['check']);
    assert.equal(human.status, 1, human.stderr);
    assert.deepEqual(humanPlaces(human.stdout), TRAPS);
    assert.match(human.stdout, /^profiles\/addons\.cfg:15: error: pin-conflict: Plone is pinned to 5\.2\.15 here and to 5\.2\.4 at profiles\/project\.cfg:21/m);
    const json = plonefactory(dir, ['check', '--json']);
    assert.equal(json.status, 1);
    assert.deepEqual(places(dir, parseJson(json.stdout)), TRAPS);
  });

  it('--json prints one array of {file, line, code, severity, message}, absolute paths, and nothing else on stdout', function () {
    const dir = fixture('check/traps');
    const r = plonefactory(dir, ['check', '--json']);
    const findings: unknown = JSON.parse(r.stdout);
    assert.ok(Array.isArray(findings));
    for (const f of findings as Record<string, unknown>[]) {
      assert.deepEqual(Object.keys(f).sort(), ['code', 'file', 'line', 'message', 'severity']);
      assert.ok(f['severity'] === 'error' || f['severity'] === 'warning', String(f['severity']));
      assert.ok(typeof f['file'] === 'string' && f['file'].startsWith(dir + '/'), String(f['file']));
      assert.ok(Number.isInteger(f['line']) && (f['line'] as number) >= 0);
      assert.ok(typeof f['code'] === 'string' && typeof f['message'] === 'string');
    }
    assert.equal(r.stdout, JSON.stringify(findings, null, 2) + '\n');
  });

  it('checks only the profiles named', function () {
    const dir = fixture('check/traps');
    const r = plonefactory(dir, ['check', '--json', 'broken']);
    assert.equal(r.status, 1);
    // every .cfg is parsed on its own, whatever the profile; broken.cfg resolves nothing more
    assert.deepEqual(places(dir, parseJson(r.stdout)), ['profiles/broken.cfg:3 parse-error']);
    const prod = plonefactory(dir, ['check', 'profiles/production.cfg']);
    assert.match(prod.stdout, /in 1 profile \(production\)/);
  });

  it('--buildout chooses the rules; default is the Plone line\'s, else 2.13', function () {
    const dir = fixture('sibling-trap-2');
    // its one finding is a warning (2.13 and 3.x differ): exit 0 unless --strict
    const r213 = plonefactory(dir, ['check']);
    const r3 = plonefactory(dir, ['check', '--buildout', '3']);
    assert.equal(r213.status, 0);
    assert.match(r213.stdout, /under zc\.buildout 2\.13 rules \(no Plone line in \.yo-rc\.json\)\n$/);
    assert.equal(r3.status, 0);
    assert.match(r3.stdout, /under zc\.buildout 3\.x rules \(--buildout 3\)\n$/);
    const old = generated(['--plone', '4.3'], 'old');
    const r = plonefactory(old, ['check', '--extends-cache', extendsCache()]);
    assert.match(r.stdout, /under zc\.buildout 2\.13 rules \(Plone 4\.3 in \.yo-rc\.json runs zc\.buildout 2\.x\); 4 info not shown \(--all shows them\)\n$/);
  });

  it('exits 2 with one `plonefactory:` line on an unknown profile, outside a project, and on bad options', function () {
    const cases: Array<[string, string[], RegExp]> = [
      [project, ['check', 'nope'], /^plonefactory: unknown profile "nope" \(profiles here: development, preproduction, production, standalone; /],
      [project, ['check', '--json', 'production', 'nope.cfg'], /^plonefactory: unknown profile "nope\.cfg"/],
      [project, ['check', '--buildout', '4.x'], /^plonefactory: --buildout 4\.x: expected 2\.13 or 3$/],
      [project, ['check', '--stritc'], /^plonefactory: unknown option --stritc \(did you mean --strict\?\); the options of check are: --json, --all, --strict, --buildout, --manifest, --extends-cache, --help$/],
      [project, ['check', '--extends-cache', '/nonexistent/cache'], /^plonefactory: --extends-cache \/nonexistent\/cache: no such directory$/],
    ];
    const outside = tempDir('outside');
    mkdirSync(outside);
    // a .cfg that runs nothing (no parts, no extends) is not an entry point
    writeFileSync(join(outside, 'notes.cfg'), '[buildout]\n');
    cases.push([outside, ['check'], /^plonefactory: .* is not a buildout \(no \.cfg file in it, no profiles\/\)/]);
    for (const [cwd, args, message] of cases) {
      const r = plonefactory(cwd, args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '', args.join(' '));
      const ours = onlyOurLine(r.stderr);
      assert.equal(ours.length, 1, r.stderr);
      assert.match(ours[0] ?? '', message);
    }
  });
});

// check's report goes to fd 1 without process.stdout (lib/write-stdout.ts): a long report must
// arrive whole through a pipe, and a reader that leaves early (`| head`) must not make it fail.
describe('the bin writing its report to a pipe', function () {
  const writer = (bytes: number): string =>
    `${JSON.stringify(process.execPath)} -e 'require(${JSON.stringify(join(PACKAGE_ROOT, 'dist/lib/write-stdout.js'))}).writeStdout("x".repeat(${bytes}) + "\\n")'`;

  it('delivers every byte of a report far larger than a pipe buffer', function () {
    const r = spawnSync('bash', ['-c', `${writer(3_000_000)} | wc -c`], { encoding: 'utf8' });
    assert.equal(r.stdout.trim(), '3000001');
    assert.equal(r.stderr, '');
  });

  it('exits 0, silently, when the reader stops reading', function () {
    const r = spawnSync('bash', ['-c', `${writer(3_000_000)} | head -c 5; echo " writer exit \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    assert.equal(r.stdout, 'xxxxx writer exit 0\n');
    assert.equal(r.stderr, '');
  });
});
