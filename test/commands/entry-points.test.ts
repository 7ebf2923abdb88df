// Both entry points, `plonefactory …` and `yo plonefactory…` (as yo 7 runs it: its own argv
// parsing, then yeoman-environment), on the same command lines, valid and invalid, typos
// included: the same files, the same exit code and the same error line.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { defaultProject, plonefactory, tempDir, yo } from '../support/cli.js';
import { assertSameOutcome, CASES, caseArgs, prepareCase } from '../support/entry-cases.js';

describe('the two entry points, plonefactory and yo plonefactory', function () {
  this.timeout(300000);
  let base: string;

  before(function () {
    base = defaultProject();
  });

  for (const c of CASES) {
    it(`${c.gen} ${c.args.join(' ') || '(no arguments)'}${c.empty ? ' (no project)' : ''}: exit ${c.status} from both, the same files and error line`, function () {
      const dirs = [tempDir('acme'), tempDir('acme')];
      for (const d of dirs) prepareCase(c, d, base);
      const bin = plonefactory(dirs[0]!, caseArgs(c, 'plonefactory'));
      const viaYo = yo(dirs[1]!, caseArgs(c, 'yo'));
      assertSameOutcome(c, { result: bin, dir: dirs[0]! }, { result: viaYo, dir: dirs[1]! });
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
