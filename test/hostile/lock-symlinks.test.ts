// Races and hostile files around a commit (issue 16): symlinks planted where the old commit put
// its temporary files, a second run while one commits, a stale lock, and symlinks that lead out
// of the project (refused unless --follow-symlinks, alike on both entry points).
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, defaultProject, plonefactory, snapshot, tempDir, yo } from '../support/cli.js';

/** Resolves once the process is stopped (SIGSTOP), or rejects when it exits first. */
async function stopped(child: ChildProcess): Promise<number> {
  const pid = child.pid as number;
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the run ended (${child.exitCode ?? child.signalCode}) instead of stopping`);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return pid;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the run never stopped');
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => {
    if (child.exitCode !== null) r(child.exitCode);
    else child.on('exit', (code) => r(code));
  });
}

/** The bin in `cwd`, stopping itself where PLONEFACTORY_TEST_FAULT says (`...=SIGSTOP`). */
const startStopping = (cwd: string, args: string[], where: string): ChildProcess =>
  spawn(process.execPath, [BIN, ...args], { cwd, stdio: 'ignore', env: { ...process.env, PLONEFACTORY_TEST_FAULT: `${where}=SIGSTOP` } });

describe('a second run while one commits', function () {
  this.timeout(120000);

  it('module while the app commits: waits, then refuses naming the pid; both apply, one after the other', async function () {
    const dir = defaultProject();
    const app = startStopping(dir, ['--domain', 'acme.org'], 'after-rename:1');
    const pid = await stopped(app);
    const r = plonefactory(dir, ['module', 'ldap']);
    app.kill('SIGCONT');
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, new RegExp(`^plonefactory: ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is locked by another plonefactory run \\(pid ${pid}\\); try again when it ends`));
    assert.equal(await exitOf(app), 0);
    assert.equal(plonefactory(dir, ['module', 'ldap']).status, 0);
    const stored = (JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8')) as Record<string, Record<string, unknown>>)['generator-plonefactory'] as Record<string, unknown>;
    assert.equal(stored['domain'], 'acme.org');
    assert.deepEqual(stored['modules'], ['ldap']);
    assert.equal(plonefactory(dir, ['check']).status, 0);
    assert.match(plonefactory(dir, []).stdout, /^nothing to change$/m, 'the generator\'s own output became "hand edits"');
  });

  it('two factory runs: the second refuses naming the first\'s pid, and writes no site', async function () {
    const dir = tempDir('sites');
    mkdirSync(dir);
    const manifest = (names: string[]): string => JSON.stringify({ hosts: { h: { address: '10.0.0.1' } }, sites: names.map((name) => ({ name, host: 'h', domain: `${name}.example.org` })) });
    writeFileSync(join(dir, 'a.json'), manifest(['one', 'two']));
    writeFileSync(join(dir, 'b.json'), manifest(['two', 'three']));
    const first = startStopping(dir, ['factory', 'a.json'], 'locked');
    const pid = await stopped(first);
    const r = plonefactory(dir, ['factory', 'b.json']);
    first.kill('SIGCONT');
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, new RegExp(`is locked by another plonefactory run \\(pid ${pid}\\)`));
    assert.equal(await exitOf(first), 0);
    assert.ok(!existsSync(join(dir, 'three')), 'the refused run wrote a site');
    assert.equal(plonefactory(dir, ['check', '--manifest', 'a.json']).status, 0);
  });

  it('takes over a lock whose process is dead', function () {
    const dir = defaultProject();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    mkdirSync(join(dir, '.plonefactory'), { mode: 0o700 });
    writeFileSync(join(dir, '.plonefactory/lock'), `${dead} 1 0123456789abcdef\n`);
    const r = plonefactory(dir, ['module', 'ldap']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!existsSync(join(dir, '.plonefactory')), 'the lock was left behind');
  });

  it('takes over what a run killed while locking left: an empty lock, a lock moved aside, a lock half-written', function () {
    const dir = defaultProject();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    mkdirSync(join(dir, '.plonefactory'), { mode: 0o700 });
    // an empty lock names no holder: kill(0, 0) succeeds (our own group), which made it look alive forever
    writeFileSync(join(dir, '.plonefactory/lock'), '');
    writeFileSync(join(dir, '.plonefactory/lock.new.' + dead + '.1.0123456789abcdef'), `${dead} 1 0123456789abcdef\n`);
    writeFileSync(join(dir, '.plonefactory/lock.stale.' + dead + '.1.0123456789abcdef'), `${dead} 1 fedcba9876543210\n`);
    const r = plonefactory(dir, ['module', 'ldap']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!existsSync(join(dir, '.plonefactory')), 'something of the dead run was left behind');
  });
});

describe('hostile files in the project folder', function () {
  this.timeout(120000);

  it('symlinks planted at the temporary names of a run: the secrets stay private, nothing of the user is overwritten', async function () {
    const dir = tempDir('acme');
    mkdirSync(join(dir, 'profiles/etc'), { recursive: true });
    const attacker = tempDir('attacker');
    mkdirSync(attacker);
    const sink = join(attacker, 'sink');
    const victim = join(attacker, 'users-file');
    writeFileSync(victim, 'the user\'s own file\n');
    // the run stops itself before it starts, so its pid is known and the traps can be laid for it
    const child = spawn('sh', ['-c', 'kill -STOP $$; exec "$@"', 'sh', process.execPath, BIN, '--defaults'], { cwd: dir, stdio: 'ignore' });
    const pid = await stopped(child);
    symlinkSync(sink, join(dir, `profiles/etc/secrets.cfg.plonefactory-${pid}.tmp`));
    symlinkSync(victim, join(dir, `README.md.plonefactory-${pid}.tmp`));
    child.kill('SIGCONT');
    assert.equal(await exitOf(child), 0);
    assert.ok(!existsSync(sink) || !readFileSync(sink, 'utf8').includes('admin-password'), 'the secrets landed in the attacker\'s file');
    const secrets = lstatSync(join(dir, 'profiles/etc/secrets.cfg'));
    assert.ok(secrets.isFile(), 'secrets.cfg is not a regular file');
    assert.equal(secrets.mode & 0o777, 0o600);
    assert.equal(readFileSync(victim, 'utf8'), 'the user\'s own file\n');
    assert.ok(readFileSync(join(dir, 'README.md'), 'utf8').length > 1000);
  });

  it('a .plonefactory that is not a private folder of the user: refused, nothing written', function () {
    const dir = tempDir('acme');
    mkdirSync(dir);
    const elsewhere = tempDir('elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(dir, '.plonefactory'));
    const r = plonefactory(dir, ['--defaults']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^plonefactory: .*\.plonefactory is not a folder but a symlink; plonefactory keeps its lock and staged files there: remove it$/m);
    assert.deepEqual([...snapshot(elsewhere).keys()], []);
    assert.ok(!existsSync(join(dir, 'buildout.cfg')));
  });

  it('profiles linked to another folder: refused naming it; --follow-symlinks writes there', function () {
    const dir = defaultProject();
    const outside = tempDir('outside');
    renameSync(join(dir, 'profiles'), outside);
    symlinkSync(outside, join(dir, 'profiles'));
    const before = snapshot(outside);
    for (const run of [plonefactory, yo]) {
      const r = run(dir, run === yo ? ['plonefactory:module', 'ldap'] : ['module', 'ldap']);
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stderr, new RegExp(`^(plonefactory: )?profiles is a symlink to ${outside}, outside the project; plonefactory does not read or write through it \\(pass --follow-symlinks to allow it\\)$`, 'm'));
      assert.deepEqual(snapshot(outside), before);
    }
    const r = plonefactory(dir, ['module', 'ldap', '--follow-symlinks']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(statSync(join(outside, 'modules/ldap.cfg')).isFile());
    assert.ok(lstatSync(join(dir, 'profiles')).isSymbolicLink(), 'the link was replaced');
  });

  it('a dangling symlink where a file goes: the same refusal on both entry points', function () {
    const dir = defaultProject();
    symlinkSync('/nonexistent/plonefactory-ldap.cfg', join(dir, 'profiles/modules/ldap.cfg'));
    const messages = [plonefactory(dir, ['module', 'ldap']), yo(dir, ['plonefactory:module', 'ldap'])].map((r) => {
      assert.equal(r.status, 1, r.stdout);
      return /profiles\/modules\/ldap\.cfg is a symlink to .*$/m.exec(r.stderr)?.[0];
    });
    assert.equal(messages[0], 'profiles/modules/ldap.cfg is a symlink to /nonexistent/plonefactory-ldap.cfg, which does not exist; plonefactory does not write through symlinks (pass --follow-symlinks to write there)');
    assert.equal(messages[1], messages[0]);
    assert.equal(readlinkSync(join(dir, 'profiles/modules/ldap.cfg')), '/nonexistent/plonefactory-ldap.cfg');
  });
});
