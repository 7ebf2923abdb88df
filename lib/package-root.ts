// Templates live at the package root; compiled code sits at another depth (dist/), so
// find the root by walking up instead of counting `..`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'generator-plonefactory') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`generator-plonefactory: package root not found above ${from}`);
    dir = up;
  }
}

export const PACKAGE_ROOT = findRoot(__dirname);
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');
