// One public front per host (hosts/<host>/): the host's nginx or apache, with a virtual host
// per site whose front is the host's (answer `front: host`) on its domain and aliases, TLS by
// SNI, the ACME webroot, http -> https, and the VirtualHostMonster path built here from the
// public scheme, host and port; each site's own chain then passes paths on unchanged. The
// virtual hosts are the same partials a site's own front renders (templates/stack/_front-*).
import { ACME_PATH, certbotPaths, HOST_FRONT_SERVERS, PUBLIC_SCHEME, TLS_PROTOCOLS, type HostFrontServer } from '../catalog/front.js';
import { AnswerError, type Answers } from '../project/answers.js';
import type { PlannedFile } from '../project/model.js';
import { derivePorts } from '../project/ports.js';
import { render } from '../project/render.js';
import { buildChain, entryPoints } from '../stack/chain.js';
import type { HostFront } from './front-keys.js';
import { machineLabel, machineOf, type Manifest, type ManifestSite } from './manifest.js';

export const HOSTS_DIR = 'hosts';

/** One site's virtual hosts on its host's front. */
export interface FrontSite {
  name: string;
  host: string;
  /** The Plone site object the VirtualHostMonster path names ([site] id). */
  id: string;
  domain: string;
  aliases: string[];
  certificate: string;
  certificateKey: string;
  /** The site's first hop on the profile it runs (or its clients, without a stack). */
  targets: Array<{ host: string; port: number }>;
}

/** What the front of a site with front `host` needs from its planned project. */
export function frontSite(s: ManifestSite, a: Answers, portBase: number, read: (section: string, option: string) => string | undefined): FrontSite {
  const ports = new Map<string, number>(derivePorts(portBase, a.clients));
  const chain = buildChain({ http: a.http, cache: a.cache, balancer: a.balancer }, a.clients, false);
  const certbot = certbotPaths(a.domain);
  return {
    name: s.name,
    host: s.host,
    id: read('site', 'id') ?? 'Plone',
    domain: a.domain,
    aliases: s.front.aliases.filter((d) => d !== a.domain),
    certificate: s.front.certificate ?? certbot.certificate,
    certificateKey: s.front.certificateKey ?? certbot.certificateKey,
    targets: entryPoints(chain, a.clients).map((e) => ({ host: read('hosts', e.name) ?? '127.0.0.1', port: ports.get(e.name) as number })),
  };
}

/** The file of a site's virtual hosts, relative to the server's folder (Debian's layout). */
export const siteFile = (site: string): string => `sites-available/plonefactory-${site}.conf`;

/** hosts/<host>/<the server's Debian folder name: nginx, apache2>. */
const serverDir = (host: string, f: HostFront): string => `${HOSTS_DIR}/${host}/${HOST_FRONT_SERVERS[f.server].dir.split('/').pop()}`;

function templateFront(f: HostFront, site?: FrontSite): Record<string, unknown> {
  return {
    bind: f.bind, httpPort: f.httpPort, httpsPort: f.httpsPort, acmeWebroot: f.acmeWebroot,
    scheme: PUBLIC_SCHEME, acmePath: ACME_PATH, protocols: TLS_PROTOCOLS, listened: HOST_FRONT_SERVERS[f.server].listened,
    ...(site ? { certificate: site.certificate, certificateKey: site.certificateKey } : {}),
  };
}

/** The files of every host that has a site with front `host`: its server's snippets. */
export function planHostFronts(m: Manifest, sites: readonly FrontSite[]): PlannedFile[] {
  const files: PlannedFile[] = [];
  for (const [host, h] of Object.entries(m.hosts)) {
    const on = sites.filter((s) => s.host === host);
    if (!on.length) continue;
    const server = HOST_FRONT_SERVERS[h.front.server];
    const common = { host, manifest: m.file, server };
    if (server.conf) files.push({ path: `${serverDir(host, h.front)}/${server.conf}`, content: render(`hosts/${h.front.server}-front.conf.ejs`, { ...common, front: templateFront(h.front) }) });
    for (const s of on) {
      files.push({
        path: `${serverDir(host, h.front)}/${siteFile(s.name)}`,
        content: render(`hosts/${h.front.server}-site.conf.ejs`, {
          ...common, file: siteFile(s.name).split('/')[1], upstream: `plonefactory_${s.name}`, front: templateFront(h.front, s), site: s,
        }),
      });
    }
  }
  return files;
}

/**
 * A machine's public ports have one owner: its shared front, or one site serving its own front
 * (`"front": "own"`, production's public-http/public-https). Host names with one address are
 * one machine (see manifest.ts): their fronts are one system server, so they must agree.
 * Refused before anything is written.
 */
export function refuseFrontPortClashes(m: Manifest, sites: ReadonlyArray<{ site: ManifestSite; answers: Answers }>): void {
  const owners = new Map<string, { who: string; host: string; front?: string }>();
  const claim = (host: string, port: number, who: string, front?: HostFront): void => {
    const address = (m.hosts[host] as Manifest['hosts'][string]).address;
    const key = `${machineOf(address)} ${port}`;
    const other = owners.get(key);
    const same = front && JSON.stringify(front);
    if (other !== undefined && !(same && other.front === same)) {
      const where = machineLabel([other.host, host], address);
      throw new AnswerError(other.front && same
        ? `${other.who} and ${who} on ${where} both listen on port ${port}; one machine has one front: give both hosts the same front, bind and ports`
        : `${other.who} and ${who} on ${where} both listen on port ${port}; let the site use the host's front (no "front" key) or give it other public-http/public-https`);
    }
    owners.set(key, { who, host, ...(same ? { front: same } : {}) });
  };
  for (const host of new Set(sites.filter((s) => s.answers.front === 'host').map((s) => s.site.host))) {
    const f = (m.hosts[host] as Manifest['hosts'][string]).front;
    for (const port of [f.httpPort, f.httpsPort]) claim(host, port, `the front of host ${host} (${m.file}: hosts.${host})`, f);
  }
  for (const { site, answers } of sites) {
    if (answers.front !== 'own' || answers.http === 'none') continue;
    for (const port of [answers.publicHttp, answers.publicHttps]) claim(site.host, port, `${site.where} (${site.name})'s own front`);
  }
}

/** What the deployment needs to install one host's front: its files and how Debian runs the server. */
export interface FrontVars {
  server: HostFrontServer;
  service: string;
  /** The server's Debian folder; the playbook's pf_front_dir replaces it. */
  dir: string;
  /** hosts/<host>/<server folder>, relative to the factory's folder (the playbook's pf_source_dir). */
  source: string;
  /** Files relative to `source` and to `dir`, each enabled by a link in the matching *-enabled folder. */
  files: string[];
  modules: readonly string[];
  acme_webroot: string;
  test: readonly string[];
}

export function frontVars(m: Manifest, host: string, sites: readonly FrontSite[]): FrontVars | undefined {
  const on = sites.filter((s) => s.host === host);
  const h = m.hosts[host];
  if (!on.length || !h) return undefined;
  const server = HOST_FRONT_SERVERS[h.front.server];
  return {
    server: h.front.server, service: server.service, dir: server.dir, source: serverDir(host, h.front),
    files: [...(server.conf ? [server.conf] : []), ...on.map((s) => siteFile(s.name))],
    modules: server.modules, acme_webroot: h.front.acmeWebroot, test: server.test,
  };
}
