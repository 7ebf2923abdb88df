// `plonefactory check`: each trap is reported at the file:line that causes it; clean projects
// report nothing.
import { strict as assert } from 'node:assert';
import { join, relative } from 'node:path';
import { checkProfile, checkProject, formatHuman, formatJson, type Finding } from '../../lib/buildout/check.js';
import { FIXTURES } from './real-buildout.js';

const at = (base: string, findings: Finding[]): string[] => findings.map((f) => `${relative(base, f.file)}:${f.line} ${f.code}`).sort();

describe('buildout check', function () {
  it('reports nothing for a clean project', function () {
    const dir = join(FIXTURES, 'check/clean');
    assert.deepEqual(checkProject(dir), []);
    assert.equal(formatHuman([], dir), 'no findings\n');
  });

  it('reports the zopeskel.unis `parts =` trap at each fragment that discards parts', function () {
    const dir = join(FIXTURES, 'unis-trap');
    assert.deepEqual(at(dir, checkProfile(join(dir, 'buildout.cfg'))), [
      'etc/backup.cfg:2 discarded-values', 'etc/balancer.cfg:2 discarded-values',
      'etc/cache.cfg:2 discarded-values', 'etc/supervisor.cfg:2 discarded-values',
    ]);
    assert.deepEqual(checkProfile(join(FIXTURES, 'unis-fixed', 'buildout.cfg')), []);
  });

  it('reports stack level conflicts and fragments with their own extends', function () {
    const dir = join(FIXTURES, 'check/stack');
    assert.deepEqual(at(dir, checkProject(dir)), [
      'profiles/production.cfg:5 stack-level-conflict',
      'profiles/stack/haproxy-base.cfg:2 discarded-values',
    ]);
  });

  it('reports operator, pin, egg, port, reference, part and parse traps', function () {
    const dir = join(FIXTURES, 'check/traps');
    const findings = checkProject(dir);
    // `=` then `+=` in one file, and `zcml+=`: both zc.buildouts give the same values here, so
    // neither is a finding; the `+=` on an undeclared key does differ, and says how
    assert.deepEqual(at(dir, findings), [
      'profiles/addons.cfg:15 pin-conflict',
      'profiles/addons.cfg:2 duplicate-egg',
      'profiles/addons.cfg:8 version-dependent',
      'profiles/broken.cfg:3 parse-error',
      'profiles/project.cfg:18 port-conflict',
      'profiles/project.cfg:2 undefined-part',
      'profiles/project.cfg:27 unresolved-reference',
    ]);
    const human = formatHuman(findings, dir);
    assert.match(human, /^profiles\/addons\.cfg:2: info: duplicate-egg: \[project-settings\] eggs lists collective\.easyform twice$/m);
    assert.match(human, /^profiles\/addons\.cfg:15: error: pin-conflict: Plone is pinned to 5\.2\.15 here and to 5\.2\.4 at profiles\/project\.cfg:21/m);
    // [instance-extra] is read by nothing: true, but info
    assert.match(human, /^profiles\/addons\.cfg:8: info: version-dependent: \[instance-extra\] eggs is absent \(a raw key 'eggs \+' instead\) under zc\.buildout 2\.13 but "some\.egg" under 3\.x$/m);
    assert.match(human, /\n7 findings\n$/);
    const json = JSON.parse(formatJson(findings)) as Finding[];
    assert.deepEqual(Object.keys(json[0] ?? {}).sort(), ['code', 'file', 'line', 'message', 'severity']);
  });

  it('reports what zc.buildout 2.13 and 3.x read differently', function () {
    const dir = join(FIXTURES, 'sibling-trap-2');
    const [diff] = checkProfile(join(dir, 'buildout.cfg'));
    assert.deepEqual(at(dir, checkProfile(join(dir, 'buildout.cfg'))), ['fragment.cfg:5 version-dependent']);
    // it says which values: the ones real zc.buildout 2.13 and 5.2 give (test/buildout/differential*.test.ts)
    assert.equal(diff?.severity, 'warning');
    assert.equal(diff?.message, '[project-settings] eggs is "\\nfragment.addon" under zc.buildout 2.13 but "Plone\\nfragment.addon" under 3.x');
    const one = (c: string): string[] => at(join(FIXTURES, c), checkProfile(join(FIXTURES, c, 'buildout.cfg')));
    assert.deepEqual(one('plus-missing').filter((f) => !f.endsWith('version-dependent')), []);
    assert.ok(one('plus-missing').length > 0);
    // `eggs+=`: a trap in general, but here both give the same values
    assert.deepEqual(one('nospace-plus'), []);
    // `+=` then `=` in one file: 3.x's parser drops the `+=` (real 5.2 does), 2.13 applies it
    assert.deepEqual(checkProfile(join(FIXTURES, 'same-file-ops', 'buildout.cfg')).map((f) => `${f.line} ${f.severity} ${f.message}`), [
      '7 warning [a] eggs is "replaced\\nadded" under zc.buildout 2.13 but "replaced" under 3.x',
    ]);
  });

  it('reports reference and load errors with their location', function () {
    const one = (c: string): string[] => at(join(FIXTURES, c), checkProfile(join(FIXTURES, c, 'buildout.cfg')));
    assert.deepEqual(one('err-missing-option'), ['buildout.cfg:6 unresolved-reference']);
    assert.deepEqual(one('err-missing-section'), ['buildout.cfg:6 unresolved-reference']);
    assert.deepEqual(one('err-circular'), ['buildout.cfg:9 circular-reference']);
    assert.deepEqual(one('err-too-many-colons'), ['buildout.cfg:6 invalid-reference']);
    assert.deepEqual(one('err-macro-missing'), ['buildout.cfg:5 macro-error']);
    assert.deepEqual(one('err-undefined-part'), ['buildout.cfg:2 undefined-part']);
    assert.deepEqual(one('err-parse'), ['buildout.cfg:5 parse-error', 'buildout.cfg:7 parse-error', 'buildout.cfg:9 parse-error']);
    assert.deepEqual(one('err-missing-extends'), ['buildout.cfg:2 missing-extends']);
  });
});
