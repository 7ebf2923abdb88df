// renderRecipeTemplate against collective.recipe.template's semantics: unit cases, then a
// differential run of every rendered stack template (and the unit cases) through the real
// zc.buildout Options._sub with the recipe's own two lines.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ejs from 'ejs';
import { COMPONENTS_BY_LEVEL } from '../../lib/catalog/stack.js';
import { buildChain, type StackChoices } from '../../lib/stack/chain.js';
import { renderRecipeTemplate, RecipeTemplateError } from '../../lib/stack/render-template.js';
import { stackTemplateContext } from '../../lib/stack/template-context.js';
import { PYTHON, requireTool } from '../support/real-tools.js';
import { stackSections, templateFile } from '../support/servers.js';

const sections = {
  buildout: { directory: '/srv/site' },
  hosts: { http: '127.0.0.1', cache: '127.0.0.1' },
  ports: { base: '8000', http: '${ports:base}0', cache: '${:http}1' },
  site: { id: 'Plone', domain: 'example.com' },
  nginx: { x: 'XV', ref: '${hosts:http}', escaped: '$${not:expanded}', me: '${:_buildout_section_name_}' },
  loop: { a: '${loop:b}', b: '${:a}' },
};

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof RecipeTemplateError, `expected a RecipeTemplateError, got ${String(e)}`);
    return (e as Error).message;
  }
  assert.fail('expected an error');
}

const render = (text: string, own = 'nginx') => renderRecipeTemplate(text, sections, own);

describe('renderRecipeTemplate (collective.recipe.template semantics)', function () {
  it('substitutes ${section:option}, late-binding references inside values', function () {
    assert.equal(render('listen ${hosts:http}:${ports:http};'), 'listen 127.0.0.1:80000;');
    assert.equal(render('${ports:cache}'), '800001', '${:http} inside [ports] means ports:http');
    assert.equal(render('${buildout:directory}/var/log'), '/srv/site/var/log');
  });

  it('reads ${option} from its own part', function () {
    assert.equal(render('x=${x} ref=${ref}'), 'x=XV ref=127.0.0.1');
    assert.equal(render('${me}'), 'nginx');
    assert.equal(errorOf(() => render('${x}', 'site')), 'Referenced option does not exist: site x');
  });

  it('leaves server syntax without ${ alone', function () {
    const text = 'rewrite ^(.*)$ /a/$host:1/$1 break; %{HTTP_HOST} %[req.hdr(host)] $$ req.http.host { }';
    assert.equal(render(text), text);
  });

  it('does NOT unescape $${...} in the template: the recipe calls Options._sub, which never splits on $$', function () {
    // $${x} -> "$" + value of the own part's x; $${hosts:http} -> "$" + its value.
    assert.equal(render('$${x}'), '$XV');
    assert.equal(render('$${hosts:http}'), '$127.0.0.1');
    assert.equal(errorOf(() => render('set $${host};')), 'Referenced option does not exist: nginx host');
    // Inside an option VALUE buildout does split on $$, so the escape survives there.
    assert.equal(render('${escaped}'), '$${not:expanded}');
  });

  it('names unknown references in its errors, like zc.buildout', function () {
    assert.equal(errorOf(() => render('${nope:x}')), "The referenced section, 'nope', was not defined.");
    assert.equal(errorOf(() => render('${hosts:nope}')), 'Referenced option does not exist: hosts nope');
    assert.equal(errorOf(() => render('${a:b:c}')), 'The substitution, ${a:b:c},\nhas too many colons.');
    assert.equal(errorOf(() => render('${}')), "The substitution, ${},\ndoesn't contain a colon.");
    assert.equal(errorOf(() => render('${ho$ts:http}')), 'The section name in substitution, ${ho$ts:http},\nhas invalid characters.');
    assert.equal(errorOf(() => render('${loop:a}')), 'Circular reference in substitutions.\n');
  });

  it('treats a ${ ... } spanning lines like the recipe\'s regex does', function () {
    // [^:]+? crosses newlines: "${\n}" becomes a reference to the option "\n" of the own part.
    assert.match(errorOf(() => render('a ${\n} b')), /^The option name in substitution, \$\{nginx:\n\},\nhas invalid characters\.$/);
  });
});

// ---------------------------------------------------------------- differential

const PY = String.raw`
import collections, collections.abc, json, re, sys
collections.MutableMapping = collections.abc.MutableMapping
import zc.buildout
from zc.buildout.buildout import Options, MissingSection

data = json.load(sys.stdin)
out = []
for case in data['cases']:
    raw = dict(data['sections'])
    raw.setdefault(case['own'], {})
    class B(dict):
        def __missing__(self, key):
            raise MissingSection(key)
    b = B()
    for name, opts in raw.items():
        b[name] = Options(b, name, dict(opts))
    # collective.recipe.template's Recipe._execute, verbatim:
    # (the replacement is r"$" "{%s:\1}" in the recipe; split here only for the JS template literal)
    template = re.sub(r"\$\{([^:]+?)\}", (r"$" r"{%s:\1}") % case['own'], case['text'])
    try:
        out.append({'ok': b[case['own']]._sub(template, [])})
    except MissingSection as e:
        out.append({'error': str(e)})
    except zc.buildout.UserError as e:
        out.append({'error': ' '.join(map(str, e.args))})
print(json.dumps(out))
`;

describe('renderRecipeTemplate matches real zc.buildout + collective.recipe.template', function () {
  this.timeout(60_000);

  it('on the unit cases and on every rendered stack template of every combination', function () {
    requireTool(this, 'buildout');
    const cases: Array<{ text: string; own: string; sections: Record<string, Record<string, string>> }> = [];
    for (const text of ['${hosts:http}:${ports:cache}', '${x}${ref}${me}', '$${x}', '$${hosts:http}', 'set $${host};', '${escaped}',
      '${nope:x}', '${hosts:nope}', '${a:b:c}', '${}', '${loop:a}', 'a ${\n} b', '$host %{HTTP_HOST} $$ $1']) {
      cases.push({ text, own: 'nginx', sections });
    }
    const stackSecs = stackSections({ base: 41200, clients: 2, workDir: '/srv/site' });
    for (const http of [...COMPONENTS_BY_LEVEL.http, 'none'] as const)
      for (const cache of [...COMPONENTS_BY_LEVEL.cache, 'none'] as const)
        for (const balancer of [...COMPONENTS_BY_LEVEL.balancer, 'none'] as const) {
          const stack: StackChoices = { http, cache, balancer };
          const chain = buildChain(stack, 2);
          for (const hop of chain) {
            const text = ejs.render(readFileSync(templateFile(hop.component.name), 'utf8'), stackTemplateContext(hop, chain), {
              filename: templateFile(hop.component.name), escape: (v: unknown) => String(v),
            });
            cases.push({ text, own: hop.component.name, sections: stackSecs });
          }
        }
    // One python run per sections dict.
    for (const secs of [sections, stackSecs]) {
      const mine = cases.filter((c) => c.sections === secs);
      const r = spawnSync(PYTHON, ['-c', PY], { input: JSON.stringify({ sections: secs, cases: mine }), encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 0, r.stderr);
      const real = JSON.parse(r.stdout) as Array<{ ok?: string; error?: string }>;
      mine.forEach((c, i) => {
        let ours: { ok?: string; error?: string };
        try {
          ours = { ok: renderRecipeTemplate(c.text, secs, c.own) };
        } catch (e) {
          ours = { error: (e as Error).message };
        }
        assert.deepEqual(ours, real[i], `differs from zc.buildout for part ${c.own}:\n${c.text.slice(0, 400)}`);
      });
    }
  });
});
