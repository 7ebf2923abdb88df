// Judges generated systemd units with the real `systemd-analyze verify`, offline: it loads
// the unit files given by path (and their neighbours in the same folder) without a running
// systemd and without installing anything. Like the servers' checkers here, a warning fails.
import { spawnSync } from 'node:child_process';
import { SERVICE_USER } from './service-user.js';

export const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';

/**
 * The one warning tolerated: run as root, the tests give the project's user `nobody` (a real
 * project has its own user, `plone` by default), which systemd calls unsafe for a service.
 */
const TOLERATED = SERVICE_USER === 'nobody' ? /^.*: Special user nobody configured, this is not safe!$/ : null;

export function verifyUnits(paths: string[]): { ok: boolean; output: string } {
  const r = spawnSync(SYSTEMD_ANALYZE, ['verify', '--man=no', ...paths], { encoding: 'utf8', timeout: 60_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const findings = output.split('\n').filter((l) => l.trim() !== '' && !(TOLERATED?.test(l) ?? false));
  return { ok: r.status === 0 && findings.length === 0, output };
}
