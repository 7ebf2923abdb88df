// The checks cover every config a user can pass to bin/buildout, not only profiles/*.cfg:
// buildout.cfg first, and any other *.cfg at the root.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultProject, plonefactory } from '../support/cli.js';
import { extendsCache } from '../support/extends-cache.js';

describe('root configs in the checks', function () {
  this.timeout(60000);

  it('check resolves a root *.cfg of the user\'s and reports its trap with file:line', function () {
    const dir = defaultProject();
    // a part install would need and nothing defines (a reference in a section nothing reads is only info)
    writeFileSync(join(dir, 'staging.cfg'), '[buildout]\nextends = profiles/production.cfg\nparts += nosuch\n');
    // with the pin files at hand: a name an unread pin URL might define would only be info
    const r = plonefactory(dir, ['check', '--extends-cache', extendsCache()]);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, /^staging\.cfg:3: error: undefined-part: /m);
    assert.match(r.stdout, /buildout\.cfg, staging\.cfg\)/);
  });
});
