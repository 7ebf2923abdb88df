// The one-site bench times cookiecutter rendering a template made from our own output
// (bench/cookiecutter-plonefactory): when the generator's output changes and the template is
// not made again, the bench stops ("outputs differ") and `npm run bench` fails. Caught here.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { TEMPLATE_DIR, writeTemplate } from '../../bench/cookiecutter-template.js';
import { listFiles } from '../support/files.js';

/** Each file's text and whether it is executable: all a git checkout keeps of its mode. */
const tree = (dir: string): Map<string, string> =>
  new Map(listFiles(dir).map((p) => [relative(dir, p), `${statSync(p).mode & 0o111 ? 'x' : '-'} ${readFileSync(p, 'utf8')}`]));

describe('the one-site bench\'s cookiecutter template', function () {
  it('is today\'s output of plonefactory --defaults (else: node dist/bench/cookiecutter-template.js)', function () {
    const dir = join(mkdtempSync(join(tmpdir(), 'pf-cc-')), 'template');
    try {
      writeTemplate(dir);
      const want = tree(dir);
      const have = tree(TEMPLATE_DIR);
      assert.deepEqual([...have.keys()].sort(), [...want.keys()].sort());
      for (const [path, text] of want) assert.equal(have.get(path), text, `${path} is not today's output: node dist/bench/cookiecutter-template.js`);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  });
});
