// The 3.x rules judged by the real zc.buildout 5.2.0 (its source in ../shared, run with the
// pyenv python3): the hand fixtures, random multi-file profiles (with optional-extends) and
// the shared-pool roots, resolved by our resolver in mode 3 as zc.buildout 5.2.0, must agree
// value for value, or fail with the same error kind and message.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { requireTool } from '../support/real-tools.js';
import { disagreements, ours5, runRealBuildoutWith, scratchCorpus } from './real-buildout.js';
import { generatedProjects, sharedPool } from './random-profiles.js';

describe('buildout resolver (3.x rules) vs real zc.buildout 5.2', function () {
  before(function () {
    requireTool(this, 'buildout5');
  });

  it('agrees with zc.buildout 5.2 on every hand fixture', function () {
    const corpus = scratchCorpus();
    try {
      const roots = (dir: string): string[] => readdirSync(join(corpus.dir, dir)).map((d) => join(dir, d));
      const configs = [...roots('.'), ...roots('check')].filter((d) => existsSync(join(corpus.dir, d, 'buildout.cfg'))).sort().map((c) => join(corpus.dir, c, 'buildout.cfg'));
      assert.ok(configs.length >= 30, `only ${configs.length} cases`);
      const real = runRealBuildoutWith('5.2', configs, corpus.cache);
      assert.deepEqual(disagreements(configs, real.results, (c) => ours5(c, real.executable, { extendsCache: corpus.cache })), []);
    } finally {
      rmSync(corpus.dir, { recursive: true, force: true });
    }
  });

  it('agrees with zc.buildout 5.2 on random multi-file profiles with optional-extends', function () {
    const projects = generatedProjects(150, true, 17);
    try {
      const configs = projects.map((p) => join(p, 'buildout.cfg'));
      const real = runRealBuildoutWith('5.2', configs, null);
      const failures = disagreements(configs, real.results, (c) => ours5(c, real.executable));
      assert.equal(failures.length, 0, failures.slice(0, 3).join('\n'));
      const oks = real.results.filter((r) => r.ok).length;
      assert.ok(oks > 40, `too few generated profiles resolve: ${oks}`);
      // the feature is exercised: many resolved profiles have optional-extends somewhere
      const withOptional = projects.filter((p, i) => real.results[i]?.ok && ['buildout.cfg', 'a.cfg', 'sub/b.cfg'].some((f) => readFileSync(join(p, f), 'utf8').includes('optional-extends')));
      assert.ok(withOptional.length >= 20, `only ${withOptional.length} resolved profiles use optional-extends`);
    } finally {
      for (const p of projects) rmSync(p, { recursive: true, force: true });
    }
  });

  it('agrees with zc.buildout 5.2 on roots sharing a pool of files (cycles included)', function () {
    const { dir, roots } = sharedPool(40);
    try {
      const real = runRealBuildoutWith('5.2', roots, null);
      assert.deepEqual(disagreements(roots, real.results, (c) => ours5(c, real.executable)), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
