// The checks cover every config a user can pass to bin/buildout, not only profiles/*.cfg:
// buildout.cfg first, and any other *.cfg at the root.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plonefactory, tempDir } from '../support/cli.js';

describe('root configs in the checks', function () {
  this.timeout(60000);

  it('check resolves a root *.cfg of the user\'s and reports its trap with file:line', function () {
    const dir = tempDir('acme');
    mkdirSync(dir);
    assert.equal(plonefactory(dir, ['--defaults']).status, 0);
    writeFileSync(join(dir, 'staging.cfg'), '[buildout]\nextends = profiles/production.cfg\n\n[site]\nurl = ${nosuch:url}\n');
    const r = plonefactory(dir, ['check']);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, /^staging\.cfg:5: /m);
    assert.match(r.stdout, /buildout\.cfg, staging\.cfg\)/);
  });
});
