// `plonefactory profile NAME [--from PROFILE]`: the jenkins profile on every Plone line and
// custom profiles (extending production, another custom one, development) must resolve in
// real zc.buildout; a custom profile's ports collide with no other profile's; the stack
// generator reaches custom profiles through their --from; bad requests change nothing.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import helpers from 'yeoman-test';
import { extendsEntries } from '../../lib/buildout/edit.js';
import { parse } from '../../lib/buildout/parse.js';
import { PLONE_LINES, type PloneLineName } from '../../lib/catalog/plone-lines.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { JENKINS } from '../../lib/profiles/jenkins.js';
import { derivePorts } from '../../lib/project/ports.js';
import { lines, profileRoot, resolveWithBuildout, type Resolved } from '../support/buildout.js';
import { plonefactory, snapshot, tempDir } from '../support/cli.js';
import { requireTool } from '../support/real-tools.js';
import { RELEASE_PINS } from '../../lib/catalog/release-pins.js';

const gen = (name: string): string => join(PACKAGE_ROOT, 'dist', 'generators', name, 'index.js');
/** Our generators' own options (--from, --plone...), which yeoman-test's typings do not know. */
type GenOptions = Parameters<ReturnType<typeof helpers.run>['withOptions']>[0];

function newDir(): string {
  const dir = tempDir('acme');
  mkdirSync(dir);
  return dir;
}

async function run(dir: string, generator: string, args: string[], options: Record<string, unknown> = {}): Promise<void> {
  await helpers.run(gen(generator)).cd(dir).withArguments(args).withOptions(options as GenOptions);
}

const stored = (dir: string): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8')) as Record<string, Record<string, unknown>>)['generator-plonefactory'] ?? {};
const extendsOf = (dir: string, profile: string): string[] => extendsEntries(parse(readFileSync(join(dir, 'profiles', `${profile}.cfg`), 'utf8')));
const ok = (r: Resolved | undefined, where: string): Extract<Resolved, { ok: true }> => {
  assert.ok(r?.ok, `${where}: ${r && !r.ok ? `${r.kind}: ${r.message}` : 'not resolved'}`);
  return r;
};
const portsOf = (r: Extract<Resolved, { ok: true }>): number[] =>
  Object.entries(r.sections['ports'] ?? {}).filter(([k]) => k !== 'postgresql').map(([, v]) => Number(v)).sort();

describe('plonefactory profile: jenkins and custom profiles in real zc.buildout', function () {
  this.timeout(120_000);
  let dir: string;
  const lineDirs = new Map<PloneLineName, string>();
  const results = new Map<string, Resolved>();

  before(async function () {
    requireTool(this, 'buildout');
    dir = newDir();
    assert.equal(plonefactory(dir, ['--defaults']).status, 0);
    // The user picked production for this machine by hand: adding profiles must keep that.
    const root = join(dir, 'buildout.cfg');
    writeFileSync(root, readFileSync(root, 'utf8').replace('extends = profiles/development.cfg', 'extends = profiles/production.cfg'));
    for (const args of [['profile', 'jenkins'], ['profile', 'staging']]) {
      const r = plonefactory(dir, args);
      assert.equal(r.status, 0, r.stderr);
    }
    await run(dir, 'profile', ['qa'], { from: 'staging' });
    await run(dir, 'profile', ['dev2'], { from: 'development' });
    await run(dir, 'stack', ['http', 'apache']);
    const configs = ['development', 'production', 'jenkins', 'staging', 'qa', 'dev2'].map((p) => profileRoot(dir, p));
    configs.push(join(dir, 'jenkins.cfg'));
    for (const line of PLONE_LINES) {
      const d = newDir();
      await run(d, 'app', [], { defaults: true, plone: line });
      await run(d, 'profile', ['jenkins']);
      // a CI workspace is a fresh clone: no git-ignored secrets.cfg
      rmSync(join(d, 'profiles/etc/secrets.cfg'));
      lineDirs.set(line, d);
      configs.push(join(d, 'jenkins.cfg'));
    }
    const resolved = await resolveWithBuildout(configs);
    configs.forEach((c, i) => results.set(c, resolved[i]!));
  });

  const result = (d: string, profile: string): Extract<Resolved, { ok: true }> =>
    ok(results.get(profile === 'jenkins-root' ? join(d, 'jenkins.cfg') : join(d, `.resolve-${profile}.cfg`)), profile);

  it('jenkins, on every Plone line: XML test reports, coverage, ruff and a Jenkinsfile that runs them', function () {
    for (const [line, d] of lineDirs) {
      const r = result(d, 'jenkins-root');
      const where = `Plone ${line}`;
      const j = JENKINS[line];
      assert.deepEqual(r.parts.filter((p) => ['test', 'coverage'].includes(p)), ['test', 'coverage'], `${where}: ${r.parts.join(' ')}`);
      assert.ok(!r.parts.includes('supervisor') && !r.parts.some((p) => p.endsWith('-conf')), `${where}: no servers`);
      const test = r.sections['test'] ?? {};
      assert.equal(test['recipe'], j.runner === 'zope.testrunner' ? 'zc.recipe.testrunner' : 'collective.xmltestreport', where);
      assert.match(test['defaults'] ?? '', j.runner === 'zope.testrunner' ? new RegExp(`'--xml', '${d}/var'`) : /'--xml'\]/, where);
      assert.equal(r.sections['coverage']?.['recipe'], 'zc.recipe.egg');
      assert.deepEqual(lines(r.sections['coverage']?.['eggs']), ['coverage']);
      for (const [egg, version] of Object.entries(j.pins)) {
        // the release's own pin stays its choice; ours only where it pins nothing
        if (RELEASE_PINS[line].eggs.includes(egg)) assert.match(r.sections['versions']?.[egg] ?? '', /^\d[\w.]*$/, `${where}: ${egg} pin`);
        else assert.equal(r.sections['versions']?.[egg], version, `${where}: ${egg} pin`);
      }
      assert.equal(r.sections['buildout']?.['directory'], d, `${where}: jenkins.cfg builds from the project root`);
      const jf = readFileSync(join(d, 'Jenkinsfile'), 'utf8');
      for (const step of [j.venv, 'bin/pip install -r requirements.txt', 'bin/buildout -c jenkins.cfg', 'bin/coverage run --source=src bin/test', 'bin/coverage xml', 'ruff check', `junit testResults: '${j.reports}/*.xml, var/ruff.xml'`, 'recordCoverage'])
        assert.ok(jf.includes(step), `${where}: Jenkinsfile lacks ${step}`);
      assert.match(readFileSync(join(d, 'requirements-jenkins.txt'), 'utf8'), /^ruff==\d+\.\d+\.\d+$/m);
      assert.deepEqual(stored(d)['profiles'], { jenkins: { kind: 'jenkins' } });
    }
    assert.deepEqual(result(dir, 'jenkins').parts, result(dir, 'jenkins-root').parts);
    assert.ok(!result(dir, 'jenkins').parts.includes('apache-conf'), 'jenkins runs no stack');
  });

  it('custom profiles extend --from with their own ports, and get stack switches through it', function () {
    const prod = result(dir, 'production');
    assert.ok(prod.parts.includes('apache-conf') && !prod.parts.includes('nginx-conf'));
    const seen = new Map<number, string>(portsOf(prod).map((p) => [p, 'production']));
    const expect: Array<[string, string, number]> = [['staging', 'production', 8180], ['qa', 'staging', 8280], ['dev2', 'development', 8380]];
    for (const [name, from, base] of expect) {
      const r = result(dir, name);
      assert.deepEqual(r.parts, result(dir, from === 'staging' ? 'production' : from).parts, `${name}: the parts of ${from}`);
      assert.deepEqual(portsOf(r), derivePorts(base, 2).map(([, p]) => p).sort(), `${name}: ports from ${base}`);
      for (const p of portsOf(r)) {
        assert.ok(!seen.has(p), `${name}: port ${p} is also ${seen.get(p)}'s`);
        seen.set(p, name);
      }
      assert.deepEqual((stored(dir)['profiles'] as Record<string, unknown>)[name], { kind: 'custom', from, portBase: base });
    }
    assert.equal(result(dir, 'staging').sections['apache-conf']?.['output'], `${dir}/etc/apache.conf`);
    assert.match(readFileSync(join(dir, 'profiles/staging.cfg'), 'utf8'), /^\[ports\]\nhttp = 8180$/m);
  });

  it('keeps the module wiring rule: jenkins extends etc/versions.cfg directly, custom profiles only their --from', function () {
    assert.ok(extendsOf(dir, 'jenkins').includes('etc/versions.cfg'));
    assert.deepEqual(extendsOf(dir, 'staging'), ['production.cfg']);
    assert.deepEqual(extendsOf(dir, 'qa'), ['staging.cfg']);
    assert.deepEqual(extendsOf(dir, 'dev2'), ['development.cfg']);
  });

  it('keeps the profile buildout.cfg picks by hand, and names the new profiles in its comment', function () {
    const text = readFileSync(join(dir, 'buildout.cfg'), 'utf8');
    assert.match(text, /^extends = profiles\/production\.cfg$/m);
    assert.match(text, /^# another file of profiles\/ \(development, standalone, preproduction, production, jenkins, staging, qa, dev2\),$/m);
  });

  it('lets the app pick a custom profile for this machine', async function () {
    const d = newDir();
    cpSync(lineDirs.get('6.2')!, d, { recursive: true });
    await run(d, 'profile', ['staging']);
    await run(d, 'app', [], { profile: 'staging' });
    assert.match(readFileSync(join(d, 'buildout.cfg'), 'utf8'), /^extends = profiles\/staging\.cfg$/m);
  });
});

describe('plonefactory profile: refusals change nothing', function () {
  this.timeout(60_000);
  let base: string;
  before(async function () {
    base = newDir();
    await run(base, 'app', [], { defaults: true });
    await run(base, 'profile', ['staging']);
  });
  const copy = (): string => {
    const d = newDir();
    cpSync(base, d, { recursive: true });
    return d;
  };

  const bad: Array<[string, string[], RegExp]> = [
    ['a name that is not a slug', ['profile', 'Bad_Name'], /^plonefactory: profile name "Bad_Name" is not allowed; use a-z, 0-9, - and _, starting with a letter, at most 40 characters$/m],
    ['a base profile', ['profile', 'production'], /^plonefactory: profile name "production" is not allowed: it is a base profile \(development, standalone, preproduction, production\); choose another name$/m],
    ['an unknown --from', ['profile', 'qa', '--from', 'nowhere'], /^plonefactory: --from "nowhere" is not allowed; choose one of: development, standalone, preproduction, production, staging$/m],
    ['no name and no terminal', ['profile'], /^plonefactory: no terminal to ask on: pass NAME \(jenkins, or a name of your own\) and optionally --from PROFILE/m],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} in one line (bin)`, function () {
      const d = copy();
      const before = snapshot(d);
      const r = plonefactory(d, args);
      assert.equal(r.status, 1);
      assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('plonefactory: ')).length, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.deepEqual(snapshot(d), before);
    });
  }

  const refused = async (d: string, args: string[], options: Record<string, unknown>, message: RegExp): Promise<void> => {
    const before = snapshot(d);
    await assert.rejects(run(d, 'profile', args, options), message);
    assert.deepEqual(snapshot(d), before);
  };

  it('rejects --from with jenkins, and changing an existing profile', async function () {
    await refused(copy(), ['jenkins'], { from: 'production' }, /--from "production" is not allowed with jenkins/);
    await refused(copy(), ['staging'], { from: 'development' }, /profile "staging" already exists and extends production; --from "development" would change it/);
  });

  it('re-running for an existing profile changes nothing', async function () {
    const d = copy();
    const before = snapshot(d);
    await run(d, 'profile', ['staging']);
    assert.deepEqual(snapshot(d), before);
  });

  it('refuses a port block past 65535', async function () {
    const d = newDir();
    await run(d, 'app', [], { defaults: true, portBase: '65500' });
    await refused(d, ['staging'], {}, /no free port block left: the next one would start at 65600 and reach 65612, above 65535/);
  });

  it('refuses a profile whose ports would meet another port on its host (the checks), with nothing written', async function () {
    // RelStorage's PostgreSQL listens on 5432; from base 5322 the next block's instance port is 5432.
    const d = newDir();
    await run(d, 'app', [], { defaults: true, storage: 'relstorage', portBase: '5322' });
    await refused(d, ['staging'], {}, /profile staging would make buildout go wrong: .*port-conflict: port 5432 on 127\.0\.0\.1 is used by both \[ports\] (instance and postgresql|postgresql and instance); nothing was written/);
  });
});
