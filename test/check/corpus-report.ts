// Runs the corpus end to end and returns what the corpus test asserts and the labels file
// records: differential agreement per root and version, and every finding judged.
import { closeCorpus, findingId, findingsOf, openCorpus, ours, real, type RealOutcome } from './corpus.js';
import { judge } from './corpus-judge.js';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';

export interface CorpusReport {
  roots: number;
  /** Roots where ours agrees with the real version (value for value, or the same error). */
  agree213: string[];
  agree52: string[];
  disagree213: string[];
  disagree52: string[];
  /** finding id -> label and why (a finding reported by several roots: true only if true for each). */
  labels: Record<string, { label: boolean; why: string }>;
}

function same(a: RealOutcome, b: RealOutcome): boolean {
  const strip = ({ config: _c, errors: _e, ...rest }: RealOutcome): unknown => rest;
  try {
    assert.deepEqual(strip(a), strip(b));
    return true;
  } catch {
    return false;
  }
}

export function corpusReport(): CorpusReport {
  const c = openCorpus();
  try {
    const configs = c.roots.map((r) => r.config);
    const full213 = real('2.13', configs, c.cache, false).results;
    const full52 = real('5.2', configs, c.cache, false);
    const per213 = real('2.13', configs, c.cache, true).results;
    const per52 = real('5.2', configs, c.cache, true).results;
    const rel = (p: string): string => p.slice(c.dir.length + 1);
    const report: CorpusReport = { roots: configs.length, agree213: [], agree52: [], disagree213: [], disagree52: [], labels: {} };
    c.roots.forEach((root, i) => {
      const name = rel(root.config);
      (same(ours(root.config, '2.13', c.cache), full213[i] as RealOutcome) ? report.agree213 : report.disagree213).push(name);
      (same(ours(root.config, '3', c.cache, full52.executable), full52.results[i] as RealOutcome) ? report.agree52 : report.disagree52).push(name);
      const r213 = per213[i] as RealOutcome;
      const r52 = per52[i] as RealOutcome;
      for (const f of findingsOf(c, root)) {
        const id = findingId(c, f);
        const j = judge(f, root.mode === '3' ? r52 : r213, r213, r52);
        const prev = report.labels[id];
        report.labels[id] = prev && !prev.label ? prev : j.label ? (prev ?? j) : j;
      }
    });
    // a parse error in a file no root reads: judged by the real buildout reading that file itself
    const lonely = Object.keys(report.labels).filter((id) => / info: parse-error: /.test(id));
    const files = [...new Set(lonely.map((id) => join(c.dir, id.slice(0, id.indexOf(':')))))];
    const readAlone = files.length ? real('2.13', files, c.cache, false).results : [];
    const alone = new Map(files.map((f, i) => [f, readAlone[i] as RealOutcome]));
    for (const id of lonely) {
      const r = alone.get(join(c.dir, id.slice(0, id.indexOf(':'))));
      const parses = !r || r.ok || !/Parsing|MissingSectionHeader/.test(r.kind ?? '');
      report.labels[id] = parses ? { label: false, why: 'the real buildout parses this file' } : { label: true, why: `the real buildout fails to read this file: ${r.kind}` };
    }
    return report;
  } finally {
    closeCorpus(c);
  }
}

/** true/false counts per severity. */
export function precision(labels: CorpusReport['labels']): Record<string, { true: number; false: number }> {
  const out: Record<string, { true: number; false: number }> = { error: { true: 0, false: 0 }, warning: { true: 0, false: 0 }, info: { true: 0, false: 0 } };
  for (const [id, l] of Object.entries(labels)) {
    const sev = /:\d+: (error|warning|info): /.exec(id)?.[1] ?? 'info';
    (out[sev] as { true: number; false: number })[l.label ? 'true' : 'false']++;
  }
  return out;
}
