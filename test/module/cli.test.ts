// `plonefactory module` as a user runs it: the bin, no TTY, one process per command.
import { strict as assert } from 'node:assert';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_HELPER_EGGS } from '../../lib/catalog/dev-helpers.js';
import { lines, profileRoot, resolveWithBuildout } from '../support/buildout.js';
import { plonefactory, snapshot, tempDir, type CliResult } from '../support/cli.js';
import { requireTool } from '../support/real-tools.js';
import { contents, project, PROFILES } from './support.js';

const COMMON = ['etc/versions.cfg', 'etc/defines.cfg', 'etc/secrets.cfg', 'etc/base.cfg', 'etc/project.cfg', 'etc/sources.cfg'];

function ok(dir: string, args: string[]): CliResult {
  const r = plonefactory(dir, ['module', ...args]);
  assert.equal(r.status, 0, `module ${args.join(' ')}: ${r.stderr}`);
  return r;
}

// Yeoman logs to stderr, the bin's direct path to stdout: what the user sees is both.
const said = (r: CliResult): string => r.stdout + r.stderr;
const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');
const stored = (dir: string): Record<string, unknown> => JSON.parse(read(dir, '.yo-rc.json'))['generator-plonefactory'];

/** The `[buildout] extends` entries of a profile, in order. */
function extendsOf(dir: string, profile: string): string[] {
  const text = read(dir, `profiles/${profile}.cfg`);
  const m = /^extends =\n((?:[ \t]+\S.*\n)+)/m.exec(text);
  return (m?.[1] ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
}

describe('plonefactory module as a user runs it', function () {
  this.timeout(90000);

  it('adds catalog modules: their fragments, wired last in every profile, that real zc.buildout accepts', async function () {
    requireTool(this, 'buildout');
    const dir = project();
    const r = ok(dir, ['ldap', 'easyform']);
    assert.match(said(r), /install the Debian packages libldap2-dev libsasl2-dev libssl-dev before bin\/buildout/);
    assert.deepEqual(stored(dir)['modules'], ['ldap', 'easyform']);
    const ldap = read(dir, 'profiles/modules/ldap.cfg');
    assert.match(ldap, /^\[project-settings\]\neggs \+=\n    pas\.plugins\.ldap\n/m);
    assert.match(ldap, /^\[versions\]\n(#.*\n)*pas\.plugins\.ldap = 2\.0\.0rc2\n/m);
    assert.doesNotMatch(ldap, /^extends/m, 'a fragment must not extend anything');
    assert.doesNotMatch(ldap, /^(eggs|zcml|parts|auto-checkout) =/m, 'a fragment only adds to what others declare');
    for (const p of PROFILES) {
      const stack = extendsOf(dir, p).slice(COMMON.length, -2);
      assert.deepEqual(extendsOf(dir, p), [...COMMON, ...stack, 'modules/ldap.cfg', 'modules/easyform.cfg'], p);
    }
    const results = await resolveWithBuildout(PROFILES.map((p) => profileRoot(dir, p)));
    for (const res of results) {
      assert.ok(res.ok, res.ok ? '' : `${res.config}: ${res.message}`);
      const instances = res.installOrder.filter((p) => res.sections[p]?.['recipe'] === 'plone.recipe.zope2instance');
      // The development instance adds its helpers after the project's eggs.
      const helpers = res.config.endsWith('.resolve-development.cfg') ? DEV_HELPER_EGGS : [];
      for (const part of instances) assert.deepEqual(lines(res.sections[part]?.['eggs']), ['Plone', 'pas.plugins.ldap', 'collective.easyform', ...helpers]);
      assert.equal(res.sections['versions']?.['collective.easyform'], '5.0.1');
      assert.equal(res.sections['versions']?.['openpyxl'], '3.1.5');
    }
  });

  it('is idempotent, and add then remove gives back every byte', function () {
    const dir = project(['--plone', '5.2']);
    const before = contents(dir);
    ok(dir, ['mosaic', 'vscode']);
    const added = snapshot(dir);
    const again = ok(dir, ['mosaic', 'vscode']);
    assert.match(said(again), /mosaic is already in this project; nothing to add/);
    assert.deepEqual(snapshot(dir), added, 'a second run changed bytes or mtimes');
    const removed = ok(dir, ['--remove', 'mosaic', 'vscode']);
    assert.match(said(removed), /removed mosaic: profiles\/modules\/mosaic\.cfg and its extends line in profiles\/development\.cfg/);
    assert.deepEqual(contents(dir), before);
    const twice = ok(dir, ['--remove', 'mosaic']);
    assert.match(said(twice), /mosaic is not in this project; nothing to remove/);
    assert.deepEqual(contents(dir), before);
  });

  it('adds an egg of your own with --pin and --zcml, and takes it out leaving .yo-rc.json as it was', async function () {
    requireTool(this, 'buildout');
    const dir = project();
    const root = profileRoot(dir, 'production');
    const before = contents(dir);
    ok(dir, ['collective.foo', '--pin', '1.2.3', '--zcml']);
    assert.deepEqual(stored(dir)['customModules'], { 'collective.foo': { egg: 'collective.foo', pin: '1.2.3', zcml: true } });
    const text = read(dir, 'profiles/modules/collective.foo.cfg');
    assert.match(text, /^eggs \+=\n    collective\.foo\nzcml \+=\n    collective\.foo\n/m);
    assert.match(text, /^collective\.foo = 1\.2\.3$/m);
    const [res] = await resolveWithBuildout([root]);
    assert.ok(res?.ok, res && !res.ok ? res.message : '');
    assert.deepEqual(lines(res.sections['instance1']?.['zcml']), ['collective.foo']);
    assert.equal(res.sections['versions']?.['collective.foo'], '1.2.3');
    ok(dir, ['--remove', 'collective.foo']);
    assert.deepEqual(contents(dir), before);
  });

  it('keeps hand edits in the profiles it edits and elsewhere, through add and remove', function () {
    const dir = project();
    appendFileSync(join(dir, 'profiles/production.cfg'), '\n# ours: the public address\n[hosts]\nhttp = 0.0.0.0\n');
    writeFileSync(join(dir, 'profiles/etc/project.cfg'), read(dir, 'profiles/etc/project.cfg').replace('    Plone\n', '    Plone\n    collective.handmade\n'));
    const before = contents(dir);
    ok(dir, ['easyform']);
    assert.match(read(dir, 'profiles/production.cfg'), /# ours: the public address\n\[hosts\]\nhttp = 0\.0\.0\.0\n$/);
    assert.match(read(dir, 'profiles/production.cfg'), /^    modules\/easyform\.cfg$/m);
    assert.match(read(dir, 'profiles/etc/project.cfg'), /collective\.handmade/);
    ok(dir, ['--remove', 'easyform']);
    assert.deepEqual(contents(dir), before);
  });

  it('refuses to remove a module file edited by hand unless forced, writing nothing', function () {
    const dir = project();
    ok(dir, ['restapi']);
    appendFileSync(join(dir, 'profiles/modules/restapi.cfg'), '# ours\n');
    const before = snapshot(dir);
    const r = plonefactory(dir, ['module', '--remove', 'restapi']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^plonefactory: hand edits in profiles\/modules\/restapi\.cfg conflict with this run's changes; nothing was written/m);
    assert.deepEqual(snapshot(dir), before);
    ok(dir, ['--remove', 'restapi', '--force']);
    assert.ok(!existsSync(join(dir, 'profiles/modules/restapi.cfg')));
    assert.deepEqual(stored(dir)['modules'], []);
  });

  it('plonefactory --modules goes through the module code: the same tree as adding them afterwards', function () {
    const direct = project(['--plone', '6.0', '--modules', 'ldap,mosaic']);
    const after = project(['--plone', '6.0']);
    ok(after, ['ldap', 'mosaic']);
    const a = contents(direct);
    const b = contents(after);
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [path, text] of a) if (!['profiles/etc/secrets.cfg', '.yo-rc.json'].includes(path)) assert.equal(text, b.get(path), path);
    assert.deepEqual(stored(direct)['modules'], ['ldap', 'mosaic']);
    const rerun = snapshot(direct);
    assert.equal(plonefactory(direct, ['--modules', 'ldap']).status, 0);
    assert.deepEqual(snapshot(direct), rerun, 're-running with a module it has changed files');
  });

  it('plonefactory --modules refuses what the module generator refuses, before writing anything', function () {
    const dir = tempDir('acme');
    mkdirSync(dir);
    const r = plonefactory(dir, ['--defaults', '--modules', 'getpaid']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^plonefactory: module getpaid does not support Plone 6\.2; it supports: 4\.3/m);
    assert.deepEqual([...snapshot(dir).keys()], []);
  });

  it('with no name lists the catalog for the project\'s line; outside a project it refuses', function () {
    const dir = project(['--plone', '4.3']);
    const r = ok(dir, []);
    assert.match(said(r), /Modules for Plone 4\.3/);
    assert.match(said(r), /^  getpaid\s+PloneGetPaid/m);
    assert.match(said(r), /^- mosaic\s+not for Plone 4\.3 \(supports 6\.2, 6\.1, 6\.0, 5\.2\)/m);
    const empty = tempDir('none');
    mkdirSync(empty);
    const out = plonefactory(empty, ['module', 'ldap']);
    assert.equal(out.status, 1);
    assert.match(out.stderr, /^plonefactory: .* is not a plonefactory project/m);
    assert.ok(!existsSync(join(empty, '.yo-rc.json')));
  });
});
