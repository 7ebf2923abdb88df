// `check`'s work, for the Yeoman generator and the bin's direct path alike: one project, or
// with --manifest every site of a factory plus the ports they share on their hosts.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { formatHuman, formatJson } from '../buildout/check.js';
import type { Finding } from '../buildout/check-model.js';
import { formatCheckReport, runProjectCheck, severityCounts } from '../buildout/check-project-cli.js';
import { shown } from '../buildout/check-model.js';
import { checkManifestPorts } from '../factory/check-manifest.js';
import { parseManifest } from '../factory/manifest.js';
import { storedPloneLine } from '../buildout/project-mode.js';
import { givenToEveryClone } from '../project/layout.js';
import { UsageError } from './usage-error.js';

export interface CheckRun {
  cwd: string;
  profiles: string[];
  json: boolean;
  /** --all: show info findings too (default: errors and warnings). */
  all?: boolean;
  /** --strict: exit 1 on warnings too (default: errors only). */
  strict?: boolean;
  buildout?: string;
  extendsCache?: string;
  manifest?: string;
  /** Sites checked of total, for a terminal (with --manifest). */
  progress?: (done: number, total: number) => void;
}

/** In our projects, secrets.cfg is git-ignored on purpose: `plonefactory` writes a clone its own. */
const byDesign = (dir: string): { ignoredByDesign: Record<string, string> } =>
  ({ ignoredByDesign: storedPloneLine(dir) === null ? {} : givenToEveryClone(dir) });

/** Exit 1 for an error, or for a warning with --strict; info never fails a run. */
function exitCodeOf(findings: readonly Finding[], strict: boolean): number {
  return findings.some((f) => f.severity === 'error' || (strict && f.severity === 'warning')) ? 1 : 0;
}

export function runCheck(req: CheckRun): { output: string; exitCode: number } {
  const extendsCache = req.extendsCache === undefined ? undefined : resolve(req.cwd, req.extendsCache);
  const all = req.all === true;
  const strict = req.strict === true;
  if (req.manifest === undefined) {
    const report = runProjectCheck({ dir: req.cwd, profiles: req.profiles, buildout: req.buildout, extendsCache, resolve: byDesign(req.cwd) });
    const output = req.json ? formatJson(report.findings.filter((f) => shown(f, all))) : formatCheckReport(report, all);
    return { output, exitCode: exitCodeOf(report.findings, strict) };
  }
  const path = resolve(req.cwd, req.manifest);
  if (!existsSync(path)) throw new UsageError(`--manifest ${JSON.stringify(req.manifest)}: no such file`);
  const manifest = parseManifest(readFileSync(path, 'utf8'), req.manifest);
  const findings: Finding[] = [];
  const missing: string[] = [];
  manifest.sites.forEach((site, i) => {
    const dir = join(req.cwd, site.name);
    if (!existsSync(dir)) missing.push(site.name);
    else findings.push(...runProjectCheck({ dir, profiles: req.profiles, buildout: req.buildout, extendsCache, resolve: byDesign(dir) }).findings);
    req.progress?.(i + 1, manifest.sites.length);
  });
  findings.push(...checkManifestPorts(path, req.cwd));
  const exitCode = exitCodeOf(findings, strict);
  const visible = findings.filter((f) => shown(f, all));
  if (req.json) return { output: formatJson(visible), exitCode };
  const human = visible.length ? formatHuman(visible, req.cwd) : '';
  const sites = manifest.sites.length - missing.length;
  const tail = `${visible.length ? `${visible.length} finding${visible.length === 1 ? '' : 's'} (${severityCounts(visible)})` : 'clean: no findings'} in ${sites} site${sites === 1 ? '' : 's'} of ${relative(req.cwd, path)} (ports and domains compared across sites per machine: host names with one address are one)${missing.length ? `; not generated yet: ${missing.join(', ')}` : ''}\n`;
  return { output: human.replace(/\n[^\n]*\n$/, '\n') + tail, exitCode };
}
