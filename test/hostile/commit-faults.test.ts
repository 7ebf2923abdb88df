// Faults in the middle of a commit (issue 16): a SIGKILL or a signal between two renames, a
// full disk, a file another user owns, a folder where a file goes. After each, the project is
// as before or as after (never a mix), the next run of any command finishes or undoes what was
// interrupted, `check` is clean, a hand edit survives, and nothing is left in .plonefactory/.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, copyProject, defaultProject, plonefactory, snapshot, tempDir, type CliResult, yo } from '../support/cli.js';
import { AS_ROOT } from '../support/service-user.js';

const HAND_EDIT = '# mine: kept through every fault\n';

/** path -> mode and content of every file (no mtimes: a finished commit writes new ones). */
function contents(dir: string): Map<string, string> {
  return new Map([...snapshot(dir)].map(([path, v]) => [path, v.slice(v.indexOf(' ') + 1)]));
}

/** The project's own files, without what a commit under way keeps in .plonefactory/. */
const projectOnly = (m: Map<string, string>): Map<string, string> => new Map([...m].filter(([p]) => !p.startsWith('.plonefactory/')));

function assertSame(actual: Map<string, string>, expected: Map<string, string>, what: string): void {
  const differ = [...new Set([...actual.keys(), ...expected.keys()])].filter((p) => actual.get(p) !== expected.get(p));
  assert.deepEqual(differ, [], `${what}: these files differ`);
}

function assertRepairedAndClean(dir: string, what: string): void {
  const check = plonefactory(dir, ['check']);
  assert.equal(check.status, 0, `${what}: check after the repair: ${check.stdout}`);
  assert.ok(!existsSync(join(dir, '.plonefactory')), `${what}: .plonefactory left behind`);
  assert.ok(readFileSync(join(dir, 'profiles/production.cfg'), 'utf8').includes(HAND_EDIT), `${what}: the hand edit was lost`);
}

/** One line on stderr, no escape codes, exit 1. */
function assertOneLineRefusal(r: CliResult, message: RegExp): void {
  assert.equal(r.status, 1, `${r.stdout}${r.stderr}`);
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0] as string, message);
  assert.ok(!(r.stdout + r.stderr).includes('\x1b'), 'escape codes without a terminal');
}

/** The bin run as nobody (the tests run as root, who may write anywhere). */
function asNobody(dir: string, args: string[]): CliResult {
  const r = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, ...args], { cwd: dir, encoding: 'utf8', input: '', env: { ...process.env, HOME: dir } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fault = (spec: string): Record<string, string> => ({ PLONEFACTORY_TEST_FAULT: spec });

interface Case { args: string[]; spec: string; entry?: 'yo' }

const run = (dir: string, c: Case, env: Record<string, string> = {}): CliResult =>
  c.entry === 'yo' ? yo(dir, c.args[0] === 'app' ? ['plonefactory', ...c.args.slice(1)] : [`plonefactory:${c.args[0]}`, ...c.args.slice(1)], env) : plonefactory(dir, c.args, env);

describe('a commit interrupted or failing half-way', function () {
  this.timeout(300000);
  let base: string;

  before(function () {
    base = defaultProject();
    appendFileSync(join(base, 'profiles/production.cfg'), HAND_EDIT);
  });

  const copy = (): string => copyProject(base);

  /** What the run does when nothing goes wrong. */
  const expectedAfter = (c: Case): Map<string, string> => {
    const dir = copy();
    const r = run(dir, { ...c, spec: '' });
    assert.equal(r.status, 0, r.stderr);
    return contents(dir);
  };

  const KILLS: Case[] = [
    { args: ['app', '--domain', 'acme.org'], spec: 'after-rename:2' },
    { args: ['module', 'ldap'], spec: 'after-rename:1' },
    { args: ['stack', 'cache', 'squid'], spec: 'after-rename:3' },
    { args: ['profile', 'staging'], spec: 'after-journal' },
    { args: ['module', 'ldap'], spec: 'after-rename:2', entry: 'yo' },
  ];
  for (const c of KILLS) {
    it(`SIGKILL at ${c.spec} of ${c.entry ?? 'plonefactory'} ${c.args.join(' ')}: check reports it, the next run of any command finishes it`, function () {
      const want = expectedAfter(c);
      const dir = copy();
      const before = contents(dir);
      const r = run(dir, c, fault(c.spec));
      assert.notEqual(r.status, 0, 'the run was not killed');
      if (c.spec.startsWith('after-rename')) assert.notDeepEqual(projectOnly(contents(dir)), before, 'the kill came before any rename');
      const check = plonefactory(dir, ['check']);
      assert.equal(check.status, 1, check.stdout);
      assert.match(check.stdout, /interrupted-commit: a plonefactory run was interrupted while writing/);
      // any command: here the module listing, which writes nothing of its own
      const next = plonefactory(dir, ['module']);
      assert.equal(next.status, 0, next.stderr);
      assert.match(next.stdout, /^finished the commit of an interrupted run \(\d+ files?\)$/m);
      assertSame(contents(dir), want, 'after the repair');
      assertRepairedAndClean(dir, c.spec);
    });
  }

  it('SIGKILL while staging (no journal yet): the next run drops what was staged, the project is as before', function () {
    const dir = copy();
    const before = contents(dir);
    const r = plonefactory(dir, ['module', 'ldap'], fault('stage-write:2'));
    assert.equal(r.status, null);
    assertSame(projectOnly(contents(dir)), before, 'the project itself');
    const next = plonefactory(dir, ['stack', 'cache', 'varnish']);
    assert.equal(next.status, 0, next.stderr);
    assert.match(next.stdout, /had not begun to write: dropped what it staged, nothing changed/);
    assertSame(contents(dir), before, 'after the repair');
    assertRepairedAndClean(dir, 'stage-write');
  });

  for (const signal of ['SIGTERM', 'SIGINT']) {
    it(`${signal} between two renames: the bin finishes the commit first, then exits 130 saying so`, function () {
      const c: Case = { args: ['stack', 'cache', 'squid'], spec: `after-rename:2=${signal}` };
      const want = expectedAfter(c);
      const dir = copy();
      const r = run(dir, c, fault(c.spec));
      assert.equal(r.status, 130, r.stderr);
      assert.match(r.stderr, new RegExp(`^plonefactory: interrupted by ${signal}; after its files were written$`, 'm'));
      assertSame(contents(dir), want, 'after the signal');
      assertRepairedAndClean(dir, signal);
    });
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} while the run plans: it ends at once, with nothing written, and the next run takes its lock over`, async function () {
      const dir = copy();
      const before = contents(dir);
      // stopped at the point where planning begins; the signal then meets a run busy planning
      const child = spawn(process.execPath, [BIN, 'module', 'ldap'], { cwd: dir, env: { ...process.env, ...fault('locked=SIGSTOP') }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<NodeJS.Signals | number | null>((r) => child.on('exit', (code, sig) => r(sig ?? code)));
      for (let i = 0; i < 400 && !/^\S+ \(.*\) T/.test(readFileSync(`/proc/${child.pid}/stat`, 'utf8')); i++) await new Promise((r) => setTimeout(r, 25));
      child.kill(signal);
      child.kill('SIGCONT');
      // Ended by the signal itself: no handler is installed before a run writes. A handler
      // installed at start (as before) runs only when the planning yields, and after a long
      // synchronous plan it let the commit go ahead first.
      assert.equal(await exited, signal, stderr);
      assertSame(projectOnly(contents(dir)), projectOnly(before), `after ${signal}`);
      const next = plonefactory(dir, ['module', 'ldap']);
      assert.equal(next.status, 0, next.stderr);
      assertRepairedAndClean(dir, `${signal} while planning`);
    });
  }

  it('SIGTERM between two renames of yo\'s path: the next run finishes the commit', function () {
    const c: Case = { args: ['stack', 'cache', 'squid'], spec: 'after-rename:2=SIGTERM', entry: 'yo' };
    const want = expectedAfter(c);
    const dir = copy();
    assert.notEqual(run(dir, c, fault(c.spec)).status, 0, 'the run was not interrupted');
    assert.match(plonefactory(dir, ['check']).stdout, /interrupted-commit/);
    assert.equal(plonefactory(dir, ['module']).status, 0);
    assertSame(contents(dir), want, 'after the repair');
    assertRepairedAndClean(dir, 'yo SIGTERM');
  });

  it('a full disk: one line, every file as it was, nothing staged left; with space again the run succeeds', function () {
    const dir = copy();
    if (AS_ROOT) {
      // a real full disk: the project on a small tmpfs, filled up but for two pages
      const small = tempDir('small');
      mkdirSync(small);
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small]).status === 0;
      if (mounted) {
        this.test!.title += ' (a real tmpfs)';
        try {
          cpSync(dir, join(small, 'acme'), { recursive: true });
          rmSync(dir, { recursive: true });
          const filler = join(small, 'filler');
          const chunk = Buffer.alloc(4096);
          try {
            for (;;) appendFileSync(filler, chunk);
          } catch (e) {
            assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
          }
          truncateSync(filler, readFileSync(filler).length - 2 * 4096);
          const project = join(small, 'acme');
          const before = contents(project);
          const r = plonefactory(project, ['module', 'ldap']);
          assertOneLineRefusal(r, /^plonefactory: cannot (write in|lock) .*: ENOSPC; nothing was written/);
          assertSame(contents(project), before, 'after ENOSPC');
          assert.ok(!existsSync(join(project, '.plonefactory')), '.plonefactory left behind');
          rmSync(filler);
          assert.equal(plonefactory(project, ['module', 'ldap']).status, 0);
          assertRepairedAndClean(project, 'ENOSPC');
        } finally {
          spawnSync('umount', [small]);
        }
        return;
      }
    }
    // no tmpfs to mount: the same failure, injected at the second staged write
    const before = contents(dir);
    const r = plonefactory(dir, ['module', 'ldap'], fault('stage-write:2=ENOSPC'));
    assertOneLineRefusal(r, /^plonefactory: cannot write in .*: ENOSPC; nothing was written/);
    assertSame(contents(dir), before, 'after ENOSPC');
    assert.equal(plonefactory(dir, ['module', 'ldap']).status, 0);
    assertRepairedAndClean(dir, 'ENOSPC');
  });

  it('a failure between two renames (injected EIO): the run undoes the renames it made, one line', function () {
    const dir = copy();
    const before = contents(dir);
    const r = plonefactory(dir, ['stack', 'cache', 'squid'], fault('after-rename:2=EIO'));
    assertOneLineRefusal(r, /^plonefactory: cannot write in .*: EIO; nothing was written \(undone\)$/);
    assertSame(contents(dir), before, 'after the failed rename');
    assertRepairedAndClean(dir, 'EIO');
  });

  it('a profile another user owns, read-only for this one: one line naming it before anything is written', function () {
    if (!AS_ROOT) this.skip(); // root writes anywhere: the run is made as nobody
    const dir = copy();
    const top = join(dir, '..');
    spawnSync('chown', ['-R', 'nobody:nogroup', top]);
    chownSync(join(dir, 'profiles/production.cfg'), 0, 0);
    const before = contents(dir);
    assertOneLineRefusal(asNobody(dir, ['module', 'ldap']), /^plonefactory: cannot write profiles\/production\.cfg: it is read-only for this user; nothing was written$/);
    assertSame(contents(dir), before, 'after EACCES');
    assert.ok(!existsSync(join(dir, '.plonefactory')), '.plonefactory left behind');
  });

  for (const entry of ['plonefactory', 'yo'] as const) {
    it(`a folder where the module file goes (${entry}): one line, nothing written, no prompt`, function () {
      const dir = copy();
      mkdirSync(join(dir, 'profiles/modules/ldap.cfg'), { recursive: true });
      const before = contents(dir);
      const r = run(dir, { args: ['module', 'ldap'], spec: '', ...(entry === 'yo' ? { entry } : {}) });
      if (entry === 'yo') {
        // (yo's own error banner is coloured; what matters is that nothing is asked)
        assert.equal(r.status, 1, r.stdout);
        assert.match(r.stderr, /^profiles\/modules\/ldap\.cfg is a directory where plonefactory keeps a file; move it away \(nothing was written\)$/m);
        assert.ok(!/overwrite|\?/i.test(r.stdout), `asked: ${r.stdout}`);
      } else assertOneLineRefusal(r, /^plonefactory: profiles\/modules\/ldap\.cfg is a directory where plonefactory keeps a file; move it away \(nothing was written\)$/);
      assertSame(contents(dir), before, 'after the refusal');
      assert.deepEqual(readdirSync(join(dir, 'profiles/modules')).sort(), ['README.txt', 'ldap.cfg']);
    });
  }

  it('a folder named README.md in an empty folder: the app refuses in one line and writes nothing', function () {
    const dir = tempDir('acme');
    mkdirSync(join(dir, 'README.md'), { recursive: true });
    const r = plonefactory(dir, ['--defaults']);
    assertOneLineRefusal(r, /^plonefactory: README\.md is a directory where plonefactory keeps a file; move it away \(nothing was written\)$/);
    assert.deepEqual(readdirSync(dir), ['README.md']);
  });
});

describe('a factory commit', function () {
  this.timeout(300000);
  const manifest = (clients: number): string => JSON.stringify({
    hosts: { web1: { address: '10.0.0.1' } },
    sites: [{ name: 'one', host: 'web1', clients, domain: 'one.example.com' }, { name: 'two', host: 'web1', clients, domain: 'two.example.com' }],
  });
  const factoryDir = (): string => {
    const dir = tempDir('sites');
    mkdirSync(dir);
    writeFileSync(join(dir, 'sites.json'), manifest(2));
    assert.equal(plonefactory(dir, ['factory', 'sites.json']).status, 0);
    writeFileSync(join(dir, 'sites.json'), manifest(3));
    return dir;
  };

  it('is one journal across sites: killed half-way, a command in one site finishes the whole run', function () {
    const want = factoryDir();
    assert.equal(plonefactory(want, ['factory', 'sites.json']).status, 0);
    const dir = factoryDir();
    const secretsBefore = ['one', 'two'].map((s) => readFileSync(join(dir, s, 'profiles/etc/secrets.cfg'), 'utf8'));
    const r = plonefactory(dir, ['factory', 'sites.json'], fault('after-rename:3'));
    assert.equal(r.status, null);
    assert.equal(plonefactory(join(dir, 'two'), ['check']).status, 1, 'check in a site does not report the factory\'s interrupted commit');
    const next = plonefactory(join(dir, 'two'), ['module']);
    assert.equal(next.status, 0, next.stderr);
    assert.match(next.stdout, /^finished the commit of an interrupted run/m);
    // (each folder has its own random secrets: the run keeps them, and writes the rest as the other did)
    const secrets = (d: string): string[] => ['one', 'two'].map((s) => readFileSync(join(d, s, 'profiles/etc/secrets.cfg'), 'utf8'));
    assert.deepEqual(secrets(dir), secretsBefore);
    const noSecrets = (m: Map<string, string>): Map<string, string> => new Map([...m].filter(([p]) => !p.endsWith('secrets.cfg')));
    assertSame(noSecrets(contents(dir)), noSecrets(contents(want)), 'the factory folder');
    for (const site of ['one', 'two']) assert.equal(plonefactory(join(dir, site), ['check']).status, 0);
  });

  it('with the second site\'s folder read-only, refuses naming it, and the first site is unchanged too', function () {
    const dir = factoryDir();
    const locked = join(dir, 'two/profiles/etc');
    // Read-only for the run: immutable (chattr), or, where that is not allowed (a container
    // without CAP_LINUX_IMMUTABLE), the run made as nobody with only that folder root's.
    const immutable = spawnSync('chattr', ['+i', locked]).status === 0;
    if (!immutable && !AS_ROOT) this.skip(); // needs root, for chattr or for running as another user
    const factory = (): CliResult => {
      return immutable ? plonefactory(dir, ['factory', 'sites.json']) : asNobody(dir, ['factory', 'sites.json']);
    };
    if (!immutable) {
      spawnSync('chown', ['-R', 'nobody:nogroup', join(dir, '..')]);
      chownSync(locked, 0, 0);
    }
    try {
      const before = contents(dir);
      const r = factory();
      assertSame(contents(dir), before, 'every site');
      assertOneLineRefusal(r, /^plonefactory: cannot write two\/profiles\/etc: it is read-only for this user; nothing was written$/);
    } finally {
      if (immutable) spawnSync('chattr', ['-i', locked]);
      else spawnSync('chown', ['-R', 'nobody:nogroup', locked]);
    }
    const r = factory();
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /2 sites: 0 created, 2 changed, 0 unchanged; wrote \d+ files/);
  });
});
