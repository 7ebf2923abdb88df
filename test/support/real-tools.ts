// Real-tool gate: in CI a missing tool fails the test; on a laptop it skips, loudly.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Context } from 'mocha';
import { PACKAGE_ROOT } from '../../lib/package-root.js';

export const PYTHON = '/usr/bin/python3';

/**
 * zc.buildout 5.2.0's source (no Debian package has it): the shared copy beside the worktree,
 * or PF_BUILDOUT5_SRC. It runs with the `python3` first on PATH (it needs packaging >= 24,
 * which Debian's /usr/bin/python3 lacks), or PF_BUILDOUT5_PYTHON.
 */
export const BUILDOUT5_SRC = process.env.PF_BUILDOUT5_SRC ?? resolve(PACKAGE_ROOT, '../shared/zc.buildout-5.2.0/src');
export const PYTHON5 = process.env.PF_BUILDOUT5_PYTHON ?? 'python3';

const TOOLS: Record<string, { path: string; debian: string }> = {
  buildout: { path: '/usr/lib/python3/dist-packages/zc/buildout/buildout.py', debian: 'python3-zc.buildout' },
  // not a Debian package: `debian` says where it comes from instead
  buildout5: { path: join(BUILDOUT5_SRC, 'zc/buildout/buildout.py'), debian: 'none (zc.buildout 5.2.0 source in ../shared, or set PF_BUILDOUT5_SRC)' },
  nginx: { path: '/usr/sbin/nginx', debian: 'nginx-light' },
  apache2: { path: '/usr/sbin/apache2', debian: 'apache2' },
  varnishd: { path: '/usr/sbin/varnishd', debian: 'varnish' },
  squid: { path: '/usr/sbin/squid', debian: 'squid' },
  haproxy: { path: '/usr/sbin/haproxy', debian: 'haproxy' },
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
