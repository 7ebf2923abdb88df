// --process systemd and --storage relstorage, installed for real: bin/buildout (Debian's
// zc.buildout 2.13, the real collective.recipe.template) renders a unit per process and the
// project's target from the unchanged generated files, and the real `systemd-analyze verify`
// judges them, offline: no unit is installed, nothing is started. The same install's
// bin/pg-backup runs against a stand-in pg_dump, to prove its dated files and retention,
// and the real crontab judges its cron lines.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLONE } from '../../lib/catalog/plone-lines.js';
import { resolveProfile, type Resolved } from '../../lib/buildout/resolve.js';
import { plonefactory } from '../support/cli.js';
import {
  buildout, chownTree, createVenv, DEPLOY_GROUP, DEPLOY_USER, deployGid, deployUid, freePortBase, newDeploy, NOT_INSTALLABLE_EGG_PARTS,
  NOT_INSTALLABLE_RECIPES, run, servePinFiles, writeZopeStandIns, type Deploy, type RunResult,
} from '../support/deploy.js';
import { requireTool, type ToolName } from '../support/real-tools.js';
import { AS_ROOT } from '../support/service-user.js';
import { verifyUnits } from '../support/systemd.js';

describe('--process systemd with RelStorage: units judged by systemd-analyze verify, dated pg_dump files with retention', function () {
  this.timeout(300_000);
  let d: Deploy | undefined;
  let resolved: Resolved;
  let installed = false;

  after(function () {
    if (d) rmSync(d.root, { recursive: true, force: true });
  });

  it('renders every unit, and systemd accepts each; no supervisor part is left', async function () {
    for (const tool of ['buildout', 'venv', 'pip', 'hatchling', 'systemd-analyze'] as ToolName[]) requireTool(this, tool);
    const base = await freePortBase(7);
    d = newDeploy('units62', (project) => {
      const r = plonefactory(project, ['--defaults', '--plone', '6.2', '--process', 'systemd', '--storage', 'relstorage', '--http', 'apache', '--cache', 'squid', '--balancer', 'pound', '--port-base', String(base), '--profile', 'production']);
      assert.equal(r.status, 0, r.stderr);
    });
    servePinFiles(d, PLONE['6.2'].pinFiles);
    const cache = d.buildoutArgs[0]!.slice('buildout:extends-cache='.length);
    resolved = resolveProfile(join(d.project, 'buildout.cfg'), {
      mode: '2.13', extendsCache: cache, overrides: [['users', 'os', DEPLOY_USER], ['users', 'group', DEPLOY_GROUP], ['backups', 'directory', join(d.root, 'backups')]],
    });
    assert.ok(!resolved.parts.includes('supervisor'), `no supervisor: ${resolved.parts.join(' ')}`);
    const unitParts = resolved.parts.filter((p) => p.endsWith('-unit'));
    const installable = resolved.parts.filter((p) => !NOT_INSTALLABLE_RECIPES[resolved.sections[p]?.['recipe'] ?? ''] && !NOT_INSTALLABLE_EGG_PARTS[p]);
    const venv = createVenv(d);
    assert.equal(venv.status, 0, venv.output);
    // Backups go to the deploy's folder, never to the machine's /var/backups.
    const r = buildout(d, [`backups:directory=${join(d.root, 'backups')}`, 'install', ...installable]);
    assert.equal(r.status, 0, r.output);
    installed = true;
    // ExecStart must name executables: the Zope and ZEO scripts are the deploy test's stand-ins.
    const ports = resolved.sections['ports']!;
    const hosts = resolved.sections['hosts']!;
    const clients = resolved.parts.filter((p) => /^instance(\d+|-debug)$/.test(p));
    writeZopeStandIns(d, clients.map((n) => ({ name: n, host: hosts[n]!, port: Number(ports[n]) })), false);

    const dir = join(d.project, 'etc', 'systemd');
    const units = readdirSync(dir).sort();
    const name = 'units62';
    const programs = [...clients, 'pound', 'squid', 'apache'];
    // Each client the balancer serves has a health check (service and timer); one unit restarts any of them.
    const timers = clients.filter((c) => c !== 'instance-debug').map((c) => `${name}-${c}-health.timer`);
    const health = timers.flatMap((t) => [t, t.replace(/\.timer$/, '.service')]);
    assert.deepEqual(units, [...programs.map((p) => `${name}-${p}.service`), ...health, `${name}-restart@.service`, `${name}.target`].sort());
    assert.equal(unitParts.length, units.length);
    const v = verifyUnits(units.map((u) => join(dir, u)));
    assert.ok(v.ok, v.output);
    const target = readFileSync(join(dir, `${name}.target`), 'utf8');
    const wanted = [...programs.map((p) => `${name}-${p}.service`), ...timers];
    assert.match(target, new RegExp(`^Wants=${wanted.map((u) => u.replace(/\./g, '\\.')).join(' ')}$`, 'm'));
  });

  it("a client's health check: its OnFailure= restart brings back a client that hangs; a client that is not listening is left alone", async function () {
    assert.ok(installed, 'the install ran');
    const name = 'units62';
    const dir = join(d!.project, 'etc', 'systemd');
    const unit = (file: string, key: string): string => {
      const m = new RegExp(`^${key}=(.+)$`, 'm').exec(readFileSync(join(dir, file), 'utf8'));
      assert.ok(m?.[1], `${key}= in ${file}`);
      return m[1];
    };
    // The check as its unit runs it, but for the timeout (the last argument), shortened so the test waits 2 s, not 30.
    const check = unit(`${name}-instance1-health.service`, 'ExecStart').split(' ');
    assert.deepEqual(check.slice(1), [resolved.sections['hosts']!['instance1']!, resolved.sections['ports']!['instance1']!, '30']);
    const runCheck = (): RunResult => run(d!, check[0]!, [...check.slice(1, -1), '2'], 30_000);
    // What systemd does when the check fails: start the unit OnFailure= names, whose command
    // is the restart template's with %i its instance. systemctl is redirected to a recorder.
    const onFailure = unit(`${name}-instance1-health.service`, 'OnFailure');
    const instance = /^units62-restart@(.+)\.service$/.exec(onFailure)?.[1];
    assert.equal(instance, 'instance1', onFailure);
    const restart = unit(`${name}-restart@.service`, 'ExecStart').replace(/%i/g, instance).split(' ');
    assert.equal(restart[0], '/usr/bin/systemctl');

    const standins = join(d!.root, 'stand-ins');
    const pidFile = join(standins, 'instance1.pid');
    const record = join(standins, 'systemctl.record');
    const client = join(d!.project, 'bin', 'instance1');
    writeFileSync(join(standins, 'systemctl'), [
      '#!/bin/sh',
      "# STAND-IN for systemctl (tests never touch the machine's systemd): records its arguments, then",
      '# does to the stand-in client what `restart` does to its unit: kills it, and starts it again.',
      `echo "$*" >> ${record}`,
      `old=$(cat ${pidFile})`,
      'kill -KILL "$old"',
      // Gone, or a zombie its parent (this test, busy waiting for us) has not reaped: its port is free either way.
      'while [ -e /proc/$old ] && ! grep -q "^State:.*Z" /proc/$old/status; do sleep 0.1; done',
      `${client} >/dev/null 2>&1 &`,
      `echo $! > ${pidFile}`,
      '',
    ].join('\n'), { mode: 0o755 });
    const url = `http://${resolved.sections['hosts']!['instance1']}:${resolved.sections['ports']!['instance1']}/`;
    const answering = async (): Promise<void> => {
      for (let i = 0; i < 100; i++) {
        if (await fetch(url, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.fail(`${url} never answered`);
    };

    const first = spawn(client, [], { stdio: 'ignore' });
    writeFileSync(pidFile, String(first.pid));
    try {
      await answering();
      let r = runCheck();
      assert.equal(r.status, 0, `answering: ${r.output}`);

      process.kill(first.pid!, 'SIGSTOP'); // hung: the kernel still takes connections, nothing answers
      r = runCheck();
      assert.equal(r.status, 1, `hung: ${r.output}`);
      assert.match(r.output, /no HTTP answer .* hung/);
      const restarted = spawnSync(join(standins, 'systemctl'), restart.slice(1), { encoding: 'utf8', timeout: 30_000 });
      assert.equal(restarted.status, 0, restarted.stderr);
      assert.equal(readFileSync(record, 'utf8'), `restart ${name}-instance1.service\n`);
      const second = Number(readFileSync(pidFile, 'utf8'));
      assert.notEqual(second, first.pid);
      await answering();
      assert.equal(runCheck().status, 0, 'the restarted client answers its check');

      // Stopped on purpose (nothing listens): the check passes, so no restart undoes the stop.
      process.kill(second, 'SIGKILL');
      while (existsSync(`/proc/${second}`)) await new Promise((res) => setTimeout(res, 50));
      r = runCheck();
      assert.equal(r.status, 0, `stopped: ${r.output}`);
      assert.match(r.output, /nothing listens/);
      assert.equal(readFileSync(record, 'utf8').split('\n').filter(Boolean).length, 1, 'no second restart');
    } finally {
      for (const pid of [first.pid, Number(readFileSync(pidFile, 'utf8'))]) {
        try { process.kill(pid!, 'SIGKILL'); } catch { /* already gone */ }
      }
    }
  });

  it('bin/pg-backup writes dated dumps and keeps the newest [backups] keep, with a stand-in pg_dump', function () {
    assert.ok(installed, 'the install ran');
    const keep = Number(resolved.sections['backups']!['keep']);
    const standins = join(d!.root, 'stand-ins');
    // STAND-IN for pg_dump (no PostgreSQL here): writes its arguments into the --file it is given.
    writeFileSync(join(standins, 'pg_dump'), [
      '#!/bin/sh',
      '# STAND-IN for pg_dump: records its arguments in the file --file names.',
      'for a in "$@"; do case "$a" in --file=*) f="${a#--file=}" ;; esac; done',
      'echo "$@" > "$f"',
      '',
    ].join('\n'), { mode: 0o755 });
    const dumps = join(d!.root, 'backups', 'pg_dump');
    // Files named as earlier nights would have left them, then one real run.
    mkdirSync(dumps, { recursive: true });
    const db = resolved.sections['users']!['postgresql']!;
    for (let day = 1; day <= keep + 2; day++) writeFileSync(join(dumps, `${db}-2026-01-${String(day).padStart(2, '0')}T030000.dump`), 'old');
    if (AS_ROOT) chownTree(join(d!.root, 'backups'), deployUid(), deployGid());
    const r = run(d!, join(d!.project, 'bin', 'pg-backup'), []);
    assert.equal(r.status, 0, r.output);
    const left = readdirSync(dumps).sort();
    assert.equal(left.length, keep, left.join(' '));
    const newest = left[left.length - 1]!;
    assert.match(newest, new RegExp(`^${db}-\\d{4}-\\d{2}-\\d{2}T\\d{6}\\.dump$`));
    assert.match(readFileSync(join(dumps, newest), 'utf8'), new RegExp(`--format=custom .*--username=${db} ${db}$`, 'm'));
    assert.ok(!left.some((f) => f.endsWith('.part')));
  });

  it('writes cron lines (zodbpack, pg-backup, logrotate) that the real crontab accepts, into the stand-in only', function () {
    requireTool(this, 'crontab');
    assert.ok(installed, 'the install ran');
    const tab = readFileSync(d!.crontabFile, 'utf8');
    for (const p of ['pack-cron', 'backup-cron', 'logrotate-cron']) {
      const s = resolved.sections[p]!;
      assert.ok(tab.split('\n').some((l) => l.replace(/\s+/g, ' ') === `${s['times']} ${s['command']}`), `${p} in\n${tab}`);
    }
    const r = run(d!, '/usr/bin/crontab', ['-n', d!.crontabFile]);
    assert.equal(r.status, 0, r.output);
  });
});
