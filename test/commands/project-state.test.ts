// What a run acts on and what it leaves: the project found from a subdirectory, an app re-run
// that converges with `stack`, a fresh clone's re-run that rewrites no tracked file, and
// prompts that check each answer against those before it.
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { answerQuestions } from '../../lib/generator/collect-answers.js';
import { exitCodeOf } from '../../lib/generator/usage-error.js';
import { defaultProject, plonefactory, snapshot, tempDir } from '../support/cli.js';

const files = (dir: string): Map<string, string> => new Map([...snapshot(dir)].map(([p, v]) => [p, v.slice(v.indexOf(' ') + 1)]));

describe('the project a run acts on, and what it leaves', function () {
  this.timeout(120000);

  it('a sub-generator run in a subdirectory finds the project root, like git', function () {
    const dir = defaultProject();
    const r = plonefactory(join(dir, 'profiles', 'stack'), ['module', 'restapi']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(dir, 'profiles', 'modules', 'restapi.cfg')));
    assert.ok(!existsSync(join(dir, 'profiles', 'stack', 'profiles')), 'a project was nested in the subdirectory');
    assert.equal(plonefactory(join(dir, 'templates'), ['stack', 'cache', 'squid']).status, 0);
    assert.match(readFileSync(join(dir, '.yo-rc.json'), 'utf8'), /"cache": "squid"/);
    const check = plonefactory(join(dir, 'profiles', 'etc'), ['check']);
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /^clean: no findings in \d+ profiles/m);
  });

  it('switching a component by re-running the app gives the same bytes as `stack`', function () {
    const viaStack = defaultProject();
    const viaApp = tempDir('acme');
    cpSync(viaStack, viaApp, { recursive: true });
    assert.equal(plonefactory(viaStack, ['stack', 'http', 'apache']).status, 0);
    const r = plonefactory(viaApp, ['--http', 'apache']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /delete profiles\/stack\/nginx\.cfg/);
    assert.deepEqual(files(viaApp), files(viaStack));
  });

  it('a fresh clone\'s re-run creates secrets.cfg and rewrites no tracked file, .yo-rc.json included', function () {
    const dir = defaultProject();
    const clone = tempDir('acme');
    cpSync(dir, clone, { recursive: true });
    rmSync(join(clone, 'profiles', 'etc', 'secrets.cfg'));
    const tracked = snapshot(clone);
    const r = plonefactory(clone, []);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(clone, 'profiles', 'etc', 'secrets.cfg')));
    const after = snapshot(clone);
    for (const [path, v] of tracked) assert.equal(after.get(path), v, `${path} was rewritten`);
    assert.ok(!readFileSync(join(clone, '.yo-rc.json'), 'utf8').includes('secrets.cfg'), '.yo-rc.json records secrets.cfg');
  });

  it('a prompt refuses an answer at once when it does not fit those already given', function () {
    const ctx = { dirname: 'acme', extraProfiles: [] };
    const [portBase] = answerQuestions(['portBase'], ctx, { clients: 3 });
    assert.equal(portBase?.type, 'input');
    assert.match(String(portBase?.validate?.('65530', {})), /--port-base 65530 is not allowed with 3 clients/);
    assert.equal(portBase?.validate?.('9000', {}), true);
    const asked = answerQuestions(['clients', 'portBase'], ctx, {});
    assert.match(String(asked[1]?.validate?.('65530', { clients: '32' })), /not allowed with 32 clients/);
    // a choice is a select, not the deprecated list
    assert.ok(answerQuestions(['plone', 'http'], ctx, {}).every((q) => q.type === 'select'));
  });

  it('Ctrl-C at a prompt is exit 130, a usage error 2, anything else 1', function () {
    assert.equal(exitCodeOf(Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' })), 130);
    assert.equal(exitCodeOf(Object.assign(new Error('x'), { exitCode: 2 })), 2);
    assert.equal(exitCodeOf(new Error('x')), 1);
  });
});
