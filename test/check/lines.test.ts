// A generated project of every Plone line reports nothing but the generator's known traps
// (issue 11: range pins under strict pinning, the git-ignored secrets.cfg), under its own
// line's buildout rules and under the other major's.
import { strict as assert } from 'node:assert';
import { PLONE, PLONE_LINES } from '../../lib/catalog/plone-lines.js';
import { modeForLine } from '../../lib/buildout/project-mode.js';
import { plonefactory } from '../support/cli.js';
import { extendsCache } from '../support/extends-cache.js';
import { generated, secretsByDesign } from './projects.js';

describe('plonefactory check on a generated project of each Plone line', function () {
  this.timeout(120000);

  for (const line of PLONE_LINES) {
    it(`Plone ${line} (zc.buildout ${PLONE[line].buildoutMajor}.x) reports nothing else`, function () {
      const dir = generated(['--plone', line, '--storage', 'zeo']);
      for (const rules of [[], ['--buildout', modeForLine(line) === '2.13' ? '3' : '2.13']]) {
        const r = plonefactory(dir, ['check', '--json', '--all', ...rules, '--extends-cache', extendsCache()]);
        const found = JSON.parse(r.stdout) as Array<{ file: string; line: number; code: string; severity: string; message: string }>;
        assert.deepEqual(found.filter((f) => !secretsByDesign(f)).map((f) => `${f.file}:${f.line} ${f.code}: ${f.message}`), [], rules.join(' '));
        assert.equal(r.status, 0);
      }
    });
  }
});
