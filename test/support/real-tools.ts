// Real-tool gate: in CI a missing tool fails the test; on a laptop it skips, loudly.
import { existsSync } from 'node:fs';
import type { Context } from 'mocha';

export const PYTHON = '/usr/bin/python3';

const TOOLS: Record<string, { path: string; debian: string }> = {
  buildout: { path: '/usr/lib/python3/dist-packages/zc/buildout/buildout.py', debian: 'python3-zc.buildout' },
  nginx: { path: '/usr/sbin/nginx', debian: 'nginx-light' },
  apache2: { path: '/usr/sbin/apache2', debian: 'apache2' },
  varnishd: { path: '/usr/sbin/varnishd', debian: 'varnish' },
  squid: { path: '/usr/sbin/squid', debian: 'squid' },
  haproxy: { path: '/usr/sbin/haproxy', debian: 'haproxy' },
  // The deploy test: a venv in the project (python3-venv), horse-with-no-namespace built by
  // Debian's pip and hatchling, and pound built from ../shared/pound (not in Debian; .ci/run builds it).
  venv: { path: '/usr/lib/python3.11/ensurepip/__init__.py', debian: 'python3-venv' },
  hatchling: { path: '/usr/lib/python3/dist-packages/hatchling/__init__.py', debian: 'python3-hatchling' },
  pip: { path: '/usr/lib/python3/dist-packages/pip/__init__.py', debian: 'python3-pip' },
  crontab: { path: '/usr/bin/crontab', debian: 'cron' },
  pound: { path: '/usr/local/sbin/pound', debian: 'none: build ../shared/pound (see its README)' },
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
  const msg = `${name} is missing (${tool.path}); install the Debian package ${tool.debian}`;
  if (process.env.CI === 'true') throw new Error(`CI requires the real tool: ${msg}`);
  console.error(`\n!!! SKIPPING real-tool test: ${msg} !!!\n`);
  ctx.skip();
}
