// Runs our generators exactly as yo 7 does, for tests: yo's argv parsing (meow, with the
// un-camelized keys it adds "for legacy"), yeoman-environment's run, and yo's error handler
// (the message on stderr, exit with the error's `code` or 1). yo itself refuses root, which
// the test machine is; the packed-tarball test runs the real yo as another user.
import meow from 'meow';
import { createEnv } from 'yeoman-environment';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../lib/package-root.js';

const argv = process.argv.slice(2);
const cli = meow({ autoHelp: false, autoVersion: false, argv, importMeta: import.meta, pkg: {} });
const options: Record<string, unknown> = { ...cli.flags };
for (const key of Object.keys(options)) options[key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)] = options[key];
const env = createEnv();
for (const g of ['app', 'module', 'stack', 'profile', 'check', 'factory']) {
  env.register(join(PACKAGE_ROOT, 'dist', 'generators', g, 'index.js'), { namespace: `plonefactory:${g}` });
}
const namespace = cli.input[0] === 'plonefactory' ? 'plonefactory:app' : cli.input[0];
try {
  await env.run([namespace ?? 'plonefactory:app', ...cli.input.slice(1)], options);
} catch (error) {
  console.error('Error', argv.join(' '), '\n');
  console.error((error as Error).message);
  process.exit((error as { code?: number }).code || 1);
}
