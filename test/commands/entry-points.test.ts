// Both entry points, `plonefactory …` and `yo plonefactory…` (as yo 7 runs it: its own argv
// parsing, then yeoman-environment), on the same command lines, valid and invalid, typos
// included: the same files, the same exit code and the same error line.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { defaultProject, plonefactory, snapshot, tempDir, type CliResult, yo } from '../support/cli.js';

interface Case {
  /** The generator; `app` is `plonefactory …` / `yo plonefactory …`. */
  gen: string;
  args: string[];
  /** Run in an empty folder instead of a copy of the default project. */
  empty?: boolean;
  status: number;
}

const CASES: Case[] = [
  { gen: 'app', args: ['--defaults', '--plone', '5.2', '--name', 'same'], empty: true, status: 0 },
  { gen: 'app', args: ['--defaults', '--plon', '5.2'], empty: true, status: 2 },
  { gen: 'app', args: ['--defaults', '--skip-install'], empty: true, status: 2 },
  { gen: 'app', args: ['--defaults', 'one', 'two'], empty: true, status: 2 },
  { gen: 'app', args: ['--defaults', '--clients', '0'], empty: true, status: 1 },
  { gen: 'app', args: ['--plone', '5.2', '--http', 'apache'], status: 0 },
  { gen: 'app', args: ['--defaults', '--port-base', '65530', '--clients', '3'], empty: true, status: 1 },
  { gen: 'module', args: [], status: 0 },
  { gen: 'module', args: ['ldap', 'restapi'], status: 0 },
  { gen: 'module', args: ['ldpa'], status: 1 },
  { gen: 'module', args: ['ldap', '--remov'], status: 2 },
  { gen: 'module', args: ['ldap', '--pin'], status: 2 },
  { gen: 'module', args: ['collective.foo', '--pin', '1.2.3', '--zcml'], status: 0 },
  { gen: 'module', args: ['ldap'], empty: true, status: 1 },
  { gen: 'stack', args: ['cache', 'squid'], status: 0 },
  { gen: 'stack', args: ['cache', 'nginx'], status: 1 },
  { gen: 'stack', args: ['cach', 'squid'], status: 1 },
  { gen: 'stack', args: ['cache'], status: 1 },
  { gen: 'stack', args: ['cache', 'squid', 'now'], status: 2 },
  { gen: 'stack', args: ['http', 'apache', '--forse'], status: 2 },
  { gen: 'profile', args: ['jenkins'], status: 0 },
  { gen: 'profile', args: ['staging', '--from', 'preproduction'], status: 0 },
  { gen: 'profile', args: ['production'], status: 1 },
  { gen: 'profile', args: ['staging', '--frm', 'production'], status: 2 },
  { gen: 'check', args: [], status: 0 },
  { gen: 'check', args: ['--jsn'], status: 2 },
  { gen: 'check', args: ['productoin'], status: 2 },
  { gen: 'check', args: ['production', '--json'], status: 0 },
  { gen: 'factory', args: [], status: 2 },
  { gen: 'factory', args: ['nosuch.json'], status: 1 },
];

/** Files without mtimes; the folder's own path out of every message. */
const files = (dir: string): Map<string, string> => new Map([...snapshot(dir)].map(([p, v]) => [p, v.slice(v.indexOf(' ') + 1)]));
const randomized = (m: Map<string, string>): Map<string, string> =>
  new Map([...m].map(([p, v]) => [p, p.endsWith('secrets.cfg') ? v.replace(/= [\w-]{24}$/gm, '= X') : v]));

function errorLine(r: CliResult, dir: string): string {
  return (r.stderr.split('\n').find((l) => l.startsWith('plonefactory: ')) ?? '').replace('plonefactory: ', '').split(dir).join('<dir>');
}

describe('the two entry points, plonefactory and yo plonefactory', function () {
  this.timeout(300000);
  let base: string;

  before(function () {
    base = defaultProject();
  });

  for (const c of CASES) {
    it(`${c.gen} ${c.args.join(' ') || '(no arguments)'}${c.empty ? ' (no project)' : ''}: exit ${c.status} from both, the same files and error line`, function () {
      const dirs = [tempDir('acme'), tempDir('acme')];
      for (const d of dirs) (c.empty ? mkdirSync(d) : cpSync(base, d, { recursive: true }));
      const bin = plonefactory(dirs[0]!, c.gen === 'app' ? c.args : [c.gen, ...c.args]);
      const viaYo = yo(dirs[1]!, [c.gen === 'app' ? 'plonefactory' : `plonefactory:${c.gen}`, ...c.args]);
      assert.equal(bin.status, c.status, `plonefactory: ${bin.stderr}`);
      assert.equal(viaYo.status, c.status, `yo: ${viaYo.stderr}`);
      assert.deepEqual(randomized(files(dirs[1]!)), randomized(files(dirs[0]!)));
      if (c.status !== 0) {
        const line = errorLine(bin, dirs[0]!);
        assert.ok(line, `plonefactory printed no error line: ${bin.stderr}`);
        const yoLines = viaYo.stderr.split('\n').map((l) => l.split(dirs[1]!).join('<dir>'));
        assert.ok(yoLines.includes(line), `yo did not print "${line}":\n${viaYo.stderr}`);
      }
    });
  }

  it('--help of each generator lists the same options through both, under each one\'s usage line', function () {
    const dir = tempDir('acme');
    mkdirSync(dir);
    writeFileSync(`${dir}/.keep`, '');
    for (const gen of ['app', 'module', 'stack', 'profile', 'check', 'factory']) {
      const bin = plonefactory(dir, [gen, '--help']);
      const viaYo = yo(dir, [gen === 'app' ? 'plonefactory' : `plonefactory:${gen}`, '--help']);
      assert.equal(bin.status, 0);
      assert.equal(viaYo.status, 0, viaYo.stderr);
      const options = (t: string): string[] => [...t.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]!);
      assert.deepEqual(options(viaYo.stdout), options(bin.stdout), `${gen}: yo printed\n${viaYo.stdout}`);
      assert.ok(!/skip-install|ask-answered/.test(bin.stdout + viaYo.stdout));
      assert.match(bin.stdout, gen === 'app' ? /^Usage: plonefactory \[NAME\]/ : new RegExp(`^Usage: plonefactory ${gen}`));
      assert.match(viaYo.stdout, gen === 'app' ? /^Usage: yo plonefactory \[NAME\]/ : new RegExp(`^Usage: yo plonefactory:${gen}`));
    }
  });
});
