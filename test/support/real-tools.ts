// Real-tool gate: in CI a missing tool fails the test; on a laptop it skips, loudly.
import { existsSync } from 'node:fs';
import type { Context } from 'mocha';
import { COMPONENTS } from '../../lib/catalog/stack.js';

export const PYTHON = '/usr/bin/python3';

/** Where a tool comes from: a Debian package, or (pound) the catalog's source build. */
type Tool = { path: string; debian: string } | { path: string; build: string };

const pound = COMPONENTS.pound;
const poundBuild = pound.fromSource;
if (!poundBuild) throw new Error('lib/catalog/stack.ts: pound has no fromSource (Debian does not ship it)');

const TOOLS: Record<string, Tool> = {
  buildout: { path: '/usr/lib/python3/dist-packages/zc/buildout/buildout.py', debian: 'python3-zc.buildout' },
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
  cookiecutter: { path: '/usr/lib/python3/dist-packages/cookiecutter/main.py', debian: 'python3-cookiecutter' },
};

export type ToolName = keyof typeof TOOLS;

export function toolPath(name: ToolName): string {
  const tool = TOOLS[name];
  if (!tool) throw new Error(`unknown tool ${name}`);
  return tool.path;
}

/** Call in a mocha `before`/`it` with `this`: returns normally only when the tool is there. */
export function requireTool(ctx: Context, name: ToolName): void {
  const tool = TOOLS[name];
  if (!tool) throw new Error(`unknown tool ${name}`);
  if (existsSync(tool.path)) return;
  const how = 'debian' in tool ? `install the Debian package ${tool.debian}` : tool.build;
  const msg = `${name} is missing (${tool.path}); ${how}`;
  if (process.env.CI === 'true') throw new Error(`CI requires the real tool: ${msg}`);
  console.error(`\n!!! SKIPPING real-tool test: ${msg} !!!\n`);
  ctx.skip();
}
