// --process systemd and --storage relstorage, installed for real: bin/buildout (Debian's
// zc.buildout 2.13, the real collective.recipe.template) renders a unit per process and the
// project's target from the unchanged generated files, and the real `systemd-analyze verify`
// judges them, offline: no unit is installed, nothing is started. The same install's
// bin/pg-backup runs against a stand-in pg_dump, to prove its dated files and retention,
// and the real crontab judges its cron lines.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLONE } from '../../lib/catalog/plone-lines.js';
import { resolveProfile, type Resolved } from '../../lib/buildout/resolve.js';
import { plonefactory } from '../support/cli.js';
import {
  buildout, chownTree, createVenv, DEPLOY_GROUP, DEPLOY_USER, deployGid, deployUid, freePortBase, newDeploy, NOT_INSTALLABLE_EGG_PARTS,
  NOT_INSTALLABLE_RECIPES, run, servePinFiles, writeZopeStandIns, type Deploy,
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
    assert.deepEqual(units, [...programs.map((p) => `${name}-${p}.service`), `${name}.target`].sort());
    assert.equal(unitParts.length, units.length);
    const v = verifyUnits(units.map((u) => join(dir, u)));
    assert.ok(v.ok, v.output);
    const target = readFileSync(join(dir, `${name}.target`), 'utf8');
    assert.match(target, new RegExp(`^Wants=${programs.map((p) => `${name}-${p}\\.service`).join(' ')}$`, 'm'));
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
