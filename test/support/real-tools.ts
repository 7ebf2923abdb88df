// Real-tool gate: in CI a missing tool fails the test; on a laptop it skips, loudly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'mocha';
import { COMPONENTS } from '../../lib/catalog/stack.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';

export const PYTHON = '/usr/bin/python3';

/** ../shared beside the package (CI lays a copy there); PLONEFACTORY_SHARED overrides. */
export const SHARED = process.env.PLONEFACTORY_SHARED ?? join(PACKAGE_ROOT, '..', 'shared');

/**
 * zc.buildout 5.2.0's source (no Debian package has it): the shared copy, or PF_BUILDOUT5_SRC.
 * It runs with the `python3` first on PATH (it needs packaging >= 24, which Debian's
 * /usr/bin/python3 lacks), or PF_BUILDOUT5_PYTHON.
 */
export const BUILDOUT5_SRC = process.env.PF_BUILDOUT5_SRC ?? join(SHARED, 'zc.buildout-5.2.0', 'src');
export const PYTHON5 = process.env.PF_BUILDOUT5_PYTHON ?? 'python3';

/** Where a tool comes from: a Debian package, or how it is built or laid instead. */
type Tool = ({ path: string; debian: string } | { path: string; build: string }) & {
  /** Beyond the file being there: null when the tool works, else why not. */
  works?: () => string | null;
};

/** zc.buildout 5.2 imports packaging's is_normalized_name (packaging >= 24; Debian 12 has 23). */
function buildout5Imports(): string | null {
  // as real_buildout.py loads it: the source first on sys.path, a dist-info of it beside
  const script = [
    'import os, shutil, sys, tempfile',
    'd = tempfile.mkdtemp()',
    'os.mkdir(os.path.join(d, "zc.buildout-5.2.0.dist-info"))',
    'open(os.path.join(d, "zc.buildout-5.2.0.dist-info", "METADATA"), "w").write("Name: zc.buildout\\nVersion: 5.2.0\\n")',
    'sys.path[:0] = [sys.argv[1], d]',
    'try:\n    import zc.buildout.buildout\nfinally:\n    shutil.rmtree(d)',
  ].join('\n');
  const r = spawnSync(PYTHON5, ['-c', script, BUILDOUT5_SRC], { encoding: 'utf8' });
  if (r.status === 0) return null;
  const why = (r.stderr || String(r.error)).trim().split('\n').pop();
  return `${PYTHON5} cannot import zc.buildout 5.2 from ${BUILDOUT5_SRC} (${why}); it needs a python3 with packaging >= 24 (not Debian 12's): set PF_BUILDOUT5_PYTHON`;
}

const pound = COMPONENTS.pound;
const poundBuild = pound.fromSource;
if (!poundBuild) throw new Error('lib/catalog/stack.ts: pound has no fromSource (Debian does not ship it)');

const TOOLS: Record<string, Tool> = {
  buildout: { path: '/usr/lib/python3/dist-packages/zc/buildout/buildout.py', debian: 'python3-zc.buildout' },
  // not a Debian package: `debian` says where it comes from instead
  buildout5: { path: join(BUILDOUT5_SRC, 'zc/buildout/buildout.py'), build: 'put ../shared (zc.buildout-5.2.0) beside this package, or set PF_BUILDOUT5_SRC', works: buildout5Imports },
  nginx: { path: '/usr/sbin/nginx', debian: 'nginx-light' },
  apache2: { path: '/usr/sbin/apache2', debian: 'apache2' },
  varnishd: { path: '/usr/sbin/varnishd', debian: 'varnish' },
  squid: { path: '/usr/sbin/squid', debian: 'squid' },
  haproxy: { path: '/usr/sbin/haproxy', debian: 'haproxy' },
  // The deploy test: a venv in the project (python3-venv), horse-with-no-namespace built by
  // Debian's pip and hatchling, cron's real crontab to judge what the cron parts wrote.
  venv: { path: '/usr/lib/python3.11/ensurepip/__init__.py', debian: 'python3-venv' },
  hatchling: { path: '/usr/lib/python3/dist-packages/hatchling/__init__.py', debian: 'python3-hatchling' },
  pip: { path: '/usr/lib/python3/dist-packages/pip/__init__.py', debian: 'python3-pip' },
  crontab: { path: '/usr/bin/crontab', debian: 'cron' },
  // The real recipe eggs the deploy test installs from, offline.
  recipes: { path: join(SHARED, 'recipes', 'README.txt'), build: 'put ../shared beside this package, or point PLONEFACTORY_SHARED at it' },
  // Makes the tests' self-signed certificate for the https fronts.
  openssl: { path: '/usr/bin/openssl', debian: 'openssl' },
  // Judges the generated systemd units (`systemd-analyze verify`, offline: nothing is installed).
  'systemd-analyze': { path: '/usr/bin/systemd-analyze', debian: 'systemd' },
  // Judges the generated etc/logrotate.conf (`logrotate -d`, and a forced rotation in the deploy test).
  logrotate: { path: '/usr/sbin/logrotate', debian: 'logrotate' },
  // Not in Debian: built from source as .ci/run does (../shared/pound/README.md).
  pound: {
    path: pound.binary,
    build: `build it from ${poundBuild.upstream} (Debian packages ${poundBuild.buildPackages.join(' ')}): ${[...poundBuild.steps, `install -m755 ${poundBuild.built} ${pound.binary}`].join(' && ')}`,
  },
  // Judges that the Debian packages a generated README names exist.
  'apt-cache': { path: '/usr/bin/apt-cache', debian: 'apt' },
  // The deployment test: Debian's ansible-core runs the generated playbook.
  'ansible-playbook': { path: '/usr/bin/ansible-playbook', debian: 'ansible-core' },
  // Reads the generated inventory as Ansible does (hosts with any name, their addresses).
  'ansible-inventory': { path: '/usr/bin/ansible-inventory', debian: 'ansible-core' },
  git: { path: '/usr/bin/git', debian: 'git' },
  cookiecutter: { path: '/usr/lib/python3/dist-packages/cookiecutter/main.py', debian: 'python3-cookiecutter' },
};

export type ToolName = keyof typeof TOOLS;

export function toolPath(name: ToolName): string {
  const tool = TOOLS[name];
  if (!tool) throw new Error(`unknown tool ${name}`);
  return tool.path;
}

/** What each tool's `works` said, asked once per process. */
const checked = new Map<string, string | null>();

/** Call in a mocha `before`/`it` with `this`: returns normally only when the tool is there (and works). */
export function requireTool(ctx: Context, name: ToolName): void {
  const tool = TOOLS[name];
  if (!tool) throw new Error(`unknown tool ${name}`);
  let msg: string;
  if (existsSync(tool.path)) {
    if (!tool.works) return;
    if (!checked.has(name)) checked.set(name, tool.works());
    const broken = checked.get(name);
    if (!broken) return;
    msg = `${name} does not work: ${broken}`;
  } else {
    const how = 'debian' in tool ? `install the Debian package ${tool.debian}` : tool.build;
    msg = `${name} is missing (${tool.path}); ${how}`;
  }
  if (process.env.CI === 'true') throw new Error(`CI requires the real tool: ${msg}`);
  console.error(`\n!!! SKIPPING real-tool test: ${msg} !!!\n`);
  ctx.skip();
}
