// Both entry points, `plonefactory …` and `yo plonefactory…` (as yo 7 runs it: its own argv
// parsing, then yeoman-environment), on the same command lines, valid and invalid, typos
// included: the same files, the same exit code and the same error line.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { BIN, defaultProject, inParallel, plonefactory, runLater, tempDir, YO, yo, type CliResult } from '../support/cli.js';
import { assertSameOutcome, CASES, caseArgs, prepareCase } from '../support/entry-cases.js';

describe('the two entry points, plonefactory and yo plonefactory', function () {
  this.timeout(300000);
  /** Per case: each entry point's run, in its own folder. */
  let runs: Array<{ bin: { result: CliResult; dir: string }; viaYo: { result: CliResult; dir: string } }>;

  before(async function () {
    // every run first, two at a time (each its own folder), then each case's verdict
    const base = defaultProject();
    const jobs = CASES.flatMap((c) => (['plonefactory', 'yo'] as const).map((entry) => async () => {
      const dir = tempDir('acme');
      prepareCase(c, dir, base);
      return { result: await runLater(entry === 'plonefactory' ? BIN : YO, dir, caseArgs(c, entry)), dir };
    }));
    const done = await inParallel(jobs);
    runs = CASES.map((_c, i) => ({ bin: done[2 * i]!, viaYo: done[2 * i + 1]! }));
  });

  CASES.forEach((c, i) => {
    it(`${c.gen} ${c.args.join(' ') || '(no arguments)'}${c.empty ? ' (no project)' : ''}: exit ${c.status} from both, the same files and error line`, function () {
      assertSameOutcome(c, runs[i]!.bin, runs[i]!.viaYo);
    });
  });

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
