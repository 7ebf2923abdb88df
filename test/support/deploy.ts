// A first deploy as a user does it, offline: a venv in the project, bin/buildout from
// Debian's real zc.buildout 2.13, the real recipes of ../shared/recipes, then the generated
// bin/supervisord. Nothing here touches the machine's own state: every file is below one
// temporary folder, cron is a stand-in, and every process started is stopped.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { resolveProfile, type Resolved } from '../../lib/buildout/resolve.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { portBlocks } from './port-blocks.js';
import { PYTHON, SHARED } from './real-tools.js';
import { AS_ROOT, SERVICE_GROUP, SERVICE_USER } from './service-user.js';

const RECIPES = join(SHARED, 'recipes');

/**
 * Parts whose recipes need Zope or ZODB, which cannot be installed here (no Zope, no ZODB
 * eggs offline). Every other part of a generated profile must install.
 */
export const NOT_INSTALLABLE_RECIPES: Record<string, string> = {
  'plone.recipe.zope2instance': 'Zope',
  'plone.recipe.zeoserver': 'ZEO/ZODB',
  'collective.recipe.backup': 'ZODB (repozo)',
  'zc.recipe.testrunner': 'zope.testrunner (not among the offline eggs)',
  'collective.xmltestreport': 'zope.testrunner (not among the offline eggs)',
};

/** Extra parts that cannot install for lack of their egg offline, by part (not recipe). */
export const NOT_INSTALLABLE_EGG_PARTS: Record<string, string> = {
  coverage: 'coverage (not among the offline eggs)',
  superlance: 'superlance (not among the offline eggs): resolved with its exact pin, its memmon and httpok stood in for',
  zodbpack: 'RelStorage and psycopg2 (not among the offline eggs; psycopg2 also needs libpq to build)',
};

// The whole deploy (bin/buildout, supervisord, the servers) runs as that user, as it runs
// as the project's own user on a host.
const ROOT = AS_ROOT;
export const DEPLOY_USER = SERVICE_USER;
export const DEPLOY_GROUP = SERVICE_GROUP;

const DEBIAN_DIST_PACKAGES = '/usr/lib/python3/dist-packages';
/** What Debian's python3-zc.buildout puts there (dpkg -L). */
const DEBIAN_ZC_BUILDOUT = ['zc', 'zc.buildout-2.13.2.egg-info', 'zc.buildout-2.13.2-nspkg.pth'];

export interface Deploy {
  /** The temporary folder holding everything (project, find-links, extends-cache, stand-ins). */
  root: string;
  project: string;
  env: NodeJS.ProcessEnv;
  /** Where the stand-in crontab keeps what the cron parts installed. */
  crontabFile: string;
  /** Arguments every bin/buildout run gets: the offline index, the stand-in pin file, the host's user. */
  buildoutArgs: string[];
}

export interface RunResult { status: number | null; output: string }

/**
 * Starts the generated bin/supervisord as a host's boot does: as root when the tests run as
 * root (its programs then switch to the project's user themselves, `user =` of each
 * program), else as the deploy user.
 */
export function startSupervisord(d: Deploy): RunResult {
  if (!ROOT) return run(d, 'bin/supervisord', []);
  const r = spawnSync(join(d.project, 'bin', 'supervisord'), [], { cwd: d.project, env: d.env, encoding: 'utf8', timeout: 60_000, input: '' });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}` };
}

/** The real, effective, saved and filesystem uids of a process (/proc/PID/status `Uid:`). */
export function processUids(pid: number): number[] {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('Uid:'));
  if (!line) throw new Error(`/proc/${pid}/status has no Uid line`);
  return line.split(/\s+/).slice(1).filter((f) => f !== '').map(Number);
}

/** A process and every process below it (workers, varnish's child, apache's children), from /proc. */
export function processTree(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat, after the parenthesised command (which may hold spaces).
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, ppid] of parent) if (ppid === tree[i]) tree.push(child);
  return tree;
}

/** The pid supervisord gives for a program (`supervisorctl pid NAME`). */
export function programPid(d: Deploy, name: string): number {
  // The venv's Python may print a notice first (horse-with-no-namespace on 6.2): take the number line.
  const out = run(d, 'bin/supervisorctl', ['pid', name], 30_000).output;
  const pid = /^(\d+)$/m.exec(out)?.[1];
  if (pid === undefined || pid === '0') throw new Error(`supervisorctl pid ${name}: ${out}`);
  return Number(pid);
}

export const deployUid = (): number => Number(execFileSync('id', ['-u', DEPLOY_USER], { encoding: 'utf8' }));
export const deployGid = (): number => Number(execFileSync('id', ['-g', DEPLOY_USER], { encoding: 'utf8' }));

/** Runs a command as the deploy user, in the project, with the deploy's environment. */
export function run(d: Deploy, cmd: string, args: string[], timeoutMs = 180_000): RunResult {
  const [file, argv] = ROOT
    ? ['setpriv', [`--reuid=${DEPLOY_USER}`, `--regid=${DEPLOY_GROUP}`, '--clear-groups', '--', cmd, ...args]]
    : [cmd, args];
  const r = spawnSync(file, argv, { cwd: d.project, env: d.env, encoding: 'utf8', timeout: timeoutMs, input: '' });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}` };
}

export function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) chownTree(join(path, name), uid, gid);
}

/**
 * The offline world of a deploy below `root`, for the project at `project`: where the
 * find-links, the stand-in crontab and the extends-cache are, the environment and the
 * arguments of every bin/buildout run. Paths only: prepareWorld creates them.
 */
export function offlineWorld(root: string, project: string): Deploy {
  const links = join(root, 'find-links');
  const standins = join(root, 'stand-ins');
  const cache = join(root, 'extends-cache');
  const crontabFile = join(root, 'crontab');
  return {
    root,
    project,
    crontabFile,
    env: {
      PATH: `${standins}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
      HOME: root,
      LANG: 'C.UTF-8',
      STANDIN_CRONTAB: crontabFile,
    },
    buildoutArgs: [
      `buildout:extends-cache=${cache}`,
      `buildout:find-links=${links}`,
      `buildout:index=file://${links}`,
      'buildout:allow-hosts=127.0.0.1',
      `users:os=${DEPLOY_USER}`,
      `users:group=${DEPLOY_GROUP}`,
      // The public front listens on loopback only: a test never opens a port to the network.
      'front:bind=127.0.0.1',
    ],
  };
}

/** Creates the offline world: find-links and a file:// index over the real recipe eggs, so buildout never asks PyPI; the stand-in crontab; the extends-cache. */
export function prepareWorld(d: Deploy): void {
  cpSync(RECIPES, join(d.root, 'find-links'), { recursive: true });
  const standins = join(d.root, 'stand-ins');
  mkdirSync(standins);
  writeFileSync(join(standins, 'crontab'), [
    '#!/bin/sh',
    "# STAND-IN for crontab(1): z3c.recipe.usercrontab runs `crontab -l` and `crontab -`;",
    "# this keeps that user crontab in $STANDIN_CRONTAB, never in the machine's cron spool.",
    'case "$1" in',
    '  -l) if [ -f "$STANDIN_CRONTAB" ]; then cat "$STANDIN_CRONTAB"; else echo "no crontab for $(id -un)" >&2; exit 1; fi ;;',
    '  -) cat > "$STANDIN_CRONTAB" ;;',
    '  *) echo "stand-in crontab: unsupported arguments: $*" >&2; exit 2 ;;',
    'esac',
    '',
  ].join('\n'), { mode: 0o755 });
  mkdirSync(join(d.root, 'extends-cache'));
}

/** Run as root, gives a whole tree to the deploy user (the deploy runs as that user). */
export function giveToDeployUser(path: string): void {
  if (!ROOT) return;
  const uid = Number(execFileSync('id', ['-u', DEPLOY_USER], { encoding: 'utf8' }));
  const gid = Number(execFileSync('id', ['-g', DEPLOY_USER], { encoding: 'utf8' }));
  chownTree(path, uid, gid);
}

/** The folder a deploy lives in, given to the deploy user. `generate` writes the project into `project`. */
export function newDeploy(name: string, generate: (project: string) => void): Deploy {
  const root = mkdtempSync(join(tmpdir(), `pf-deploy-${name}-`));
  const project = join(root, name);
  mkdirSync(project);
  generate(project);
  const d = offlineWorld(root, project);
  prepareWorld(d);
  giveToDeployUser(root);
  return d;
}

/** The deploy's extends-cache folder (where servePinFiles puts the pin files). */
export function extendsCache(d: Deploy): string {
  const arg = d.buildoutArgs.find((a) => a.startsWith('buildout:extends-cache='));
  if (!arg) throw new Error('deploy without an extends-cache');
  return arg.slice('buildout:extends-cache='.length);
}

/** A project's buildout.cfg resolved as the deploy's bin/buildout will see it (same command-line assignments). */
export function resolveAsDeployed(d: Deploy, config = join(d.project, 'buildout.cfg')): Resolved {
  return resolveProfile(config, {
    mode: '2.13',
    extendsCache: extendsCache(d),
    // the public front binds loopback here: the tests' hosts are on 127.0.0.1
    overrides: [['users', 'os', DEPLOY_USER], ['users', 'group', DEPLOY_GROUP], ['front', 'bind', '127.0.0.1']],
  });
}

/** The parts of a resolved profile that can install here (all but those needing Zope, ZODB or eggs not offline). */
export function installableParts(resolved: Resolved): string[] {
  return resolved.parts.filter((p) => !NOT_INSTALLABLE_RECIPES[resolved.sections[p]?.['recipe'] ?? ''] && !NOT_INSTALLABLE_EGG_PARTS[p]);
}

const STANDIN_PINS = join(PACKAGE_ROOT, 'test', 'fixtures', 'deploy', 'standin-versions.cfg');

/**
 * The dist.plone.org pin files the project extends are unreachable offline: buildout reads
 * them from its extends-cache (file name: md5 of the URL). The first one is the stand-in of
 * test/fixtures/deploy (its header says what it stands for); the others are empty [versions].
 */
export function servePinFiles(d: Deploy, urls: string[]): void {
  const cache = extendsCache(d);
  urls.forEach((url, i) => {
    const text = i === 0 ? readFileSync(STANDIN_PINS, 'utf8') : '[versions]\n';
    const file = join(cache, createHash('md5').update(url).digest('hex'));
    writeFileSync(file, text);
    giveToDeployUser(file);
  });
}

/**
 * The venv of the generated README, made in the project folder. Debian's zc.buildout 2.13.2
 * stands in for the zc.buildout of requirements.txt (no other is installable here): it is
 * linked into the venv, as pip would have put it there, and nothing else of Debian's Python
 * packages is (--system-site-packages would let Debian's six 1.16 win over the pinned 1.17.0
 * and reinstall parts on the next run). A .pth gives 2.13.2 back `collections.MutableMapping`,
 * which Python 3.10 removed. Other requirements are installed from ../shared when they are
 * there (horse-with-no-namespace, for 6.2).
 */
export function createVenv(d: Deploy, config = 'buildout.cfg'): RunResult {
  let r = run(d, PYTHON, ['-m', 'venv', '.']);
  if (r.status !== 0) return r;
  const site = run(d, 'bin/python', ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])']).output.trim();
  for (const entry of DEBIAN_ZC_BUILDOUT) symlinkSync(join(DEBIAN_DIST_PACKAGES, entry), join(site, entry));
  writeFileSync(
    join(site, 'debian_zc_buildout_213_compat.pth'),
    '# Debian zc.buildout 2.13.2 on Python >= 3.10 (test compatibility shim, not part of the project).\n' +
      'import collections, collections.abc; collections.MutableMapping = collections.abc.MutableMapping\n',
  );
  const requirements = readFileSync(join(d.project, 'requirements.txt'), 'utf8');
  if (/^horse-with-no-namespace==/m.test(requirements)) {
    r = installHorse(d);
    if (r.status !== 0) return r;
  }
  // bin/buildout, as `pip install zc.buildout` would leave it; bootstrap reads `config`, so a
  // clone's jenkins build bootstraps from jenkins.cfg as its Jenkinsfile builds it.
  return run(d, 'bin/python', ['-c', 'from zc.buildout.buildout import main; main()', ...d.buildoutArgs, '-c', config, 'bootstrap']);
}

/**
 * horse-with-no-namespace from its source in ../shared: Debian's pip builds the wheel with
 * Debian's hatchling (as PyPI's wheel was built), and the venv's pip installs it. Hatchling
 * 1.12 (Debian 12) rejects the trove classifiers of Python 3.12 and 3.13, which it predates:
 * the copy built here drops those lines of pyproject.toml, nothing else.
 */
function installHorse(d: Deploy): RunResult {
  const wheel = horseWheel(d);
  return typeof wheel === 'string' ? run(d, 'bin/pip', ['install', '--no-index', '--quiet', wheel]) : wheel;
}

/** The wheel of horse-with-no-namespace, built once per world (the projects of one world share it). */
export function horseWheel(d: Deploy): string | RunResult {
  const wheels = join(d.root, 'wheels');
  const built = (): string | undefined => (existsSync(wheels) ? readdirSync(wheels).find((f) => f.endsWith('.whl')) : undefined);
  const have = built();
  if (have) return join(wheels, have);
  const tarball = readdirSync(RECIPES).find((f) => f.startsWith('horse-with-no-namespace-') && f.endsWith('.src.tar.gz'));
  if (!tarball) return { status: 1, output: `no horse-with-no-namespace source in ${RECIPES}` };
  const src = mkdtempSync(join(d.root, 'horse-src-'));
  execFileSync('tar', ['xzf', join(RECIPES, tarball), '-C', src, '--strip-components=1']);
  const pyproject = join(src, 'pyproject.toml');
  writeFileSync(pyproject, readFileSync(pyproject, 'utf8').replace(/^\s*"Programming Language :: Python :: 3\.1[2-9]",\n/gm, ''));
  execFileSync('chmod', ['-R', 'a+rwX', src]);
  const r = run(d, PYTHON, ['-m', 'pip', 'wheel', '--no-deps', '--no-index', '--no-build-isolation', '--quiet', '-w', wheels, src]);
  if (r.status !== 0) return r;
  const wheel = built();
  return wheel ? join(wheels, wheel) : { status: 1, output: `pip wheel built nothing in ${wheels}` };
}

/** bin/buildout with the deploy's offline arguments. */
export function buildout(d: Deploy, args: string[]): RunResult {
  return run(d, 'bin/buildout', [...d.buildoutArgs, ...args]);
}

/**
 * Bookkeeping buildout rewrites on every run: .installed.cfg's [buildout] sections (it
 * saves after each part) and mr.developer's record of the last command line. What they say
 * about the parts is compared instead.
 */
const BOOKKEEPING = new Set(['.installed.cfg', '.mr.developer.cfg']);

/** The parts' sections of .installed.cfg: what buildout recorded it installed, and with which options. */
function installedParts(text: string): string {
  return text.split(/^(?=\[)/m).filter((s) => !s.startsWith('[buildout]')).map((s) => s.trim()).sort().join('\n');
}

/** What a buildout run leaves (everything but var/, which running servers change): path -> mtime, mode and content hash. */
export function installedState(d: Deploy): Map<string, string> {
  const out = new Map<string, string>();
  out.set('.installed.cfg parts', installedParts(readFileSync(join(d.project, '.installed.cfg'), 'utf8')));
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(d.project, path);
      if (rel === 'var' || rel === 'lib' || rel === 'include' || rel === 'lib64' || BOOKKEEPING.has(rel)) continue;
      const st = statSync(path, { throwIfNoEntry: false });
      if (!st) {
        out.set(rel, `link ${readlinkSync(path)}`);
      } else if (st.isDirectory()) {
        walk(path);
      } else {
        out.set(rel, `${st.mtimeMs} ${st.mode.toString(8)} ${createHash('sha1').update(readFileSync(path)).digest('hex')}`);
      }
    }
  };
  walk(d.project);
  return out;
}

/**
 * STAND-INS for Zope and ZEO (not installable here), written where their recipes would put
 * them: bin/<client> answers every request with the path it received, on the client's
 * address; bin/zeoserver only sleeps. Each says what it is in its first lines.
 */
export function writeZopeStandIns(d: Deploy, clients: Array<{ name: string; host: string; port: number }>, zeo: boolean): void {
  for (const c of clients) {
    // The recipe's part folder: supervisor starts the client there.
    mkdirSync(join(d.project, 'parts', c.name), { recursive: true });
    writeFileSync(join(d.project, 'bin', c.name), [
      `#!${PYTHON}`,
      `# STAND-IN for Zope's bin/${c.name} (plone.recipe.zope2instance cannot be installed here):`,
      '# answers every request with the path it received, so a test sees what the chain sends.',
      'import http.server',
      'class Echo(http.server.BaseHTTPRequestHandler):',
      '    def do_GET(self):',
      '        body = self.path.encode()',
      '        self.send_response(200)',
      "        self.send_header('Content-Type', 'text/plain')",
      "        self.send_header('Content-Length', str(len(body)))",
      `        self.send_header('X-Stand-In', '${c.name}')`,
      '        self.end_headers()',
      "        if self.command != 'HEAD':",
      '            self.wfile.write(body)',
      '    do_HEAD = do_GET',
      '    def log_message(self, *args):',
      '        pass',
      `http.server.ThreadingHTTPServer(('${c.host}', ${c.port}), Echo).serve_forever()`,
      '',
    ].join('\n'), { mode: 0o755 });
  }
  // STAND-INS for superlance's memmon and httpok (superlance is not among the offline eggs):
  // event listeners that speak supervisor's protocol (READY, read one event, RESULT 2 OK)
  // and do nothing else, so supervisord runs them as it runs the real ones.
  for (const listener of ['memmon', 'httpok']) {
    writeFileSync(join(d.project, 'bin', listener), [
      `#!${PYTHON}`,
      `# STAND-IN for superlance's bin/${listener} (superlance cannot be installed here): acknowledges every event.`,
      'import sys',
      'while True:',
      "    sys.stdout.write('READY\\n'); sys.stdout.flush()",
      '    header = dict(f.split(":", 1) for f in sys.stdin.readline().split())',
      "    sys.stdin.read(int(header['len']))",
      "    sys.stdout.write('RESULT 2\\nOK'); sys.stdout.flush()",
      '',
    ].join('\n'), { mode: 0o755 });
  }
  if (zeo) {
    writeFileSync(join(d.project, 'bin', 'zeoserver'), [
      '#!/bin/sh',
      "# STAND-IN for ZEO's bin/zeoserver (plone.recipe.zeoserver cannot be installed here): sleeps until stopped.",
      'exec sleep infinity',
      '',
    ].join('\n'), { mode: 0o755 });
  }
  if (ROOT) for (const dir of ['bin', 'parts']) chownTree(join(d.project, dir), Number(execFileSync('id', ['-u', DEPLOY_USER], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', DEPLOY_USER], { encoding: 'utf8' })));
}

export interface ProgramStatus { name: string; state: string; line: string }

export function supervisorStatus(d: Deploy): ProgramStatus[] {
  const r = run(d, 'bin/supervisorctl', ['status'], 30_000);
  const states = /^\S+\s+(STOPPED|STARTING|RUNNING|BACKOFF|STOPPING|EXITED|FATAL|UNKNOWN)\b/;
  return r.output.split('\n').filter((l) => states.test(l)).map((line) => {
    const [name = '', state = ''] = line.split(/\s+/);
    return { name, state, line };
  });
}

/** Waits until every program is RUNNING; returns the last status seen either way. */
export async function waitAllRunning(d: Deploy, expected: number, timeoutMs = 60_000): Promise<ProgramStatus[]> {
  const until = Date.now() + timeoutMs;
  let last: ProgramStatus[] = [];
  while (Date.now() < until) {
    last = supervisorStatus(d);
    if (last.length === expected && last.every((p) => p.state === 'RUNNING')) return last;
    if (last.some((p) => p.state === 'FATAL')) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  return last;
}

/** Processes whose command line or working folder lies inside the deploy's folder. */
function holdsFileInside(pid: string, root: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(root);
      } catch {
        return false;
      }
    });
  } catch {
    return false; // another user's process, unless we are root
  }
}

export function processesInside(d: Deploy): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${entry}/cwd`);
      } catch {
        // another user's process: its cwd is not readable; its command line still is
      }
      // (an nginx worker names nothing of the deploy in its command line or cwd, only in its open files)
      if (cmd.includes(d.root) || cwd.startsWith(d.root) || holdsFileInside(entry, d.root)) out.push({ pid: Number(entry), cmd });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Last resort after a failed test: nothing a deploy started may outlive it. */
export async function killEverythingInside(d: Deploy): Promise<void> {
  const pidFile = join(d.project, 'var', 'supervisord.pid');
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 3000));
  }
  for (const p of processesInside(d)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Whether every port is free on 127.0.0.1 right now. */
async function portsFree(ports: number[]): Promise<boolean> {
  for (const port of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (!free) return false;
  }
  return true;
}

/** A port base whose first 60 ports are free on loopback, outside the kernel's ephemeral ports (port-blocks.ts); the deploys of one run differ by `slot`. */
export async function freePortBase(slot: number): Promise<number> {
  const blocks = portBlocks();
  for (let tries = 0; tries < 50; tries++) {
    const base = blocks[(slot * 37 + Math.floor(Math.random() * 300)) % blocks.length] as number;
    const block = Array.from({ length: 60 }, (_, i) => base + i);
    if (await portsFree(block)) return base;
  }
  throw new Error('no free block of ports on 127.0.0.1');
}
