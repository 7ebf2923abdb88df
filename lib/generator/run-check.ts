// `check`'s work, for the Yeoman generator and the bin's direct path alike: one project, or
// with --manifest every site of a factory plus the ports they share on their hosts.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { formatHuman, formatJson } from '../buildout/check.js';
import type { Finding } from '../buildout/check-model.js';
import { formatCheckReport, runProjectCheck } from '../buildout/check-project-cli.js';
import { checkManifestPorts } from '../factory/check-manifest.js';
import { parseManifest } from '../factory/manifest.js';
import { UsageError } from './usage-error.js';

export interface CheckRun {
  cwd: string;
  profiles: string[];
  json: boolean;
  buildout?: string;
  extendsCache?: string;
  manifest?: string;
  /** Sites checked of total, for a terminal (with --manifest). */
  progress?: (done: number, total: number) => void;
}

export function runCheck(req: CheckRun): { output: string; exitCode: number } {
  const extendsCache = req.extendsCache === undefined ? undefined : resolve(req.cwd, req.extendsCache);
  if (req.manifest === undefined) {
    const report = runProjectCheck({ dir: req.cwd, profiles: req.profiles, buildout: req.buildout, extendsCache });
    return { output: req.json ? formatJson(report.findings) : formatCheckReport(report), exitCode: report.findings.length ? 1 : 0 };
  }
  const path = resolve(req.cwd, req.manifest);
  if (!existsSync(path)) throw new UsageError(`--manifest ${JSON.stringify(req.manifest)}: no such file`);
  const manifest = parseManifest(readFileSync(path, 'utf8'), req.manifest);
  const findings: Finding[] = [];
  const missing: string[] = [];
  manifest.sites.forEach((site, i) => {
    const dir = join(req.cwd, site.name);
    if (!existsSync(dir)) missing.push(site.name);
    else findings.push(...runProjectCheck({ dir, profiles: req.profiles, buildout: req.buildout, extendsCache }).findings);
    req.progress?.(i + 1, manifest.sites.length);
  });
  findings.push(...checkManifestPorts(path, req.cwd));
  if (req.json) return { output: formatJson(findings), exitCode: findings.length ? 1 : 0 };
  const human = findings.length ? formatHuman(findings, req.cwd) : '';
  const sites = manifest.sites.length - missing.length;
  const tail = `${findings.length ? `${findings.length} finding${findings.length === 1 ? '' : 's'}` : 'clean: no findings'} in ${sites} site${sites === 1 ? '' : 's'} of ${relative(req.cwd, path)} (ports compared across sites per host)${missing.length ? `; not generated yet: ${missing.join(', ')}` : ''}\n`;
  return { output: human.replace(/\n[^\n]*\n$/, '\n') + tail, exitCode: findings.length ? 1 : 0 };
}
