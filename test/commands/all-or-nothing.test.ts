// A run writes all of its changes or none: "no" to one conflicting file, on any generator and
// through either entry point (the bin's path with its terminal answering, and Yeoman's
// prompts), leaves every file as it was. And a piped run prints no Yeoman chrome.
import { strict as assert } from 'node:assert';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import helpers from 'yeoman-test';
import type { CommandSpec, Question } from '../../lib/commands/command.js';
import { parseCommand } from '../../lib/commands/parse-args.js';
import { commandNamed } from '../../lib/commands/registry.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { copyProject, defaultProject, plonefactory, snapshot, tempDir } from '../support/cli.js';

interface Scenario {
  gen: string;
  args: string[];
  /** Hand edits that this run would overwrite (or delete), relative to the project. */
  edit: (dir: string) => void;
}

const addLine = (path: string) => (dir: string): void => appendFileSync(join(dir, path), '# mine\n');
const handWritten = (path: string) => (dir: string): void => writeFileSync(join(dir, path), '# written by hand\n');

const SCENARIOS: Scenario[] = [
  // the half-applied change: defines.cfg kept, clients.cfg with instance3 written
  { gen: 'app', args: ['--clients', '3'], edit: (d) => { addLine('profiles/etc/defines.cfg')(d); addLine('profiles/stack/clients.cfg')(d); } },
  { gen: 'module', args: ['ldap'], edit: handWritten('profiles/modules/ldap.cfg') },
  { gen: 'stack', args: ['http', 'apache'], edit: addLine('templates/nginx.conf.in') },
  { gen: 'profile', args: ['jenkins'], edit: handWritten('Jenkinsfile') },
];

const quiet = (): void => undefined;
/** Answers every confirmation: yes to the first, no to the rest (no to the only one). */
const firstYes = async (qs: readonly Question[]): Promise<Record<string, unknown>> => Object.fromEntries(qs.map((q, i) => [q.name, qs.length > 1 && i === 0]));

describe('all or nothing: "no" to a conflict leaves every file unchanged', function () {
  this.timeout(120000);
  let base: string;

  before(function () {
    base = defaultProject();
  });

  const edited = (s: Scenario): string => {
    const dir = copyProject(base);
    s.edit(dir);
    return dir;
  };

  for (const s of SCENARIOS) {
    it(`${s.gen} ${s.args.join(' ')}: the bin's path, asked in a terminal`, async function () {
      const dir = edited(s);
      const before = snapshot(dir);
      const spec = commandNamed(s.gen) as CommandSpec;
      const asked: string[] = [];
      const ask = async (qs: readonly Question[]): Promise<Record<string, unknown>> => {
        asked.push(...qs.map((q) => q.message));
        return firstYes(qs);
      };
      await assert.rejects(spec.run(parseCommand(spec, s.args), { cwd: dir, out: quiet, ask, entry: 'plonefactory' }), /nothing was written/);
      assert.ok(asked.length > 0, 'no question was asked');
      assert.deepEqual(snapshot(dir), before);
    });

    it(`${s.gen} ${s.args.join(' ')}: yo's path, asked through Yeoman`, async function () {
      const dir = edited(s);
      const before = snapshot(dir);
      const gen = join(PACKAGE_ROOT, 'dist', 'generators', s.gen, 'index.js');
      // yeoman-test passes --force unless told otherwise; app has two conflicts: yes, then no
      await assert.rejects(
        helpers.run(gen).cd(dir).withArguments(s.args).withOptions({ force: false } as Parameters<ReturnType<typeof helpers.run>['withOptions']>[0]).withAnswers(s.gen === 'app' ? { overwrite0: true, overwrite1: false } : { overwrite0: false }),
        /nothing was written/,
      );
      assert.deepEqual(snapshot(dir), before);
    });

    it(`${s.gen} ${s.args.join(' ')}: a pipe, where nobody can be asked`, function () {
      const dir = edited(s);
      const before = snapshot(dir);
      const r = plonefactory(dir, s.gen === 'app' ? s.args : [s.gen, ...s.args]);
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stderr, /^plonefactory: hand edits in .* conflict with this run's changes; nothing was written/m);
      assert.deepEqual(snapshot(dir), before);
    });
  }

  it('factory: "no" for one site\'s file leaves every site unchanged', async function () {
    const dir = tempDir('sites');
    mkdirSync(dir);
    const manifest = (clients: number): string => JSON.stringify({ hosts: { web1: { address: '10.0.0.1' } }, sites: [{ name: 'one', host: 'web1', clients, domain: 'one.example.com' }, { name: 'two', host: 'web1', domain: 'two.example.com' }] });
    writeFileSync(join(dir, 'sites.json'), manifest(2));
    assert.equal(plonefactory(dir, ['factory', 'sites.json']).status, 0);
    writeFileSync(join(dir, 'sites.json'), manifest(3));
    appendFileSync(join(dir, 'one/profiles/etc/defines.cfg'), '# mine\n');
    const before = snapshot(dir);
    const spec = commandNamed('factory') as CommandSpec;
    await assert.rejects(spec.run(parseCommand(spec, ['sites.json']), { cwd: dir, out: quiet, ask: firstYes, entry: 'plonefactory' }), /kept your edits in one\/profiles\/etc\/defines\.cfg/);
    assert.deepEqual(snapshot(dir), before);
  });
});

describe('a piped run', function () {
  this.timeout(120000);

  it('prints one line per file written, the summary and next steps: no colour, no `force`, no deprecation', function () {
    const dir = tempDir('acme');
    mkdirSync(dir);
    const runs = [['--defaults'], ['module', 'ldap'], ['stack', 'cache', 'squid'], ['profile', 'jenkins'], ['--clients', '3'], ['module', '--remove', 'ldap'], ['check']];
    for (const args of runs) {
      const r = plonefactory(dir, args);
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      const all = r.stdout + r.stderr;
      assert.ok(!all.includes('\x1b'), `${args.join(' ')}: colour codes in a pipe`);
      assert.ok(!/\bforce\b/.test(all), `${args.join(' ')}: said force`);
      assert.ok(!/deprecat/i.test(all), `${args.join(' ')}: a deprecation line`);
      assert.ok(!/An error occur/.test(all), `${args.join(' ')}: Yeoman's chrome`);
      for (const line of r.stdout.split('\n').filter((l) => /^\s+(create|update|delete|identical|conflict|skip)\s/.test(l))) {
        assert.match(line, /^\s+(create|update|delete) \S+$/, `${args.join(' ')}: ${line}`);
      }
    }
    // a re-run that changes nothing says so
    const again = plonefactory(dir, ['stack', 'cache', 'squid']);
    assert.match(again.stdout, /nothing to change/);
    const rerun = plonefactory(dir, []);
    assert.match(rerun.stdout, /^nothing to change$/m);
    assert.match(rerun.stdout, /^ {2}bin\/buildout$/m);
    assert.ok(readFileSync(join(dir, '.yo-rc.json'), 'utf8').length > 0);
  });
});
