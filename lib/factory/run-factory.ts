// Creates or updates every site of a manifest through the app's own code (answers,
// checks, plan, three-way apply), one ProjectIO per site, all in one process. Every site
// is checked and planned before the first is written.
import { join } from 'node:path';
import { ANSWER_SPECS, AnswerError, show, type Answers } from '../project/answers.js';
import { derivePorts } from '../project/ports.js';
import type { ProjectIO } from '../generator/project-io.js';
import { resolveAppAnswers, writeApp } from '../generator/run-app.js';
import { changeModules } from '../modules/apply.js';
import { readProjectExtras } from '../generator/project-state.js';
import { checkStoredProfiles } from '../profiles/spec.js';
import { allocatePorts, type PinnedBlock } from './allocate-ports.js';
import { domainClaims, refuseSharedDomains } from './check-domains.js';
import { applyPlan, setConfig } from '../generator/apply-plan.js';
import { DEPLOY_DIR, deployIO, stateFile } from './deploy/deploy-io.js';
import { buildInventory, renderInventory } from './deploy/inventory.js';
import { planDeploy } from './deploy/plan-deploy.js';
import { definesReader, siteVars, type SiteVars } from './deploy/site-vars.js';
import { frontSite, HOSTS_DIR, planHostFronts, refuseFrontPortClashes, type FrontSite } from './host-front.js';
import { profilePortBase } from '../project/layout.js';
import { machineOf, siteOptions, type Manifest, type ManifestSite } from './manifest.js';

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
/** .yo-rc.json: the machine the factory last put the site on, to tell a site that moved from one that stays. */
const MACHINE_KEY = 'factoryMachine';


async function siteAnswers(io: ProjectIO, options: Record<string, unknown>, site: string): Promise<Answers> {
  try {
    return await resolveAppAnswers(io, options);
  } catch (e) {
    throw new AnswerError(`site ${site}: ${(e as Error).message}`);
  }
}

/** The deployment (deploy/: inventory and playbook), through the three-way apply like a site. */
function writeDeploy(m: Manifest, base: ProjectIO, sites: readonly SiteVars[], fronts: readonly FrontSite[]): void {
  applyPlan(deployIO(base), planDeploy(renderInventory(buildInventory(m, sites, fronts), m.file)));
}

/** The host fronts (hosts/<host>/), the same way. */
function writeFronts(m: Manifest, base: ProjectIO, sites: readonly FrontSite[]): void {
  applyPlan(deployIO(base, HOSTS_DIR), planHostFronts(m, sites));
}

/** `progress`, on a terminal: sites planned of total (planning is the long part; writing is renames). */
export async function runFactory(m: Manifest, baseDir: string, ioFor: (root: string) => ProjectIO, progress?: (done: number, total: number) => void): Promise<SiteResult[]> {
  // A site's folder is ./<name>/, beside the factory's own folders: it must not be one of them.
  const taken = m.sites.find((s) => [DEPLOY_DIR, HOSTS_DIR].includes(s.name));
  if (taken) throw new AnswerError(`${taken.where}: site name ${show(taken.name)} is not allowed; ${DEPLOY_DIR} and ${HOSTS_DIR} are the factory's own folders`);
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
  const address = (s: ManifestSite): string => m.hosts[s.host]?.address ?? '';
  const moved = (s: ManifestSite): boolean => {
    const was = io(s).getConfig(MACHINE_KEY);
    return typeof was === 'string' && was !== machineOf(address(s));
  };
  const start = m.defaults['port-base'] === undefined ? DEFAULT_START : Number(ANSWER_SPECS.portBase.parse(m.defaults['port-base'], { dirname: '', extraProfiles: [] }));
  const bases = allocatePorts(
    m.sites.map((s) => {
      const fixed = fixedBase(s);
      const had = existing(s);
      return {
        site: s.name, host: s.host, machine: machineOf(address(s)), address: address(s), where: s.where, clients: (drafts.get(s.name) as Answers).clients, pinned: pinned(s),
        ...(fixed === undefined ? {} : { fixed }), ...(had === undefined ? {} : { existing: had, moved: moved(s) }),
      };
    }),
    start,
  );
  refuseSharedDomains(m, domainClaims(m, (s) => (drafts.get(s.name) as Answers).domain));
  refuseFrontPortClashes(m, m.sites.map((s) => ({ site: s, answers: drafts.get(s.name) as Answers })));
  const plans = [];
  for (const s of m.sites) {
    const answers = await siteAnswers(io(s), { ...siteOptions(m, s), 'port-base': String(bases.get(s.name)) }, s.name);
    plans.push({ s, answers, existed: io(s).getConfig('name') !== undefined });
    setConfig(io(s), MACHINE_KEY, machineOf(address(s)));
  }
  const results: SiteResult[] = [];
  const deploy: SiteVars[] = [];
  const fronts: FrontSite[] = [];
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
    if (answers.front === 'host') fronts.push(frontSite(s, answers, profilePortBase(answers.profile, answers, readProjectExtras(io(s)).profiles), definesReader(io(s))));
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
  const base = ioFor(baseDir);
  // hosts/ only once a host has a front (and then until its recorded files are removed).
  if (fronts.length || base.read(stateFile(HOSTS_DIR)) !== null) {
    try {
      writeFronts(m, base, fronts);
    } catch (e) {
      throw new AnswerError(`${HOSTS_DIR}/: ${(e as Error).message}`);
    }
  }
  if (m.deploy) {
    try {
      writeDeploy(m, base, deploy, fronts);
    } catch (e) {
      throw new AnswerError(`deploy/: ${(e as Error).message}`);
    }
  }
  return results;
}

/** The table of sites, from what the commit wrote (`written`: the labels of its files, `site/path`). */
export function formatSummary(results: readonly SiteResult[], written: readonly string[]): string {
  // files per top folder (a site, deploy/), counted once: a filter per site was 100 x 3,000 tests
  const perFolder = new Map<string, number>();
  for (const w of written) {
    const top = w.slice(0, w.indexOf('/') + 1);
    perFolder.set(top, (perFolder.get(top) ?? 0) + 1);
  }
  const count = (prefix: string): number => perFolder.get(prefix) ?? 0;
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
