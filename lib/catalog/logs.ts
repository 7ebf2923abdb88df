// Which log files the project writes and how each is rotated: reopened by a signal, or
// copied and truncated. The generated templates/logrotate.conf.in is made from this
// (lib/project/logrotate.ts); the deploy test proves every log the real servers wrote is
// in it. `$BUILDOUT` stands for ${buildout:directory}.
import type { ComponentName } from './stack.js';

export type Rotation =
  /** logrotate renames the file, then the command makes the process open a new one. */
  | { kind: 'reopen'; command: string; why: string }
  /** logrotate copies the file and truncates it in place: for processes that cannot reopen. */
  | { kind: 'copytruncate'; why: string };

export interface LogSet {
  /** Who writes them, for the generated file's comments. */
  writer: string;
  files: string[];
  rotation: Rotation;
}

const LOG = (name: string): string => `$BUILDOUT/var/log/${name}`;
/** Signals the pid in a pid file, if the process runs (logrotate runs whether it does or not). */
const signal = (sig: string, pidFile: string): string => `[ ! -s ${pidFile} ] || kill -${sig} "$(cat ${pidFile})"`;

/**
 * Zope's logs, on every line: WSGI instances (5.2, 6.x; plone.recipe.zope2instance writes a
 * wsgi.ini with Python logging FileHandlers) have no signal that reopens their logs, and
 * ignore event-log-max-size, which only ZServer (4.3) reads (the recipe's README). 4.3 is
 * rotated the same way, so one file fits every line.
 */
export const ZOPE_ROTATION: Rotation = {
  kind: 'copytruncate',
  why: 'a WSGI Zope has no signal that reopens its logs and ignores event-log-max-size (ZServer only, plone.recipe.zope2instance README)',
};

/** A Zope instance's event and access logs, as instance-settings in base.cfg names them. */
export const zopeLogs = (instance: string): string[] => [LOG(`${instance}.log`), LOG(`${instance}-Z2.log`)];

/** The ZEO server's log, as zeo.cfg sets `zeo-log`. */
export const ZEO_LOG = LOG('zeoserver.log');
export const ZEO_ROTATION: Rotation = {
  kind: 'copytruncate',
  why: "runzeo reopens its log on SIGUSR2 (ZEO's runzeo.py), but supervisor runs `bin/zeoserver fg`, zdaemon's foreground wrapper that starts runzeo as its child, and no ZEO runs in this generator's tests to prove a signal reaches it; copytruncate needs no signal",
};

/** supervisord's own log; its programs' logs (var/log/*-supervisor-*.log) it rotates itself by size. */
export const SUPERVISORD_LOG = LOG('supervisord.log');
export const SUPERVISORD_PID = '$BUILDOUT/var/supervisord.pid';
export const SUPERVISORD_ROTATION: Rotation = {
  kind: 'reopen',
  command: signal('USR2', SUPERVISORD_PID),
  why: 'SIGUSR2 makes supervisord close and reopen its log and its programs\' logs (supervisord docs, Signals); supervisor.cfg sets logfile-maxbytes = 0 so supervisord does not rotate it too',
};

/**
 * Each server's own log files (the ones its template writes) and how it reopens them.
 * Servers that log to stderr (varnish writes no log file; haproxy `log stderr`; pound
 * `LogFacility -`) end in supervisor's program logs, or the journal under systemd.
 */
export const SERVER_LOGS: Partial<Record<ComponentName, LogSet>> = {
  nginx: {
    writer: 'nginx',
    files: [LOG('nginx-access.log'), LOG('nginx-error.log')],
    rotation: { kind: 'reopen', command: signal('USR1', '$BUILDOUT/var/run/nginx.pid'), why: 'SIGUSR1 makes nginx reopen its logs (nginx docs, Controlling nginx)' },
  },
  apache: {
    writer: 'apache',
    files: [LOG('apache-access.log'), LOG('apache-error.log')],
    rotation: { kind: 'reopen', command: signal('USR1', '$BUILDOUT/var/run/apache.pid'), why: 'SIGUSR1 is a graceful restart, which reopens the logs (httpd docs, Stopping and Restarting)' },
  },
  squid: {
    writer: 'squid',
    files: [LOG('squid-access.log'), LOG('squid-cache.log')],
    rotation: {
      kind: 'reopen',
      command: '/usr/sbin/squid -k rotate -f $BUILDOUT/etc/squid.conf',
      why: 'with logfile_rotate 0 (the template sets it, as Debian does), `squid -k rotate` only reopens the logs (squid.conf.documented, logfile_rotate)',
    },
  },
};

export const LOGS_SOURCE =
  'nginx.org/en/docs/control.html; httpd.apache.org/docs/2.4/stopping.html; squid.conf.documented (logfile_rotate); supervisord.org/running.html#signals; plone.recipe.zope2instance README (event-log-max-size: ZServer only); ZEO runzeo.py handle_sigusr2; logrotate(8)';
