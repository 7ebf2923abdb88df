// Differential tests: every fixture profile resolved by our resolver (mode 2.13) and by the real
// zc.buildout 2.13 (one Python process for the whole corpus) must agree: same parts, same
// install order, same sections with the same substituted values, or the same error kind and
// message. We model all of buildout's built-in [buildout] defaults (BUILDOUT_DEFAULT_KEYS plus
// directory, versions, offline and extends-cache from the command line), so [buildout] is
// compared whole too; the one thing we pin instead of reading from the installed Python is
// `executable` (/usr/bin/python3) and the `zc.buildout = >=2.13.2` default pin.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { requireTool } from '../support/real-tools.js';
import { defaultContext } from '../../lib/buildout/condition.js';
import { newLoadCache } from '../../lib/buildout/load.js';
import { tryResolve, type Mode } from '../../lib/buildout/resolve.js';
import { runRealBuildout, scratchCorpus, type RealResult } from './real-buildout.js';
import { generatedProjects, sharedPool } from './random-profiles.js';

describe('buildout resolver vs real zc.buildout 2.13', function () {
  let corpus: ReturnType<typeof scratchCorpus>;
  let cases: string[] = [];
  const real = new Map<string, RealResult>();

  before(function () {
    requireTool(this, 'buildout');
    corpus = scratchCorpus();
    const roots = (dir: string): string[] => readdirSync(join(corpus.dir, dir)).map((d) => join(dir, d));
    cases = [...roots('.'), ...roots('check')].filter((d) => existsSync(join(corpus.dir, d, 'buildout.cfg'))).sort();
    const configs = cases.map((c) => join(corpus.dir, c, 'buildout.cfg'));
    for (const r of runRealBuildout(configs, corpus.cache)) real.set(r.config, r);
  });

  after(function () {
    if (corpus) rmSync(corpus.dir, { recursive: true, force: true });
  });

  it('has a corpus of ok and error cases', function () {
    assert.ok(cases.length >= 30, `only ${cases.length} cases`);
    const oks = [...real.values()].filter((r) => r.ok).length;
    assert.ok(oks >= 15 && real.size - oks >= 10, `${oks} ok of ${real.size}`);
  });

  it('agrees with zc.buildout on every fixture', function () {
    const failures: string[] = [];
    for (const c of cases) {
      const config = join(corpus.dir, c, 'buildout.cfg');
      const theirs = real.get(config);
      assert.ok(theirs, `no real result for ${c}`);
      const ours = tryResolve(config, { mode: '2.13', extendsCache: corpus.cache });
      try {
        if (!theirs.ok) {
          assert.equal(ours.ok, false, `${c}: real buildout failed (${theirs.kind}: ${theirs.message}) but we resolved`);
          if (!ours.ok) {
            assert.equal(ours.error.kind, theirs.kind, `${c}: error kind`);
            assert.equal(ours.error.message, theirs.message, `${c}: error message`);
          }
          continue;
        }
        assert.ok(ours.ok, `${c}: we failed with ${!ours.ok ? `${ours.error.kind}: ${ours.error.message}` : ''}`);
        if (!ours.ok) continue;
        assert.deepEqual(ours.resolved.parts, theirs.parts, `${c}: parts`);
        assert.deepEqual(ours.resolved.installOrder, theirs.installOrder, `${c}: install order`);
        assert.deepEqual(Object.keys(ours.resolved.sections).sort(), Object.keys(theirs.sections).sort(), `${c}: sections`);
        for (const [name, values] of Object.entries(theirs.sections)) {
          assert.deepEqual(ours.resolved.sections[name], values, `${c}: [${name}]`);
        }
      } catch (e) {
        failures.push((e as Error).message);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('reads the URL extends from the url map as from the extends-cache', function () {
    const config = join(corpus.dir, 'url-extends', 'buildout.cfg');
    const viaMap = tryResolve(config, { mode: '2.13', urlMap: corpus.urlMap });
    const viaCache = tryResolve(config, { mode: '2.13', extendsCache: corpus.cache });
    assert.ok(viaMap.ok && viaCache.ok);
    assert.deepEqual(viaMap.resolved.sections.versions, viaCache.resolved.sections.versions);
    assert.equal(viaMap.resolved.sections.a?.plone, '5.2');
  });

  it('agrees with zc.buildout on generated multi-file profiles', function () {
    const projects = generatedProjects(150);
    try {
      const configs = projects.map((p) => join(p, 'buildout.cfg'));
      const results = runRealBuildout(configs, null);
      const failures: string[] = [];
      results.forEach((theirs, i) => {
        const ours = tryResolve(configs[i] as string, { mode: '2.13' });
        const mine = ours.ok
          ? { ok: true, parts: ours.resolved.parts, installOrder: ours.resolved.installOrder, sections: ours.resolved.sections }
          : { ok: false, kind: ours.error.kind, message: ours.error.message };
        const { config: _config, ...real } = theirs;
        try {
          assert.deepEqual(mine, real);
        } catch {
          failures.push(`${configs[i]}\n ours:   ${JSON.stringify(mine).slice(0, 800)}\n theirs: ${JSON.stringify(real).slice(0, 800)}`);
        }
      });
      assert.equal(failures.length, 0, failures.slice(0, 3).join('\n'));
      const kinds = results.map((r) => (r.ok ? 'ok' : r.kind)).reduce<Record<string, number>>((m, k) => ({ ...m, [k]: (m[k] ?? 0) + 1 }), {});
      assert.ok((kinds.ok ?? 0) > 40, `too few generated profiles resolve: ${JSON.stringify(kinds)}`);
    } finally {
      for (const p of projects) rmSync(p, { recursive: true, force: true });
    }
  });

  // The profiles of a project are resolved as one batch: files shared by its roots are read,
  // parsed and merged once (load.ts's tree memo). A root must not see what an earlier root of
  // the batch made differently: the batch must give what fresh resolutions and real buildout give.
  it('agrees with zc.buildout and with fresh resolutions when roots share one load cache', function () {
    const { dir, roots } = sharedPool(40);
    try {
      const results = runRealBuildout(roots, null);
      const summary = (o: ReturnType<typeof tryResolve>): unknown => (o.ok
        ? { ok: true, parts: o.resolved.parts, installOrder: o.resolved.installOrder, sections: o.resolved.sections }
        : { ok: false, kind: o.error.kind, message: o.error.message });
      const files = (o: ReturnType<typeof tryResolve>): unknown => (o.ok ? o.resolved.files.map((f) => [f.name, f.index, f.parent, f.parentIndex]) : null);
      const failures: string[] = [];
      for (const mode of ['2.13', '3'] as Mode[]) {
        const cache = newLoadCache();
        // twice over, the second time backwards: every root meets trees that other roots opened
        for (const i of [...roots.keys(), ...[...roots.keys()].reverse()]) {
          const root = roots[i] as string;
          const shared = tryResolve(root, { mode, cache });
          const fresh = tryResolve(root, { mode });
          try {
            assert.deepEqual(summary(shared), summary(fresh), 'shared cache vs fresh');
            assert.deepEqual(files(shared), files(fresh), 'files read');
            if (mode === '2.13') {
              const { config: _config, ...real } = results[i] as RealResult;
              assert.deepEqual(summary(shared), real, 'vs real zc.buildout');
            }
          } catch (e) {
            failures.push(`${mode} ${root}: ${(e as Error).message.slice(0, 600)}`);
          }
        }
        assert.ok(cache.trees.size > 0, 'the batch shared no tree');
        // the same cache asked for another platform: trees under a conditional header must not be reused
        const windows = { ...defaultContext(mode), platform: 'win32' };
        for (const root of roots) {
          try {
            assert.deepEqual(summary(tryResolve(root, { mode, cache, condition: windows })), summary(tryResolve(root, { mode, condition: windows })), 'win32 after linux');
          } catch (e) {
            failures.push(`${mode} ${root}: ${(e as Error).message.slice(0, 600)}`);
          }
        }
      }
      assert.equal(failures.length, 0, failures.slice(0, 3).join('\n'));
      const kinds = new Set(results.map((r) => (r.ok ? 'ok' : r.kind)));
      assert.ok(kinds.has('ok') && kinds.has('UserError'), `the pool should give resolved roots and recursive includes: ${[...kinds].join(', ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
