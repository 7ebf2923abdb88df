// check on public Plone buildouts (test/fixtures/corpus): our resolver against both real
// zc.buildouts value for value on every entry point, and every finding judged true or false
// by the real resolutions. The judgements are kept in test/fixtures/corpus/labels.json: a
// change in check's precision shows as a diff of that file (rewrite it with
// `node dist/test/check/write-corpus-labels.js` and review the diff).
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runProjectCheck } from '../../lib/buildout/check-project-cli.js';
import { requireTool } from '../support/real-tools.js';
import { scratchCorpus } from '../buildout/real-buildout.js';
import { LABELS, real, requireCorpus, type RealOutcome } from './corpus.js';
import { judge } from './corpus-judge.js';
import { corpusReport, precision, type CorpusReport } from './corpus-report.js';

interface Stored { precision: ReturnType<typeof precision>; labels: CorpusReport['labels'] }

describe('check on the public-buildout corpus, judged by real zc.buildout 2.13 and 5.2', function () {
  let report: CorpusReport;
  const stored = JSON.parse(readFileSync(LABELS, 'utf8')) as Stored;

  before(function () {
    requireCorpus(this);
    requireTool(this, 'buildout');
    requireTool(this, 'buildout5');
    report = corpusReport();
  });

  it('resolves every entry point as real 2.13 does, and under the 3.x rules as real 5.2 does', function () {
    assert.ok(report.roots >= 40, `only ${report.roots} entry points`);
    assert.deepEqual(report.disagree213, []);
    // 3.x agrees with real 5.2 wherever 2.13 agrees with real 2.13
    assert.deepEqual(report.disagree52.filter((r) => report.agree213.includes(r)), []);
  });

  it('judges every finding as the stored labels do', function () {
    assert.deepEqual(report.labels, stored.labels);
    assert.deepEqual(precision(report.labels), stored.precision);
  });

  it('shows no false error and at most 5% false warnings by default', function () {
    const p = precision(report.labels);
    assert.equal(p['error']?.false, 0, 'false errors');
    const w = p['warning'] ?? { true: 0, false: 0 };
    assert.ok(w.false <= 0.05 * (w.true + w.false), `${w.false} false warnings of ${w.true + w.false}`);
  });

  it('still reports the zopeskel.unis parts loss as errors, each one true', function () {
    const unis = Object.entries(report.labels).filter(([id]) => id.startsWith('zopeskel-unis/profiles/etc/') && id.includes(': error: discarded-values: [buildout] parts = here discards'));
    const lost = new Set(unis.flatMap(([id]) => (/discards (.*?), set by/.exec(id)?.[1] ?? '').split(' ')));
    for (const part of ['PIL', 'plonesite', 'backup', 'balancer-build', 'cache-build']) assert.ok(lost.has(part), `${part} not reported lost`);
    assert.ok(unis.every(([, l]) => l.label));
  });
});

describe('check on our own hand-written buildouts (test/buildout/fixtures), judged the same way', function () {
  before(function () {
    requireTool(this, 'buildout');
    requireTool(this, 'buildout5');
  });

  it('never crashes, and shows no false error or warning', function () {
    const c = scratchCorpus();
    try {
      const roots = (d: string): string[] => readdirSync(join(c.dir, d)).map((x) => join(d, x));
      const cases = [...roots('.'), ...roots('check')].filter((d) => existsSync(join(c.dir, d, 'buildout.cfg')));
      const configs = cases.map((d) => join(c.dir, d, 'buildout.cfg'));
      const r213 = real('2.13', configs, c.cache, true).results;
      const r52 = real('5.2', configs, c.cache, true).results;
      const wrong: string[] = [];
      let judged = 0;
      cases.forEach((d, i) => {
        const found = runProjectCheck({ dir: join(c.dir, d), profiles: ['buildout.cfg'], extendsCache: c.cache }).findings;
        for (const f of found.filter((x) => x.severity !== 'info')) {
          judged++;
          const [a, b] = [r213[i] as RealOutcome, r52[i] as RealOutcome];
          const j = judge(f, a, a, b);
          if (!j.label) wrong.push(`${d}:${f.line} ${f.severity} ${f.code}: ${j.why}`);
        }
      });
      assert.ok(cases.length >= 30 && judged >= 20, `${cases.length} cases, ${judged} findings`);
      assert.deepEqual(wrong, []);
    } finally {
      rmSync(c.dir, { recursive: true, force: true });
    }
  });
});
