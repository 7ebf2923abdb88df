// secrets.cfg belongs to the user once written: chosen values survive every command and
// --force, a missing key is added, the mode goes back to 0600, a value that would break
// buildout or a server config is refused naming the key (never the value), and nothing
// tracked holds a secret or anything derived from it.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plonefactory, snapshot, tempDir } from '../support/cli.js';
import { profileRoot, resolveWithBuildout } from '../support/buildout.js';
import { requireTool } from '../support/real-tools.js';

const SECRETS = 'profiles/etc/secrets.cfg';

function project(): string {
  const dir = tempDir('acme');
  mkdirSync(dir);
  const r = plonefactory(dir, ['--defaults', '--storage', 'relstorage']);
  assert.equal(r.status, 0, r.stderr);
  return dir;
}

const read = (dir: string): string => readFileSync(join(dir, SECRETS), 'utf8');
const setValue = (dir: string, key: string, value: string): void =>
  writeFileSync(join(dir, SECRETS), read(dir).replace(new RegExp(`^${key} =.*$`, 'm'), () => `${key} = ${value}`));
const ok = (dir: string, args: string[]): string => {
  const r = plonefactory(dir, args);
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout + r.stderr;
};

describe('secrets.cfg belongs to the user', function () {
  this.timeout(120000);

  it('keeps a chosen value through re-runs, --force and every command, without calling it a hand edit', function () {
    const dir = project();
    const chosen = 'Correct.Horse~Battery!Staple';
    setValue(dir, 'admin-password', chosen);
    const mine = read(dir);
    const rerun = ok(dir, ['--defaults']);
    assert.doesNotMatch(rerun, /kept your edits|(create|update) profiles\/etc\/secrets/, rerun);
    assert.match(rerun, /nothing to change/);
    ok(dir, ['--defaults', '--force', '--clients', '3']);
    ok(dir, ['stack', 'cache', 'squid', '--force']);
    ok(dir, ['module', 'restapi', '--force']);
    ok(dir, ['profile', 'staging', '--from', 'production', '--force']);
    assert.equal(read(dir), mine);
    // what the run prints is the value in use, masked
    assert.match(ok(dir, ['--defaults']), /Zope admin: admin \/ Co\*+ \(28 characters\)/);
  });

  it('adds a key the file lacks, keeps a key it does not know and every other line as written', function () {
    const dir = project();
    const lines = read(dir).split('\n').filter((l) => !l.startsWith('postgresql-password'));
    lines.splice(lines.indexOf('[secrets]') + 1, 0, '# my note', 'backup-token = mine-only');
    writeFileSync(join(dir, SECRETS), lines.join('\n'));
    ok(dir, ['--defaults']);
    const after = read(dir);
    assert.ok(after.startsWith(lines.join('\n').trimEnd()), after);
    assert.match(after, /^postgresql-password = [\w-]{24}$/m);
    // and the project is whole again: every ${secrets:...} resolves
    const second = ok(dir, ['--defaults']);
    assert.match(second, /nothing to change/);
  });

  it('sets the mode back to 0600 on every run, and says so', function () {
    const dir = project();
    for (const args of [['--defaults'], ['stack', 'cache', 'squid'], ['module', 'restapi']]) {
      chmodSync(join(dir, SECRETS), 0o644);
      const out = ok(dir, args);
      assert.match(out, /^profiles\/etc\/secrets\.cfg was 0644; set to 0600$/m, `${args.join(' ')}: ${out}`);
      assert.equal(statSync(join(dir, SECRETS)).mode & 0o777, 0o600);
    }
    assert.doesNotMatch(ok(dir, ['--defaults']), /set to 0600/);
  });

  it('sets every factory site\'s secrets.cfg back to 0600 too', function () {
    const dir = tempDir('factory');
    mkdirSync(dir);
    writeFileSync(join(dir, 'sites.json'), JSON.stringify({ deploy: false, hosts: { web1: { address: '10.0.0.11' } }, sites: [{ name: 'acme', host: 'web1' }] }));
    ok(dir, ['factory', 'sites.json']);
    chmodSync(join(dir, 'acme', SECRETS), 0o640);
    assert.match(ok(dir, ['factory', 'sites.json']), /^acme\/profiles\/etc\/secrets\.cfg was 0640; set to 0600$/m);
    assert.equal(statSync(join(dir, 'acme', SECRETS)).mode & 0o777, 0o600);
  });

  it('refuses a value buildout or a server config would misread, naming the key and never the value, before writing', function () {
    const cases: Array<[string, string, RegExp]> = [
      ['Qx7v$$Zk9m', 'admin-password', /holds "\$"/],
      ['Wd3r#Hy6p', 'supervisor-password', /holds "#"/],
      ['Lm2k;Pn8b', 'supervisor-password', /holds ";"/],
      ['Ty5u Gh1j', 'postgresql-password', /space, control or non-ASCII/],
      ['Rf4eVb7n   ', 'admin-password', /ends with a space/],
      ['   Cs9aXo2w', 'admin-password', /starts with a space/],
      ['Jk8lMn3b\n    Uo6iYe1q', 'admin-password', /spans more than one line/],
      ['Zp4q:Ws5e', 'admin-user', /holds ":"/],
    ];
    for (const [value, key, why] of cases) {
      const d = project();
      setValue(d, key, value);
      const before = snapshot(d);
      for (const args of [['--defaults', '--force', '--clients', '3'], ['stack', 'cache', 'squid', '--force']]) {
        const r = plonefactory(d, args);
        assert.equal(r.status, 1, `${key} = ${JSON.stringify(value)}: ${r.stdout}`);
        const message = r.stderr.trim();
        assert.equal(message.split('\n').length, 1, message);
        assert.match(message, new RegExp(`^plonefactory: profiles/etc/secrets\\.cfg line \\d+: ${key} `));
        assert.match(message, why);
        assert.match(message, /allowed: letters, digits and/);
        for (const part of value.trim().split(/[$#; \n:]+/)) assert.ok(!message.includes(part), `${message} shows the value`);
        assert.deepEqual(snapshot(d), before, `${key} = ${JSON.stringify(value)}: something was written`);
      }
    }
  });

  it('real zc.buildout hands every allowed character through to Zope, supervisord and PostgreSQL as written', async function () {
    requireTool(this, 'buildout');
    const dir = project();
    const chosen = 'aZ09._~!@*+,/?^=-';
    for (const key of ['admin-password', 'supervisor-password', 'postgresql-password']) setValue(dir, key, chosen);
    setValue(dir, 'admin-user', 'site.admin@example');
    assert.match(ok(dir, ['--defaults']), /Zope admin: site\.admin@example \/ aZ\*{6} \(17 characters\)/);
    const [prod] = await resolveWithBuildout([profileRoot(dir, 'production')]);
    assert.ok(prod?.ok, prod?.ok ? '' : prod?.message);
    assert.equal(prod.sections['instance1']?.['user'], `site.admin@example:${chosen}`);
    assert.equal(prod.sections['supervisor']?.['password'], chosen);
    assert.ok(Object.values(prod.sections).some((s) => Object.values(s).some((v) => v.includes(`password=${chosen}\n`) || v.endsWith(`password=${chosen}`))), 'no dsn with the password');
  });

  it('leaves no secret, hash or other derivative of secrets.cfg in a tracked file, whatever command ran', function () {
    const dir = project();
    ok(dir, ['stack', 'cache', 'squid']);
    ok(dir, ['module', 'restapi']);
    ok(dir, ['profile', 'staging', '--from', 'production']);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
    const tracked = execFileSync('git', ['ls-files'], { cwd: dir, encoding: 'utf8' }).split('\n').filter(Boolean);
    const text = read(dir);
    const digests = ['sha256', 'sha1', 'md5'].flatMap((alg) => {
      const hex = createHash(alg).update(text).digest('hex');
      return [hex, hex.slice(0, 16), createHash(alg).update(text).digest('base64')];
    });
    const values = [...text.matchAll(/^[\w-]+-password = (\S+)$/gm)].map((m) => m[1] as string);
    assert.equal(values.length, 3);
    for (const f of tracked) {
      const body = readFileSync(join(dir, f), 'utf8');
      for (const needle of [...digests, ...values]) assert.ok(!body.includes(needle), `${f} holds a secret or a digest of secrets.cfg`);
    }
    // a new password changes nothing tracked
    setValue(dir, 'admin-password', 'Another.Chosen.Password');
    ok(dir, ['--defaults']);
    assert.equal(execFileSync('git', ['diff', '--name-only'], { cwd: dir, encoding: 'utf8' }), '');
  });
});
