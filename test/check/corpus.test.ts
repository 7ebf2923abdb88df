// check on public Plone buildouts (test/fixtures/corpus): our resolver against both real
// zc.buildouts value for value on every entry point, and every finding judged true or false
// by the real resolutions. The judgements are kept in test/fixtures/corpus/labels.json: a
// change in check's precision shows as a diff of that file (rewrite it with
// `node dist/test/check/write-corpus-labels.js` and review the diff).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { requireTool } from '../support/real-tools.js';
import { LABELS } from './corpus.js';
import { corpusReport, precision, type CorpusReport } from './corpus-report.js';

interface Stored { precision: ReturnType<typeof precision>; labels: CorpusReport['labels'] }

describe('check on the public-buildout corpus, judged by real zc.buildout 2.13 and 5.2', function () {
  let report: CorpusReport;
  const stored = JSON.parse(readFileSync(LABELS, 'utf8')) as Stored;

  before(function () {
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
