// Hostile input: every value that could break a buildout file, a server config or the
// terminal gets a one-line error naming it, and nothing is written.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { BIN, inParallel, plonefactory, runLater, snapshot, tempDir, type CliResult } from '../support/cli.js';

const NASTY: Array<[string, string]> = [
  ['a newline', 'acme\n[buildout]'],
  ['a section bracket', 'acme]'],
  ['an opening bracket', '[acme'],
  ['a substitution', '${buildout:directory}'],
  ['an escaped substitution', '$${x}'],
  ['an equals sign', 'a=b'],
  ['a hash', 'a#b'],
  ['a semicolon', 'a;b'],
  ['non-ASCII', 'café'],
  ['a very long string', 'a'.repeat(5000)],
  ['an empty string', ''],
];

const STRING_OPTIONS = ['name', 'domain', 'plone', 'storage', 'http', 'cache', 'balancer', 'profile', 'clients', 'port-base'];

function fresh(): string {
  const dir = tempDir('hostile');
  mkdirSync(dir);
  return dir;
}

/** Refused with exit 1 (a bad value), or 2 (`usage`: an unknown generator or option). */
function assertRefused(dir: string, args: string[], message: RegExp, status = 1, r: CliResult = plonefactory(dir, args)): void {
  assert.equal(r.status, status, `${args.join(' ')} was accepted`);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `not one line: ${r.stderr}`);
  assert.match(lines[0]!, message);
  assert.ok(lines[0]!.length < 400, 'the message is not short');
  assert.deepEqual([...snapshot(dir).keys()], [], `${args.join(' ')} wrote files`);
}

describe('hostile input', function () {
  this.timeout(120000);

  for (const option of STRING_OPTIONS) {
    it(`--${option}: every hostile value is refused in one line naming it`, async function () {
      // every value's run first, two at a time (each in its own folder), then each verdict
      const runs = await inParallel(NASTY.map(([, value]) => async () => {
        const dir = fresh();
        const args = ['--defaults', `--${option}`, value];
        return { dir, args, value, r: await runLater(BIN, dir, args) };
      }));
      for (const { dir, args, value, r } of runs) {
        const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
        assertRefused(dir, args, new RegExp(`^plonefactory: --${option} ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not allowed`), 1, r);
      }
    });
  }

  it('refuses a module name with hostile characters', function () {
    for (const [what, value] of NASTY.filter(([w]) => w !== 'an empty string')) {
      const r = plonefactory(fresh(), ['--defaults', '--modules', value]);
      assert.equal(r.status, 1, `${what} accepted`);
    }
  });

  it('refuses ports out of range or colliding with their own derivations', function () {
    assertRefused(fresh(), ['--defaults', '--port-base', '1023'], /--port-base "1023" is not allowed/);
    assertRefused(fresh(), ['--defaults', '--port-base', '70000'], /--port-base "70000" is not allowed/);
    assertRefused(fresh(), ['--defaults', '--port-base=-5'], /--port-base "-5" is not allowed/);
    assertRefused(fresh(), ['--defaults', '--port-base', '8080.5'], /--port-base "8080.5" is not allowed/);
    assertRefused(fresh(), ['--defaults', '--clients', '32', '--port-base', '65500'], /--port-base 65500 is not allowed with 32 clients/);
  });

  it('refuses unknown generators, components and options', function () {
    assertRefused(fresh(), ['nosuch'], /unknown generator "nosuch"/, 2);
    assertRefused(fresh(), ['--defaults', '--balancer', 'nginx'], /--balancer "nginx" is not allowed; choose one of: haproxy, pound, none/);
    assertRefused(fresh(), ['--defaults', '--level', 'x'], /unknown option --level/, 2);
  });

  it('refuses a corrupt or hand-broken .yo-rc.json with one line, changing nothing', function () {
    const cases: Array<[string, RegExp]> = [
      ['{"generator-plonefactory": {', /\.yo-rc\.json is not valid JSON/],
      ['{"generator-plonefactory": []}', /"generator-plonefactory" must be an object/],
      ['{"generator-plonefactory": {"name": "acme", "plone": "9.9"}}', /\.yo-rc\.json: --plone "9\.9" is not allowed.*fix or remove the stored "plone"/],
      ['{"generator-plonefactory": {"name": "acme\\n[x]"}}', /\.yo-rc\.json: --name "acme\\n\[x\]" is not allowed/],
      ['{"generator-plonefactory": {"name": "acme", "clients": 0}}', /\.yo-rc\.json: --clients "?0"? is not allowed/],
    ];
    for (const [text, message] of cases) {
      const dir = fresh();
      writeFileSync(join(dir, '.yo-rc.json'), text);
      const before = snapshot(dir);
      const r = plonefactory(dir, ['--defaults']);
      assert.equal(r.status, 1, text);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.deepEqual(snapshot(dir), before);
    }
  });

  it('refuses a read-only target in one line and writes nothing', function () {
    if (userInfo().uid !== 0) this.skip(); // root ignores permissions: switch to nobody
    const dir = fresh();
    chmodSync(dir, 0o555);
    chownSync(join(dir, '..'), 65534, 65534);
    const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, BIN, '--defaults'], { cwd: dir, encoding: 'utf8', input: '' });
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /^plonefactory: cannot write .*: it is read-only for this user; nothing was written$/m);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('an interrupt leaves every site of a factory run either complete or absent, never half-written', async function () {
    this.timeout(300000);
    const dir = fresh();
    const sites = Array.from({ length: 120 }, (_, i) => ({ name: `s${i}`, host: 'h', domain: `s${i}.example.org` }));
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ hosts: { h: { address: '10.0.0.1' } }, sites }));
    const complete = fresh();
    writeFileSync(join(complete, 'm.json'), readFileSync(join(dir, 'm.json')));
    assert.equal(plonefactory(complete, ['factory', 'm.json']).status, 0);
    const reference = [...snapshot(complete).keys()].filter((p) => p.startsWith('s0/')).map((p) => p.slice(3)).sort();
    let interruptedRuns = 0;
    for (const delay of [20, 120, 250, 400, 550, 700, 900]) {
      const child = spawn(process.execPath, [BIN, 'factory', 'm.json'], { cwd: dir, stdio: 'ignore' });
      const exited = new Promise<number | null>((r) => child.on('exit', (c, signal) => r(signal === 'SIGINT' ? 130 : c)));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGINT');
      const code = await exited;
      if (code === 130) interruptedRuns++;
      const files = [...snapshot(dir).keys()];
      assert.deepEqual(files.filter((f) => f.includes('.plonefactory-')), [], 'temporary files left');
      for (const s of sites) {
        // A run stopped before it writes dies by the signal, leaving its lock naming a dead
        // process (commit-start.ts): not a file of the site; the next run takes it over.
        const own = files.filter((f) => f.startsWith(`${s.name}/`) && !f.startsWith(`${s.name}/.plonefactory/`)).map((f) => f.slice(s.name.length + 1)).sort();
        assert.ok(own.length === 0 || JSON.stringify(own) === JSON.stringify(reference), `${s.name} half-written after SIGINT at ${delay} ms: ${own.length} files`);
      }
    }
    assert.ok(interruptedRuns > 0, 'no run was actually interrupted');
    assert.equal(plonefactory(dir, ['factory', 'm.json']).status, 0, 'a run after interrupts completes');
    assert.ok(existsSync(join(dir, 's119', 'buildout.cfg')));
    assert.deepEqual([...snapshot(dir).keys()].filter((f) => f.includes('.plonefactory/')), [], 'the dead runs\' locks were taken over and released');
  });
});
