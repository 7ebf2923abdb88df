// Makes bench/cookiecutter-plonefactory/ from our own output for the default answers, so the
// cookiecutter side of the benchmark renders the same files with the same variables (name,
// domain, port base, random secrets). Re-run after changing our templates:
//   node dist/bench/cookiecutter-template.js
// The benchmark checks the two outputs are equal before timing, so drift can't hide.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../lib/package-root.js';
import { listFiles } from '../test/support/files.js';
import { runAppDirect } from '../lib/generator/run-app.js';
import { derivePorts } from '../lib/project/ports.js';

export const TEMPLATE_DIR = join(PACKAGE_ROOT, 'bench', 'cookiecutter-plonefactory');
export const NAME = 'acme';
const BASE = 8080;

/** Our text -> a Jinja template of it. */
export function templatise(text: string, path: string): string {
  let t = text;
  if (path.endsWith('secrets.cfg')) t = t.replace(/^((?:admin|supervisor|postgresql)-password) = \S+$/gm, '$1 = {{ random_ascii_string(24) }}');
  if (path === '.yo-rc.json') t = t.replace(/"[0-9a-f]{16}"/g, '"{{ random_ascii_string(16) }}"');
  // Longest ports first so 8091 is not read as 809 + 1.
  for (const [, port] of derivePorts(BASE, 2).sort((a, b) => b[1] - a[1])) {
    t = t.replace(new RegExp(`\\b${port}\\b`, 'g'), `{{ cookiecutter.port_base|int + ${port - BASE} }}`);
  }
  return t.replace(/example\.com/g, '{{ cookiecutter.domain }}').replace(new RegExp(`\\b${NAME}\\b`, 'g'), '{{ cookiecutter.name }}');
}

/** Writes the cookiecutter template of today's output into `dir` (replacing it). */
export function writeTemplate(dir: string): void {
  const work = join(tmpdir(), `pf-cc-${process.pid}-${Date.now()}`);
  const out = join(work, NAME);
  mkdirSync(out, { recursive: true });
  runAppDirect(out, { defaults: true, name: NAME }, () => undefined);
  rmSync(dir, { recursive: true, force: true });
  const root = join(dir, '{{cookiecutter.name}}');
  for (const file of listFiles(out)) {
    const rel = relative(out, file);
    const target = join(root, rel);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, templatise(readFileSync(file, 'utf8'), rel));
    chmodSync(target, statSync(file).mode & 0o777);
  }
  // git keeps no 0600: a fresh clone's template has secrets.cfg 0644, so cookiecutter does
  // what we do, as a post-generation hook (its run is part of the time it takes)
  mkdirSync(join(dir, 'hooks'), { recursive: true });
  writeFileSync(join(dir, 'hooks', 'post_gen_project.py'), "import os\nos.chmod('profiles/etc/secrets.cfg', 0o600)\n");
  writeFileSync(join(dir, 'cookiecutter.json'), `${JSON.stringify({ name: NAME, domain: 'example.com', port_base: String(BASE), _extensions: ['cookiecutter.extensions.RandomStringExtension'] }, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
}

if (process.argv[1]?.endsWith('cookiecutter-template.js')) {
  writeTemplate(TEMPLATE_DIR);
  console.log(`wrote ${relative(PACKAGE_ROOT, TEMPLATE_DIR)}`);
}
