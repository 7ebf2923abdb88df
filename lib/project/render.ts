// Renders one EJS template of templates/ (compiled once per process). Its own module, so the
// planners of modules and profiles use it without importing plan.ts (which imports them).
import ejs from 'ejs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../package-root.js';

export type RenderContext = Record<string, unknown>;

const templateCache = new Map<string, ejs.TemplateFunction>();

export function render(template: string, data: Record<string, unknown>): string {
  let fn = templateCache.get(template);
  if (!fn) {
    const filename = join(TEMPLATES_DIR, template);
    // Config files, not HTML: no escaping. Answers are validated before they reach a template.
    // Without ejs's line tracking the templates compile ~5x faster (a first run compiles them
    // all); PLONEFACTORY_DEBUG=1 brings it back, for template line numbers in errors.
    // cache: ejs compiles an include() anew on every call without it (a factory renders them per site)
    fn = ejs.compile(readFileSync(filename, 'utf8'), { filename, cache: true, escape: (v: unknown) => String(v), compileDebug: process.env['PLONEFACTORY_DEBUG'] !== undefined });
    templateCache.set(template, fn);
  }
  return fn(data);
}

