// The layout has no import cycle (type imports included): the project model at the bottom,
// lib's libraries above it, the commands, then the bin and the Yeoman shells on top.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { PACKAGE_ROOT } from '../../lib/package-root.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const IMPORT = /(?:import|export)[^;]*?from ['"](\.[^'"]+)\.js['"]|require\(['"](\.[^'"]+)\.js['"]\)/g;

describe('the package layout', function () {
  it('has no import cycle in lib/, bin/ and generators/, type imports included', function () {
    const files = ['lib', 'bin', 'generators'].flatMap((d) => sources(join(PACKAGE_ROOT, d)));
    const graph = new Map(files.map((f) => [f, [...readFileSync(f, 'utf8').matchAll(IMPORT)].map((m) => normalize(join(dirname(f), `${m[1] ?? m[2]}.ts`))).filter((d) => files.includes(d))]));
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const cycles: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      path.push(f);
      for (const d of graph.get(f) ?? []) {
        if (state.get(d) === 'open') cycles.push([...path.slice(path.indexOf(d)), d].map((p) => relative(PACKAGE_ROOT, p)).join(' -> '));
        else if (!state.has(d)) visit(d);
      }
      path.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    assert.deepEqual(cycles, []);
    // the model is the bottom: it imports nothing but types of the answers and secrets
    const model = readFileSync(join(PACKAGE_ROOT, 'lib', 'project', 'model.ts'), 'utf8');
    assert.deepEqual([...model.matchAll(/^import .*$/gm)].map((m) => m[0]).filter((l) => !l.startsWith('import type')), []);
  });
});
