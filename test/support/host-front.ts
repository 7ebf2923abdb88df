// A host's system nginx or apache as Debian sets it up, in a test's temporary folder: the
// main config (what /etc/nginx/nginx.conf or /etc/apache2/apache2.conf with its enabled
// modules give) that includes a host front's generated snippets, so the real server can
// check and run them without touching the machine's own configuration.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HOST_FRONT_SERVERS, type HostFrontServer } from '../../lib/catalog/front.js';
import { AS_ROOT, SERVICE_GROUP, SERVICE_USER } from './service-user.js';

const MODULES = '/usr/lib/apache2/modules';
// Enabled by Debian's apache2 package itself (mods-enabled after install), which the front relies on.
const DEBIAN_DEFAULT_MODULES = ['mpm_event', 'authz_core', 'authz_host', 'alias'];

/**
 * Writes `workDir`/main.conf including `includes` (globs of snippet files); returns its path.
 * `listen`: a port apache listens on besides the snippets' (as Debian's ports.conf does), so it
 * starts before any snippet is installed. `root`: whether the server starts as root.
 */
export function writeHostMain(server: HostFrontServer, workDir: string, includes: readonly string[], opts: { listen?: string; root?: boolean } = {}): string {
  for (const d of ['run', 'log', 'tmp', 'var/log']) mkdirSync(path.join(workDir, d), { recursive: true, mode: 0o1777 });
  const file = path.join(workDir, 'main.conf');
  const lines = server === 'nginx'
    ? [
        // nginx warns about `user` unless it runs as root, and a warning fails the check.
        ...((opts.root ?? AS_ROOT) ? [`user ${SERVICE_USER} ${SERVICE_GROUP};`] : []),
        'daemon off;', 'worker_processes 1;', `pid ${workDir}/run/nginx.pid;`, `error_log ${workDir}/log/error.log warn;`,
        'events { worker_connections 256; }',
        'http {',
        `    access_log ${workDir}/log/access.log;`,
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${workDir}/tmp/${t};`),
        ...includes.map((g) => `    include ${g};`),
        '}',
      ]
    : [
        `ServerRoot "${workDir}"`, `DefaultRuntimeDir "${workDir}/run"`, `PidFile "${workDir}/run/apache.pid"`, `Mutex file:${workDir}/run default`,
        `User ${SERVICE_USER}`, `Group ${SERVICE_GROUP}`, 'ServerName localhost',
        ...[...DEBIAN_DEFAULT_MODULES, ...HOST_FRONT_SERVERS.apache.modules].map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
        `ErrorLog "${workDir}/log/error.log"`, 'LogLevel warn',
        // Debian's mods-available/ssl.conf sets the session cache.
        `SSLSessionCache "shmcb:${workDir}/run/ssl_scache(512000)"`,
        '<Directory />', '    AllowOverride None', '    Require all denied', '</Directory>',
        ...(opts.listen ? [`Listen ${opts.listen}`] : []),
        ...includes.map((g) => `IncludeOptional ${g}`),
      ];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
