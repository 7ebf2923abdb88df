// runProjectCheck: the check other generators call before they write.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runProjectCheck } from '../../lib/buildout/check-project-cli.js';
import { UsageError } from '../../lib/generator/usage-error.js';
import { BUILDOUT_FIXTURES } from './projects.js';

describe('runProjectCheck', function () {
  it('returns the rules, the profiles resolved and sorted findings with absolute paths', function () {
    const dir = join(BUILDOUT_FIXTURES, 'check/traps');
    const report = runProjectCheck({ dir });
    assert.equal(report.mode, '2.13');
    assert.deepEqual(report.targets, ['profiles/broken.cfg', 'profiles/production.cfg', 'buildout.cfg']);
    assert.deepEqual(report.findings.map((f) => f.severity).sort(), ['error', 'error', 'error', 'error', 'error', 'info', 'info']);
    assert.ok(report.findings.every((f) => f.file.startsWith(dir + '/')));
    assert.equal(runProjectCheck({ dir, buildout: '3' }).mode, '3');
  });

  it('throws a UsageError (exit code 2) for what the caller got wrong', function () {
    const dir = join(BUILDOUT_FIXTURES, 'check/clean');
    const usage = (f: () => unknown, message: RegExp): void => assert.throws(f, (e: unknown) => e instanceof UsageError && e.exitCode === 2 && message.test(e.message));
    usage(() => runProjectCheck({ dir, profiles: ['nope'] }), /unknown profile "nope" \(profiles here: development, production, project; /);
    usage(() => runProjectCheck({ dir: join(BUILDOUT_FIXTURES, 'check') }), /is not a buildout \(no \.cfg file in it, no profiles\/\)/);
    usage(() => runProjectCheck({ dir, buildout: '1' }), /--buildout 1: expected 2\.13 or 3/);
    usage(() => runProjectCheck({ dir, extendsCache: 'no-such-cache' }), /--extends-cache no-such-cache: no such directory/);
    assert.deepEqual(runProjectCheck({ dir }).findings, []);
  });
});
