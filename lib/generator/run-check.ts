// `check`'s work, for the Yeoman generator and the bin's direct path alike: one project, or
// with --manifest every site of a factory plus the ports they share on their hosts.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { formatHuman, formatJson } from '../buildout/check.js';
import type { Finding } from '../buildout/check-model.js';
import { formatCheckReport, runProjectCheck, severityCounts } from '../buildout/check-project-cli.js';
import { shown } from '../buildout/check-model.js';
import { checkManifestPorts } from '../factory/check-manifest.js';
import { domainClaims, manifestDomain, sharedDomains } from '../factory/check-domains.js';
import { parseManifest } from '../factory/manifest.js';
import { storedPloneLine } from '../buildout/project-mode.js';
import { givenToEveryClone } from '../project/layout.js';
import { finding } from '../buildout/check-model.js';
import { pendingCommits } from './journal.js';
import { lockedByLiveRun } from './project-lock.js';
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

/**
 * A commit an interrupted run left in the project (or in the factory folder above it, for this
 * site). check never finishes it (it writes nothing): any other command does, first thing.
 */
function interruptedCommits(dir: string): Finding[] {
  const pending = [dir, dirname(dir)].flatMap((home) => {
    try {
      return lockedByLiveRun(home) ? [] : pendingCommits(home).filter((p) => home === dir || (p.roots ?? []).includes(dir));
    } catch (e) {
      return home === dir ? [{ txn: join(home, '.plonefactory'), roots: null, problem: (e as Error).message }] : [];
    }
  });
  return pending.map((p) => finding({ file: p.txn, line: 0 }, 'interrupted-commit', 'problem' in p ? String(p.problem)
    : `a plonefactory run was interrupted while writing${p.roots === null ? ' (before its first rename: nothing changed yet)' : ''}; the next run of any plonefactory command but check (plonefactory module lists the catalog) finishes or undoes it`));
}

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
    report.findings.unshift(...interruptedCommits(resolve(req.cwd)));
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
    else findings.push(...interruptedCommits(dir), ...runProjectCheck({ dir, profiles: req.profiles, buildout: req.buildout, extendsCache, resolve: byDesign(dir) }).findings);
    req.progress?.(i + 1, manifest.sites.length);
  });
  findings.push(...checkManifestPorts(path, req.cwd));
  // The profiles on disk tell the generated sites' domains; the manifest tells the others'.
  const unmade = new Set(missing);
  for (const clash of sharedDomains(manifest, domainClaims(manifest, (s) => manifestDomain(manifest, s)))) {
    if (unmade.has(clash.first.name) || unmade.has(clash.second.name)) {
      findings.push({ file: path, line: 0, code: 'domain-conflict', severity: 'error', message: `${clash.message} (the factory would refuse this manifest)` });
    }
  }
  const exitCode = exitCodeOf(findings, strict);
  const visible = findings.filter((f) => shown(f, all));
  if (req.json) return { output: formatJson(visible), exitCode };
  const human = visible.length ? formatHuman(visible, req.cwd) : '';
  const sites = manifest.sites.length - missing.length;
  const tail = `${visible.length ? `${visible.length} finding${visible.length === 1 ? '' : 's'} (${severityCounts(visible)})` : 'clean: no findings'} in ${sites} site${sites === 1 ? '' : 's'} of ${relative(req.cwd, path)} (ports and domains compared across sites per machine: host names with one address are one)${missing.length ? `; not generated yet: ${missing.join(', ')}` : ''}\n`;
  return { output: human.replace(/\n[^\n]*\n$/, '\n') + tail, exitCode };
}
