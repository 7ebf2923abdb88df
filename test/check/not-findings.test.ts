// What issue 15 found check calling wrong on real buildouts, each now not a finding: the
// ordinary things buildouts do. (The corpus test measures the same on public buildouts.)
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkProfile, type Finding } from '../../lib/buildout/check.js';
import { fileTree } from '../support/cli.js';

function findings(files: Record<string, string>, mode: '2.13' | '3' = '2.13'): string[] {
  const dir = fileTree('not-findings', files);
  try {
    return checkProfile(join(dir, 'buildout.cfg'), { mode }).map((f: Finding) => `${f.file.slice(dir.length + 1)}:${f.line} ${f.severity} ${f.code}: ${f.message.split(dir + '/').join('')}`).sort();
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}

describe('check: what buildouts ordinarily do is not a finding', function () {
  it('an `=` over an earlier `=`, and an empty `=` that resets, in a later file', function () {
    assert.deepEqual(findings({
      'buildout.cfg': '[buildout]\nextends = base.cfg addons.cfg local.cfg\nparts = a\n\n[a]\nrecipe = r\n',
      'base.cfg': '[sources]\nx = git https://example.org/x.git\n\n[a]\ncolor = blue\neggs = one\n',
      'addons.cfg': '[a]\neggs += two\n',
      'local.cfg': '[sources]\nx = fs x\n\n[a]\ncolor = red\neggs =\n',
    }), []);
  });

  it('a file extended as etc/x.cfg and as ./etc/x.cfg', function () {
    assert.deepEqual(findings({
      'buildout.cfg': '[buildout]\nextends = etc/x.cfg ./etc/y.cfg\nparts = a\n\n[a]\nrecipe = r\n',
      'etc/x.cfg': '[buildout]\nparts = a\n',
      'etc/y.cfg': '[buildout]\nextends = ./x.cfg\n',
    }), []);
  });

  it('pins in conditional sections, and a pin re-pinned by a file that extends the first', function () {
    assert.deepEqual(findings({
      'buildout.cfg': '[buildout]\nextends = py2.cfg py3.cfg newer.cfg\nparts =\n',
      'py2.cfg': '[versions:python27]\nsix = 1.10.0\n',
      'py3.cfg': '[versions:python3]\nsix = 1.16.0\n',
      'base-pins.cfg': '[versions]\nlxml = 4.9.0\n',
      'newer.cfg': '[buildout]\nextends = base-pins.cfg\n\n[versions]\nlxml = 5.2.1\n',
    }, '3'), []);
  });

  it('what recipes set at install time, parts given by a reference, and ports that are placeholders', function () {
    assert.deepEqual(findings({
      'buildout.cfg': `[buildout]
parts = \${buildout:app-parts}
app-parts = omelette zeo app

[omelette]
recipe = collective.recipe.omelette
eggs = Plone

[zeo]
recipe = plone.recipe.zeoserver

[app]
recipe = collective.recipe.template
input = inline:\${omelette:location} \${zeo:location}
output = \${buildout:directory}/app

[ports]
instance1 = xxxx
instance2 = xxxx
`,
    }), []);
  });

  it('while a `+=` lost to a later `=`, and a reference install needs, still are errors', function () {
    assert.deepEqual(findings({
      'buildout.cfg': '[buildout]\nextends = base.cfg addon.cfg\nparts = a\n\n[a]\nrecipe = r\neggs = mine\nv = ${nowhere:x}\n',
      'base.cfg': '[a]\neggs = one\n',
      'addon.cfg': '[a]\neggs += addon.egg\n',
    }), [
      'buildout.cfg:7 error discarded-values: [a] eggs = here discards addon.egg, set by addon.cfg:2 (+=); use `eggs +=` after one `eggs =` in a file extended first',
      'buildout.cfg:8 error unresolved-reference: [a] v: ${nowhere:x} names section [nowhere], which is not defined',
    ]);
  });
});
