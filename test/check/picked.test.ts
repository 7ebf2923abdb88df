// What stopped the first real install (issue 11): under allow-picked-versions = false, a pin
// that is a range or an egg with no pin ("Picked: mr.developer = 2.0.4"), and an extends of a
// file that a fresh clone lacks (git-ignored) or that does not exist. Judged where it can be
// by the real zc.buildout: the values its rule reads (easy_install.py counts a [versions]
// value starting with < or > as not exact, in 2.13 and 5.2 alike).
import { strict as assert } from 'node:assert';
import { cpSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { profileRoot, resolveWithRealBuildout } from '../support/buildout.js';
import { fileTree, plonefactory, tempDir } from '../support/cli.js';
import { extendsCache } from '../support/extends-cache.js';
import { requireTool } from '../support/real-tools.js';

interface JsonFinding { file: string; line: number; code: string; severity: string; message: string }

const TODAY = join(PACKAGE_ROOT, 'test', 'fixtures', 'generated-6.2-ranges');

function json(dir: string, args: string[]): { status: number | null; findings: JsonFinding[] } {
  const r = plonefactory(dir, ['check', '--json', ...args]);
  return { status: r.status, findings: JSON.parse(r.stdout) as JsonFinding[] };
}

const places = (dir: string, fs: JsonFinding[]): string[] => fs.map((f) => `${f.file.slice(dir.length + 1)}:${f.line} ${f.severity} ${f.code}`);

const buildout = (files: Record<string, string>): string => fileTree('picked', files);

describe('check catches what stopped the first install (issue 11)', function () {
  this.timeout(120000);

  it('reports the picked-version trap on the generator\'s output before issue 11', async function () {
    requireTool(this, 'buildout5');
    const dir = tempDir('today');
    cpSync(TODAY, dir, { recursive: true });
    renameSync(join(dir, 'gitignore'), join(dir, '.gitignore'));
    const { status, findings } = json(dir, ['production', '--extends-cache', extendsCache()]);
    assert.equal(status, 1);
    const picked = findings.filter((f) => f.code === 'picked-version');
    const mr = picked.find((f) => f.message.startsWith('[versions] mr.developer = >=2.0,<2.1 is a range'));
    assert.ok(mr, JSON.stringify(picked, null, 1));
    assert.equal(`${mr.file.slice(dir.length + 1)}:${mr.line} ${mr.severity}`, 'profiles/etc/versions.cfg:20 error');
    // a plonefactory project's secrets.cfg is git-ignored by design, and `plonefactory` writes a clone its own: info
    const all = json(dir, ['production', '--all', '--extends-cache', extendsCache()]).findings;
    assert.ok(all.some((f) => f.code === 'ignored-extends' && f.file === join(dir, 'profiles/production.cfg') && f.line === 7 && f.severity === 'info'));
    // what real zc.buildout 5.2 resolves: strict pinning on, and mr.developer's pin a range
    const [real] = (await resolveWithRealBuildout('5.2', [profileRoot(dir, 'production')])).results;
    assert.ok(real?.ok, JSON.stringify(real));
    assert.equal(real.sections['buildout']?.['allow-picked-versions'], 'false');
    assert.match(real.sections['versions']?.['mr.developer'] ?? '', /^[<>]/);
    // every range the check reports is one in the real resolution
    for (const f of picked) {
      const egg = /^\[versions\] (\S+) = /.exec(f.message)?.[1];
      if (egg) assert.match(real.sections['versions']?.[egg] ?? '', /^[<>]/, egg);
    }
    // development does not pin strictly: no picked-version there
    assert.deepEqual(json(dir, ['development', '--extends-cache', extendsCache()]).findings.filter((f) => f.code === 'picked-version'), []);
  });

  it('blames a range at its pin and an egg with no pin at the part that needs it; exact pins and develop eggs are fine', function () {
    const dir = buildout({
      'buildout.cfg': `[buildout]
parts = app test
allow-picked-versions = false
develop = src/my.egg

[versions]
collective.recipe.template = 2.2
zc.recipe.egg = 2.0.7
zc.recipe.testrunner = >=4.0,<5
pinned.egg = 1.0

[app]
recipe = collective.recipe.template
input = inline:x
output = \${buildout:directory}/x

[test]
recipe = zc.recipe.testrunner
eggs =
    pinned.egg
    loose.egg
    exact.egg ==2.0
    my.egg
`,
    });
    const { status, findings } = json(dir, []);
    assert.equal(status, 1);
    assert.deepEqual(places(dir, findings), ['buildout.cfg:9 error picked-version', 'buildout.cfg:19 error picked-version']);
    assert.match(findings[0]?.message ?? '', /^\[versions\] zc\.recipe\.testrunner = >=4\.0,<5 is a range, and allow-picked-versions = false: .*"Picked: zc\.recipe\.testrunner = \.\.\."/);
    assert.match(findings[1]?.message ?? '', /^loose\.egg \(the eggs of part test\) has no pin in \[versions\]/);
    // the same buildout without strict pinning: nothing is picked-version
    writeFileSync(join(dir, 'buildout.cfg'), `[buildout]\nparts =\n\n[versions]\nzc.recipe.testrunner = >=4.0,<5\n`);
    assert.deepEqual(json(dir, []).findings, []);
  });

  it('does not report eggs without a pin when pins could not be read (an extends URL offline), but still the ranges', function () {
    const dir = buildout({
      'buildout.cfg': `[buildout]
extends = https://dist.plone.org/release/6.2.2/versions.cfg
parts = app
allow-picked-versions = false

[versions]
mr.developer = >=2.0,<2.1

[app]
recipe = collective.recipe.template
`,
    });
    const r = plonefactory(dir, ['check']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^buildout\.cfg:7: error: picked-version: \[versions\] mr\.developer = >=2\.0,<2\.1 is a range/m);
    assert.doesNotMatch(r.stdout, /collective\.recipe\.template/);
    assert.match(r.stdout, /\nnote: 1 extends URL not read offline/);
  });

  it('reports an extends of a missing file at its line, as buildout\'s error reads, and of a git-ignored one', function () {
    const dir = buildout({
      'dev.cfg': '[buildout]\nextends =\n    base.cfg\n# a comment line inside the value is not part of it\n    local.cfg\n    nothere.cfg\nparts =\n',
      'base.cfg': '[buildout]\nparts =\n',
      'local.cfg': '[x]\ny = 1\n',
      '.gitignore': '# local settings\n/local.cfg\n*.pyc\n',
    });
    const { status, findings } = json(dir, []);
    assert.equal(status, 1);
    // dev.cfg is an entry point (no buildout.cfg needed); base.cfg and local.cfg are extended by it
    assert.deepEqual(places(dir, findings), ['dev.cfg:5 error ignored-extends', 'dev.cfg:6 error missing-extends']);
    assert.match(findings[1]?.message ?? '', /^extends nothere\.cfg: no such file; zc\.buildout stops with "\[Errno 2\] No such file or directory: '.*\/nothere\.cfg'"$/);
    const human = plonefactory(dir, ['check']).stdout;
    assert.match(human, /in 1 profile \(dev\.cfg\)/);
  });
});

describe('check on any buildout: entry points, severities, --all and --strict', function () {
  this.timeout(120000);

  it('checks the root files no other root file extends when there is no buildout.cfg', function () {
    const dir = buildout({
      'base.cfg': '[buildout]\nparts = a\n\n[a]\nrecipe = r\nv = ${missing:x}\n',
      'dev.cfg': '[buildout]\nextends = base.cfg\n',
      'prod.cfg': '[buildout]\nextends = base.cfg\nparts += b\n\n[b]\nrecipe = r\n',
      'versions-only.cfg': '[versions]\nfoo = 1.0\n',
    });
    const r = plonefactory(dir, ['check']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^base\.cfg:6: error: unresolved-reference: \[a\] v: \$\{missing:x\} names section \[missing\], which is not defined$/m);
    assert.match(r.stdout, /in 2 profiles \(dev\.cfg, prod\.cfg\)/);
    // any config file can be named, wherever it is
    assert.match(plonefactory(dir, ['check', 'base.cfg']).stdout, /in 1 profile \(base\.cfg\)/);
  });

  it('shows info only with --all, exits 1 only for errors, and for warnings with --strict', function () {
    const dir = buildout({
      'buildout.cfg': `[buildout]
extends = fragment.cfg
parts = a

[a]
recipe = r
eggs =
    one
    one
v = \${project-settings:eggs}

[unused]
v = \${nowhere:x}
`,
      'fragment.cfg': '[project-settings]\neggs += fragment.addon\n',
    });
    // under 3.x rules ${project-settings:eggs} resolves; under 2.13 it does not (an error there)
    const rules = ['--buildout', '3'];
    const shown = json(dir, rules);
    assert.equal(shown.status, 0);
    // [project-settings] eggs: `+=` on a section nothing declared differs between 2.13 and 3.x
    assert.deepEqual(places(dir, shown.findings), ['fragment.cfg:2 warning version-dependent']);
    assert.equal(json(dir, [...rules, '--strict']).status, 1);
    const all = json(dir, [...rules, '--all']);
    assert.deepEqual(places(dir, all.findings), [
      'buildout.cfg:7 info duplicate-egg', 'buildout.cfg:13 info unresolved-reference', 'fragment.cfg:2 warning version-dependent',
    ]);
    assert.match(all.findings[1]?.message ?? '', /\(nothing buildout install reads uses this section\)$/);
    assert.deepEqual(places(dir, json(dir, []).findings), ['buildout.cfg:10 error unresolved-reference', 'fragment.cfg:2 warning version-dependent']);
    assert.equal(json(dir, []).status, 1);
    const human = plonefactory(dir, ['check', ...rules]);
    assert.match(human.stdout, /\n1 finding \(1 warning\) in 1 profile \(buildout\.cfg\) under .*; 2 info not shown \(--all shows them\)\n$/);
  });
});
