// The app generator through the plonefactory bin, as a user runs it: no TTY, one process.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plonefactory, snapshot, tempDir, yo } from '../support/cli.js';
import { lines, profileRoot, resolveWithBuildout } from '../support/buildout.js';
import { requireTool } from '../support/real-tools.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { addValueLines } from '../../lib/buildout/edit.js';
import { parse } from '../../lib/buildout/parse.js';
import { serialize } from '../../lib/buildout/serialize.js';

const PROFILES = ['development', 'standalone', 'preproduction', 'production'];

function fresh(name = 'acme'): string {
  const dir = tempDir(name);
  mkdirSync(dir);
  return dir;
}

describe('plonefactory (app) as a user runs it', function () {
  this.timeout(60000);

  it('--defaults in an empty directory writes a factory whose every profile real zc.buildout accepts', async function () {
    requireTool(this, 'buildout');
    const dir = fresh();
    const r = plonefactory(dir, ['--defaults']);
    assert.equal(r.status, 0, r.stderr);
    for (const f of ['buildout.cfg', 'profiles/etc/defines.cfg', 'profiles/etc/versions.cfg', 'profiles/stack/nginx.cfg', 'templates/varnish.vcl.in', 'requirements.txt', 'README.md', '.gitignore'])
      assert.ok(existsSync(join(dir, f)), `${f} missing`);
    assert.match(readFileSync(join(dir, 'buildout.cfg'), 'utf8'), /^extends = profiles\/development\.cfg$/m);
    const results = await resolveWithBuildout([join(dir, 'buildout.cfg'), ...PROFILES.map((p) => profileRoot(dir, p))]);
    for (const res of results) assert.ok(res.ok, res.ok ? '' : `${res.config}: ${res.message}`);
    const prod = results[4];
    assert.ok(prod?.ok);
    for (const part of ['nginx-conf', 'varnish-conf', 'haproxy-conf', 'supervisor', 'zeoserver', 'instance1', 'instance2', 'backup'])
      assert.ok(prod.parts.includes(part), `production lacks ${part}`);
    assert.equal(prod.sections['instance2']?.['http-address'], '127.0.0.1:8092');
    assert.equal(prod.sections['site']?.['domain'], 'example.com');
    assert.deepEqual(lines(prod.sections['instance1']?.['eggs']), ['Plone']);
  });

  it('regenerates the reference factory from the repository\'s .yo-rc.json, asking nothing', async function () {
    requireTool(this, 'buildout');
    const dir = fresh();
    copyFileSync(join(PACKAGE_ROOT, '.yo-rc.json'), join(dir, '.yo-rc.json'));
    const r = plonefactory(dir, []);
    assert.equal(r.status, 0, r.stderr);
    const [prod] = await resolveWithBuildout([profileRoot(dir, 'production')]);
    assert.ok(prod?.ok, prod?.ok ? '' : prod?.message);
    for (const part of ['nginx-conf', 'varnish-conf', 'haproxy-conf']) assert.ok(prod.parts.includes(part), part);
    assert.equal(prod.sections['site']?.['domain'], 'acme.example.com');
  });

  it('writes the same tree, bytes and modes, through yo plonefactory as through plonefactory', function () {
    const direct = fresh();
    const yeoman = fresh();
    const args = ['--defaults', '--name', 'same', '--plone', '6.0', '--storage', 'relstorage', '--http', 'apache', '--cache', 'squid', '--balancer', 'pound'];
    assert.equal(plonefactory(direct, args).status, 0);
    const r = yo(yeoman, ['plonefactory', ...args]);
    assert.equal(r.status, 0, r.stderr);
    // Secrets are random per project: compare everything else, and the secrets file's shape.
    const strip = (m: Map<string, string>): Map<string, string> =>
      new Map([...m].map(([p, v]) => [p, p.endsWith('secrets.cfg') || p === '.yo-rc.json' ? v.replace(/^[\d.]+ /, '').replace(/= [\w-]{24}$/gm, '= X').replace(/"[0-9a-f]{16}"/g, '"H"') : v.replace(/^[\d.]+ /, '')]));
    assert.deepEqual(strip(snapshot(yeoman)), strip(snapshot(direct)));
  });

  it('rejects an unknown generator instead of taking it for a project name', function () {
    const dir = fresh();
    const r = plonefactory(dir, ['modul', 'ldap']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^plonefactory: unknown generator "modul"; the generators are: app, .*factory/m);
    assert.deepEqual([...snapshot(dir).keys()], []);
  });

  it('rejects an unknown option by name instead of ignoring it', function () {
    const dir = fresh();
    const r = plonefactory(dir, ['--defaults', '--plon', '6.1']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^plonefactory: unknown option --plon \(did you mean --plone\?\); the options of app are: --name, .*--defaults, --force/m);
    assert.deepEqual([...snapshot(dir).keys()], []);
  });

  it('re-running with the same answers changes no file, not even its mtime', function () {
    const dir = fresh();
    assert.equal(plonefactory(dir, ['--defaults', '--plone', '5.2', '--storage', 'relstorage']).status, 0);
    const before = snapshot(dir);
    const again = plonefactory(dir, []);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(snapshot(dir), before);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['an invalid name', ['--name', 'Acme Site'], /--name "Acme Site" is not allowed; use a-z, 0-9/],
    ['a port below 1024', ['--port-base', '80'], /--port-base "80" is not allowed; the port base must be a whole number from 1024 to 65535/],
    ['a port base whose derived ports leave the range', ['--port-base', '65530'], /--port-base 65530 is not allowed with 2 clients: its highest derived port would be 65542; use a base from 1024 to 65523/],
    ['an unknown Plone line', ['--plone', '7.0'], /--plone "7.0" is not allowed; choose one of: 6.2, 6.1, 6.0, 5.2, 4.3/],
    ['an unknown component', ['--cache', 'memcached'], /--cache "memcached" is not allowed; choose one of: varnish, squid, none/],
    ['zero clients', ['--clients', '0'], /--clients "0" is not allowed; the number of clients must be a whole number from 1 to 32/],
    ['an unknown profile', ['--profile', 'staging'], /--profile "staging" is not allowed; choose one of: development, standalone, preproduction, production/],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} with one line naming the value, before writing anything`, function () {
      const dir = fresh();
      const r = plonefactory(dir, ['--defaults', ...args]);
      assert.equal(r.status, 1);
      const ours = r.stderr.split('\n').filter((l) => l.startsWith('plonefactory: '));
      assert.equal(ours.length, 1, r.stderr);
      assert.match(ours[0]!, message);
      assert.deepEqual([...snapshot(dir).keys()], []);
    });
  }

  it('without a terminal and with questions left, exits non-zero naming the options to pass', function () {
    const dir = fresh();
    const r = plonefactory(dir, ['--plone', '6.1']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /plonefactory: no terminal to ask on: pass --name, --domain, --storage, --clients, --port-base, --http, --cache, --balancer, --profile \(or --defaults/);
    assert.deepEqual([...snapshot(dir).keys()], []);
  });

  it('keeps a hand edit it has nothing new for, and refuses a real conflict with nothing written', async function () {
    requireTool(this, 'buildout');
    const dir = fresh();
    assert.equal(plonefactory(dir, ['--defaults']).status, 0);
    // A user adds an egg to [project-settings] eggs, as the buildout library edits it.
    const projectCfg = join(dir, 'profiles/etc/project.cfg');
    writeFileSync(projectCfg, serialize(addValueLines(parse(readFileSync(projectCfg, 'utf8'), projectCfg), 'project-settings', 'eggs', ['collective.handmade'])));
    const more = plonefactory(dir, ['--clients', '3']);
    assert.equal(more.status, 0, more.stderr);
    assert.match(readFileSync(join(dir, 'profiles/etc/project.cfg'), 'utf8'), /collective\.handmade/);
    const [prod] = await resolveWithBuildout([profileRoot(dir, 'production')]);
    assert.ok(prod?.ok && prod.parts.includes('instance3'), 'the third client is not in production');
    assert.ok(lines(prod.sections['project-settings']?.['eggs']).includes('collective.handmade'), 'the hand-added egg is not resolved');
    appendFileSync(join(dir, 'profiles/etc/versions.cfg'), 'my.pin = 1.0\n');
    const before = snapshot(dir);
    const clash = plonefactory(dir, ['--plone', '6.0']);
    assert.equal(clash.status, 1);
    assert.match(clash.stderr, /plonefactory: hand edits in profiles\/etc\/versions\.cfg conflict with this run's changes; nothing was written/);
    assert.deepEqual(snapshot(dir), before);
    const forced = plonefactory(dir, ['--plone', '6.0', '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.doesNotMatch(readFileSync(join(dir, 'profiles/etc/versions.cfg'), 'utf8'), /my\.pin/);
  });

  it('keeps secrets random per project, mode 0600, out of git, and never printed in full', function () {
    const a = fresh('one');
    const b = fresh('two');
    const ra = plonefactory(a, ['--defaults']);
    assert.equal(plonefactory(b, ['--defaults']).status, 0);
    const secrets = (dir: string): string => readFileSync(join(dir, 'profiles/etc/secrets.cfg'), 'utf8');
    const password = /^admin-password = (\S+)$/m.exec(secrets(a))?.[1];
    assert.ok(password && password.length >= 20);
    assert.notEqual(password, /^admin-password = (\S+)$/m.exec(secrets(b))?.[1]);
    assert.equal(statSync(join(a, 'profiles/etc/secrets.cfg')).mode & 0o777, 0o600);
    assert.ok(!(ra.stdout + ra.stderr).includes(password), 'password printed');
    assert.ok(!(ra.stdout + ra.stderr).includes(password.slice(0, 8)), 'password largely printed');
    execFileSync('git', ['init', '-q'], { cwd: a });
    execFileSync('git', ['add', '-A'], { cwd: a });
    const tracked = execFileSync('git', ['ls-files'], { cwd: a, encoding: 'utf8' }).split('\n');
    assert.ok(tracked.includes('profiles/etc/versions.cfg'));
    assert.ok(!tracked.some((f) => f.includes('secrets')), `tracked: ${tracked.join(' ')}`);
    for (const f of tracked.filter(Boolean)) assert.ok(!readFileSync(join(a, f), 'utf8').includes(password), `${f} holds the password`);
  });

  it('--help lists the generators, GEN --help the options of one', function () {
    const dir = fresh();
    const top = plonefactory(dir, ['--help']);
    assert.equal(top.status, 0);
    assert.match(top.stdout, /Generators:\n\s+app\s+create or update/);
    const app = plonefactory(dir, ['app', '--help']);
    assert.equal(app.status, 0);
    for (const opt of ['--name', '--domain', '--plone', '--storage', '--clients', '--port-base', '--http', '--cache', '--balancer', '--modules', '--profile', '--defaults'])
      assert.ok(app.stdout.includes(opt), `${opt} missing from help`);
    assert.deepEqual([...snapshot(dir).keys()], []);
  });

  it('takes the project name from an argument, and defaults it to the directory name', function () {
    const named = fresh('Some Dir');
    assert.equal(plonefactory(named, ['app', 'intranet', '--defaults']).status, 0);
    assert.equal(JSON.parse(readFileSync(join(named, '.yo-rc.json'), 'utf8'))['generator-plonefactory'].name, 'intranet');
    const byDir = fresh('Some Dir');
    assert.equal(plonefactory(byDir, ['--defaults']).status, 0);
    assert.equal(JSON.parse(readFileSync(join(byDir, '.yo-rc.json'), 'utf8'))['generator-plonefactory'].name, 'some-dir');
    writeFileSync(join(byDir, 'x'), '');
  });
});
