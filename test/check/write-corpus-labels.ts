// Rewrites test/fixtures/corpus/labels.json from a fresh corpus run (not a test):
//   npm run build && node dist/test/check/write-corpus-labels.js
// The corpus test fails while the file differs, so a change in check's precision is a diff.
import { writeFileSync } from 'node:fs';
import { LABELS } from './corpus.js';
import { corpusReport, precision } from './corpus-report.js';

const report = corpusReport();
const sorted = Object.fromEntries(Object.entries(report.labels).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(LABELS, JSON.stringify({ precision: precision(report.labels), labels: sorted }, null, 1) + '\n');
console.log(JSON.stringify({ roots: report.roots, agree213: report.agree213.length, agree52: report.agree52.length, disagree213: report.disagree213, disagree52: report.disagree52, precision: precision(report.labels) }, null, 1));
