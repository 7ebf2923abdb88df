// Creates or updates every site of a manifest through the app's own code (answers,
// checks, plan, three-way apply), one ProjectIO per site, all in one process. Every site
// is checked and planned before the first is written.
import { join } from 'node:path';
import { ANSWER_KEYS, ANSWER_SPECS, AnswerError, type Answers } from '../project/answers.js';
import { derivePorts } from '../project/ports.js';
import type { ProjectIO } from '../generator/project-io.js';
import { resolveAppAnswers, writeApp } from '../generator/run-app.js';
import { changeModules } from '../modules/apply.js';
import { readProjectExtras } from '../generator/project-state.js';
import { checkStoredProfiles } from '../profiles/spec.js';
import { allocatePorts, type PinnedBlock } from './allocate-ports.js';
import { refuseSharedDomains } from './check-domains.js';
import { applyPlan } from '../generator/apply-plan.js';
import { deployIO } from './deploy/deploy-io.js';
import { buildInventory, renderInventory } from './deploy/inventory.js';
import { planDeploy } from './deploy/plan-deploy.js';
import { siteVars, type SiteVars } from './deploy/site-vars.js';
import type { Manifest, ManifestSite } from './manifest.js';

export type SiteStatus = 'created' | 'changed' | 'unchanged';

export interface SiteResult {
  site: string;
  host: string;
  address: string;
  portBase: number;
  ports: string;
  status: SiteStatus;
}

const DEFAULT_START = Number(ANSWER_SPECS.portBase.default({ dirname: '', extraProfiles: [] }));

function siteOptions(m: Manifest, s: ManifestSite): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...m.defaults, ...s.options, name: s.name };
  // The manifest is the whole truth of a site: an answer it leaves out is the app's default,
  // not whatever the site's .yo-rc.json said before.
  for (const key of ANSWER_KEYS) {
    const spec = ANSWER_SPECS[key];
    if (merged[spec.option] === undefined) merged[spec.option] = spec.default({ dirname: s.name, extraProfiles: [] });
  }
  return merged;
}

async function siteAnswers(io: ProjectIO, options: Record<string, unknown>, site: string): Promise<Answers> {
  try {
    return await resolveAppAnswers(io, options);
  } catch (e) {
    throw new AnswerError(`site ${site}: ${(e as Error).message}`);
  }
}

/** The deployment (deploy/: inventory and playbook), through the three-way apply like a site. */
function writeDeploy(m: Manifest, base: ProjectIO, sites: readonly SiteVars[]): void {
  applyPlan(deployIO(base), planDeploy(renderInventory(buildInventory(m, sites), m.file)));
}

/** `progress`, on a terminal: sites planned of total (planning is the long part; writing is renames). */
export async function runFactory(m: Manifest, baseDir: string, ioFor: (root: string) => ProjectIO, progress?: (done: number, total: number) => void): Promise<SiteResult[]> {
  const ios = new Map(m.sites.map((s) => [s.name, ioFor(join(baseDir, s.name))]));
  const io = (s: ManifestSite): ProjectIO => ios.get(s.name) as ProjectIO;
  // Answers without ports first: the allocation needs each site's client count.
  const drafts = new Map<string, Answers>();
  for (const s of m.sites) {
    const own = s.options['port-base'];
    drafts.set(s.name, await siteAnswers(io(s), { ...siteOptions(m, s), 'port-base': own ?? String(DEFAULT_START) }, s.name));
  }
  const fixedBase = (s: ManifestSite): number | undefined =>
    s.options['port-base'] === undefined ? undefined : (drafts.get(s.name) as Answers).portBase;
  const existing = (s: ManifestSite): number | undefined => {
    const stored = io(s).getConfig('portBase');
    return typeof stored === 'number' ? stored : undefined;
  };
  /** Custom profiles' blocks (absolute ports, chosen by the profile generator): the factory never moves them. */
  const pinned = (s: ManifestSite): PinnedBlock[] => {
    let profiles;
    try {
      profiles = checkStoredProfiles(readProjectExtras(io(s)).profiles);
    } catch (e) {
      throw new AnswerError(`site ${s.name}: ${(e as Error).message}`);
    }
    return Object.entries(profiles).flatMap(([name, spec]) =>
      spec.kind === 'custom' ? [{ base: spec.portBase, what: `site ${s.name}'s profile ${name} (${s.name}/profiles/${name}.cfg, port base ${spec.portBase})` }] : []);
  };
  const start = m.defaults['port-base'] === undefined ? DEFAULT_START : Number(ANSWER_SPECS.portBase.parse(m.defaults['port-base'], { dirname: '', extraProfiles: [] }));
  const bases = allocatePorts(
    m.sites.map((s) => {
      const fixed = fixedBase(s);
      const had = existing(s);
      return {
        site: s.name, host: s.host, where: s.where, clients: (drafts.get(s.name) as Answers).clients, pinned: pinned(s),
        ...(fixed === undefined ? {} : { fixed }), ...(had === undefined ? {} : { existing: had }),
      };
    }),
    start,
  );
  refuseSharedDomains(m.sites.map((s) => ({ site: s, domain: (drafts.get(s.name) as Answers).domain })));
  const plans = [];
  for (const s of m.sites) {
    const answers = await siteAnswers(io(s), { ...siteOptions(m, s), 'port-base': String(bases.get(s.name)) }, s.name);
    plans.push({ s, answers, existed: io(s).getConfig('name') !== undefined });
  }
  const results: SiteResult[] = [];
  const deploy: SiteVars[] = [];
  for (const { s, answers, existed } of plans) {
    let summary;
    try {
      summary = writeApp(io(s), answers).summary;
      // writeApp only adds modules; the manifest is the site's whole truth, so the ones it
      // no longer names go, through the module generator's own removal and checks.
      const stored = io(s).getConfig('modules');
      const stale = (Array.isArray(stored) ? stored : []).filter((m): m is string => typeof m === 'string' && !answers.modules.includes(m));
      if (stale.length) {
        const removed = changeModules(io(s), { names: stale, remove: true, force: io(s).force }, {}, () => undefined).summary;
        if (removed) summary = { ...summary, updated: [...summary.updated, ...removed.updated], removed: [...summary.removed, ...removed.removed] };
      }
    } catch (e) {
      throw new AnswerError(`site ${s.name}: ${(e as Error).message}`);
    }
    const ports = derivePorts(answers.portBase, answers.clients);
    if (m.deploy) {
      try {
        deploy.push(siteVars(s, answers, io(s), Number(new Map(ports).get('http'))));
      } catch (e) {
        throw new AnswerError(`site ${s.name}: ${(e as Error).message}`);
      }
    }
    const touched = summary.created.length + summary.updated.length + summary.removed.length;
    results.push({
      site: s.name,
      host: s.host,
      address: m.hosts[s.host]?.address ?? '',
      portBase: answers.portBase,
      ports: `${ports[0]?.[1]}-${ports[ports.length - 1]?.[1]}`,
      status: !existed ? 'created' : touched ? 'changed' : 'unchanged',
    });
    progress?.(results.length, plans.length);
  }
  if (m.deploy) {
    try {
      writeDeploy(m, ioFor(baseDir), deploy);
    } catch (e) {
      throw new AnswerError(`deploy/: ${(e as Error).message}`);
    }
  }
  return results;
}

/** The table of sites, from what the commit wrote (`written`: the labels of its files, `site/path`). */
export function formatSummary(results: readonly SiteResult[], written: readonly string[]): string {
  const count = (prefix: string): number => written.filter((w) => w.startsWith(prefix)).length;
  const rows = results.map((r) => {
    const files = count(`${r.site}/`);
    return { ...r, status: (files === 0 ? 'unchanged' : r.status === 'created' ? 'created' : 'changed') as SiteStatus };
  });
  const table = [['site', 'host', 'address', 'ports', 'status'], ...rows.map((r) => [r.site, r.host, r.address, r.ports, r.status])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (row: string[]): string => row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const n = (st: SiteStatus): number => rows.filter((r) => r.status === st).length;
  const deploy = count('deploy/');
  const total = written.length ? `wrote ${written.length} file${written.length === 1 ? '' : 's'}${deploy ? ` (${deploy} in deploy/)` : ''}` : 'nothing was written';
  return [line(table[0]!), line(widths.map((w) => '-'.repeat(w))), ...table.slice(1).map(line), '', `${results.length} sites: ${n('created')} created, ${n('changed')} changed, ${n('unchanged')} unchanged; ${total}`].join('\n');
}
