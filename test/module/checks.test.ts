// Each conflict check of `plonefactory module`, through the bin: the one-line message, and
// not one file changed (bytes, modes and mtimes) when a check fails.
import { strict as assert } from 'node:assert';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileRoot, resolveWithBuildout } from '../support/buildout.js';
import { plonefactory, snapshot, type CliResult } from '../support/cli.js';
import { extendsCache } from '../support/extends-cache.js';
import { requireTool } from '../support/real-tools.js';
import { project } from './support.js';

// Yeoman logs to stderr, the bin's direct path to stdout: what the user sees is both.
const said = (r: CliResult): string => r.stdout + r.stderr;
const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');
const lineCount = (dir: string, path: string): number => read(dir, path).split('\n').length - 1;

/** Runs `module ARGS`, expecting exit 1, one `plonefactory:` line matching `message`, and no change. */
function refused(dir: string, args: string[], message: RegExp): string {
  const before = snapshot(dir);
  const r = plonefactory(dir, ['module', ...args]);
  assert.equal(r.status, 1, `expected a refusal: ${r.stdout}`);
  const ours = r.stderr.split('\n').filter((l) => l.startsWith('plonefactory: '));
  assert.equal(ours.length, 1, r.stderr);
  assert.match(ours[0] as string, message);
  assert.deepEqual(snapshot(dir), before, 'a refused run changed files');
  return ours[0] as string;
}

describe('plonefactory module conflict checks', function () {
  this.timeout(90000);

  it('an unknown name: lists the catalog and the form for an egg of your own', function () {
    refused(project(), ['ldpa'], /^plonefactory: unknown module "ldpa"; the catalog has: cas, datagridfield, easyform, exportimport, getpaid, ldap, mosaic, ploneide, relstorage, restapi, taxonomy, theming, vscode; for an egg of your own: plonefactory module EGG --pin VERSION \[--zcml\]$/);
  });

  it('a module the project\'s line does not support: names the lines it supports', function () {
    const dir = project();
    refused(dir, ['getpaid'], /^plonefactory: module getpaid does not support Plone 6\.2; it supports: 4\.3$/);
    refused(dir, ['easyform', 'cas'], /^plonefactory: module cas does not support Plone 6\.2; it supports: 4\.3; on newer lines consider pas\.plugins\.oidc$/);
  });

  it('bad custom-egg requests: --pin on a catalog module, a pin that is no exact version', function () {
    const dir = project();
    refused(dir, ['ldap', '--pin', '1.0'], /^plonefactory: --pin and --zcml describe one egg of your own, not a catalog module/);
    refused(dir, ['collective.foo', '--pin', 'latest'], /^plonefactory: --pin "latest" is not allowed for collective\.foo; give an exact version such as 1\.2\.3$/);
  });

  it('a pin differing from the project\'s: names both places and versions; --force takes the new one and says what it replaced', async function () {
    requireTool(this, 'buildout');
    const dir = project();
    appendFileSync(join(dir, 'profiles/etc/versions.cfg'), 'pas.plugins.ldap = 1.8.4\n');
    const at = lineCount(dir, 'profiles/etc/versions.cfg');
    refused(dir, ['ldap'], new RegExp(`^plonefactory: pin conflict: pas\\.plugins\\.ldap = 2\\.0\\.0rc2 \\(profiles/modules/ldap\\.cfg:\\d+\\) but pas\\.plugins\\.ldap = 1\\.8\\.4 at profiles/etc/versions\\.cfg:${at}; pass --force to take 2\\.0\\.0rc2$`));
    const forced = plonefactory(dir, ['module', 'ldap', '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(said(forced), new RegExp(`ldap: pas\\.plugins\\.ldap = 2\\.0\\.0rc2 replaces 1\\.8\\.4 \\(profiles/etc/versions\\.cfg:${at}\\)`));
    assert.match(read(dir, 'profiles/etc/versions.cfg'), /^pas\.plugins\.ldap = 1\.8\.4$/m, 'the other place is left alone');
    const [res] = await resolveWithBuildout([profileRoot(dir, 'production')]);
    assert.ok(res?.ok);
    assert.equal(res.sections['versions']?.['pas.plugins.ldap'], '2.0.0rc2');
  });

  it('a pin differing from another module\'s', function () {
    const dir = project(['--plone', '4.3']);
    assert.equal(plonefactory(dir, ['module', 'restapi']).status, 0);
    const text = read(dir, 'profiles/modules/restapi.cfg');
    const at = text.split('\n').indexOf('pyrsistent = 0.15.7') + 1;
    refused(dir, ['pyrsistent', '--pin', '0.16.0'], new RegExp(`^plonefactory: pin conflict: pyrsistent = 0\\.16\\.0 \\(profiles/modules/pyrsistent\\.cfg:\\d+\\) but pyrsistent = 0\\.15\\.7 at profiles/modules/restapi\\.cfg:${at}; pass --force`));
  });

  it('a pin differing from the release\'s own: from the extends cache when given, else from what the catalog knows', function () {
    const dir = project();
    refused(dir, ['plone.app.theming', '--pin', '9.9', '--extends-cache', extendsCache()],
      /^plonefactory: pin conflict: plone\.app\.theming = 9\.9 \(profiles\/modules\/plone\.app\.theming\.cfg:\d+\) but plone\.app\.theming = 5\.1\.0 at https:\/\/dist\.plone\.org\/release\/6\.2\.2\/versions\.cfg:10; pass --force to take 9\.9$/);
    refused(dir, ['plone.app.theming', '--pin', '9.9'],
      /^plonefactory: pin conflict: plone\.app\.theming = 9\.9 .* but Plone 6\.2\.2's own pin files pin plone\.app\.theming too \(https:\/\/dist\.plone\.org\/release\/6\.2\.2\/versions\.cfg, not readable offline: give --extends-cache DIR to compare\)/);
  });

  it('an egg already present: a no-op, said', function () {
    const dir = project();
    writeFileSync(join(dir, 'profiles/etc/project.cfg'), read(dir, 'profiles/etc/project.cfg').replace('    Plone\n', '    Plone\n    collective.easyform\n'));
    const at = read(dir, 'profiles/etc/project.cfg').split('\n').indexOf('    collective.easyform') + 1;
    const before = snapshot(dir);
    const r = plonefactory(dir, ['module', 'easyform']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(said(r), new RegExp(`easyform: already in \\[project-settings\\] eggs: collective\\.easyform \\(profiles/etc/project\\.cfg:${at}\\); nothing to add \\(its pins are not in \\[versions\\]: collective\\.easyform = 5\\.0\\.1`));
    assert.deepEqual(snapshot(dir), before);
  });

  it('an egg present while the module\'s others are not: refused, it would be listed twice', function () {
    const dir = project(['--plone', '4.3']);
    writeFileSync(join(dir, 'profiles/etc/project.cfg'), read(dir, 'profiles/etc/project.cfg').replace('    Pillow\n', '    Pillow\n    python-ldap\n'));
    const at = read(dir, 'profiles/etc/project.cfg').split('\n').indexOf('    python-ldap') + 1;
    refused(dir, ['ldap'], new RegExp(`^plonefactory: ldap: python-ldap is already in \\[project-settings\\] eggs at profiles/etc/project\\.cfg:${at}; the module would list it twice: take it out there, or pass --force$`));
  });

  it('a later `eggs =` that would discard the addition: names its file:line', function () {
    const dir = project();
    appendFileSync(join(dir, 'profiles/production.cfg'), '\n[project-settings]\neggs =\n    Plone\n');
    const at = lineCount(dir, 'profiles/production.cfg') - 1;
    refused(dir, ['easyform'], new RegExp(`^plonefactory: easyform in profiles/production\\.cfg: \\[project-settings\\] eggs = at profiles/production\\.cfg:${at} comes after profiles/modules/easyform\\.cfg and discards collective\\.easyform; write it as \`eggs \\+=\`$`));
  });

  it('a hand-written `eggs =` in buildout.cfg, the file users run: names its file:line', function () {
    const dir = project();
    appendFileSync(join(dir, 'buildout.cfg'), '\n[project-settings]\neggs =\n    Plone\n');
    const at = lineCount(dir, 'buildout.cfg') - 1;
    refused(dir, ['easyform'], new RegExp(`^plonefactory: easyform in buildout\\.cfg: \\[project-settings\\] eggs = at buildout\\.cfg:${at} comes after profiles/modules/easyform\\.cfg and discards collective\\.easyform; write it as \`eggs \\+=\`$`));
  });

  it('a later `parts =` that would drop the module\'s part', function () {
    const dir = project(['--plone', '6.0']);
    appendFileSync(join(dir, 'profiles/production.cfg'), '\n[buildout]\nparts = instance1\n');
    const at = lineCount(dir, 'profiles/production.cfg');
    refused(dir, ['vscode'], new RegExp(`^plonefactory: vscode in profiles/production\\.cfg: \\[buildout\\] parts = at profiles/production\\.cfg:${at} comes after profiles/modules/vscode\\.cfg and discards vscode`));
  });
});
