// What sites on one host must not share, checked across a whole manifest: a port any of
// their profiles listens on (custom profiles included; a site's own front's public ports, and
// the host's shared front's, too), and a domain any profile serves.
// Each profile is resolved as it is on disk, so hand edits count and a clash the factory
// would never plan is still found.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../buildout/check-model.js';
import { BuildoutError } from '../buildout/errors.js';
import type { HistoryItem } from '../buildout/merge.js';
import { resolveProjectProfile } from '../buildout/offline-profile.js';
import { projectMode } from '../buildout/project-mode.js';
import { PROFILES_DIR } from '../project/layout.js';
import { isOwnPort } from '../project/ports.js';
import { COMPONENTS_BY_LEVEL } from '../catalog/stack.js';
import { machineLabel, machineOf, parseManifest } from './manifest.js';

/** A site's stored `front` answer (.yo-rc.json): projects made before it existed have their own front. */
function frontOf(dir: string): string {
  try {
    const stored = (JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8')) as Record<string, Record<string, unknown>>)['generator-plonefactory'];
    return typeof stored?.['front'] === 'string' ? stored['front'] : 'own';
  } catch {
    return 'own';
  }
}

/** One thing a site (or a host's front) holds on its host: a port or a domain, and where its value was set. */
interface Claim { site: string; host: string; profile: string; key: string; file: string; line: number; front?: boolean }

/** What is compared, where it is read in a resolved profile, and how a clash is named. */
const KINDS = {
  port: {
    code: 'port-conflict', noun: 'port',
    values: (s: Sections, ownFront: boolean) => [
      ...Object.entries(s['ports'] ?? {}).filter(([k, v]) => isOwnPort(k) && /^\d+$/.test(v)).map(([k, v]) => ({ section: 'ports', key: k, value: v })),
      // The public ports of a site's own front, in a profile that runs its http server.
      ...(ownFront && COMPONENTS_BY_LEVEL.http.some((c) => `${c}-conf` in s)
        ? (['http-port', 'https-port'] as const).filter((k) => /^\d+$/.test(s['front']?.[k] ?? '')).map((k) => ({ section: 'front', key: k, value: s['front']![k]! }))
        : []),
    ],
  },
  domain: { code: 'domain-conflict', noun: 'domain', values: (s: Sections, _ownFront: boolean) => (s['site']?.['domain'] ? [{ section: 'site', key: 'domain', value: s['site']['domain'] }] : []) },
} as const;
type Sections = Record<string, Record<string, string>>;

function readOrNull(p: string): string | null {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return null;
  }
}

function origin(history: readonly HistoryItem[] | undefined, fallback: string): { file: string; line: number } {
  const last = history?.[history.length - 1]?.source;
  return typeof last === 'object' && last !== null ? last : { file: fallback, line: 0 };
}

/** Every profile of a site: the .cfg files directly in profiles/ (custom ones too). */
function siteProfiles(dir: string): string[] {
  const folder = join(dir, PROFILES_DIR);
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((f) => f.endsWith('.cfg')).map((f) => f.slice(0, -'.cfg'.length)).sort();
}

export function checkManifestPorts(manifestPath: string, baseDir: string): Finding[] {
  const manifest = parseManifest(readFileSync(manifestPath, 'utf8'), manifestPath);
  // machine (host names with one address are one) -> kind -> value -> first claim
  const held = new Map<string, Map<keyof typeof KINDS, Map<string, Claim>>>();
  const findings: Finding[] = [];
  const fronts = new Map(manifest.sites.map((site) => [site.name, frontOf(join(baseDir, site.name))]));
  // A host's shared front holds its public ports when a site on it uses it.
  for (const host of new Set(manifest.sites.filter((site) => fronts.get(site.name) === 'host').map((site) => site.host))) {
    const { address, front: f } = manifest.hosts[host]!;
    const byKind = held.get(machineOf(address)) ?? new Map<keyof typeof KINDS, Map<string, Claim>>();
    held.set(machineOf(address), byKind);
    const used = byKind.get('port') ?? new Map<string, Claim>();
    byKind.set('port', used);
    for (const [port, key] of [[String(f.httpPort), 'http-port'], [String(f.httpsPort), 'https-port']] as const) {
      if (!used.has(port)) used.set(port, { site: `the front of host ${host}`, host, profile: '', key: `hosts.${host}.${key}`, file: manifestPath, line: 0, front: true });
    }
  }
  for (const site of manifest.sites) {
    const dir = join(baseDir, site.name);
    const mode = siteProfiles(dir).length ? projectMode(dir).mode : '2.13';
    // A site's own profiles may share a port or a domain (only one of them runs at a time).
    const own = new Map<string, Claim>();
    for (const profile of siteProfiles(dir)) {
      const file = join(dir, PROFILES_DIR, `${profile}.cfg`);
      let sections: Sections;
      let origins: Record<string, Record<string, HistoryItem[]>>;
      try {
        ({ sections, origins } = resolveProjectProfile(dir, profile, mode, readOrNull));
      } catch (e) {
        if (!(e instanceof BuildoutError)) throw e;
        findings.push({ file, line: e.line ?? 0, code: 'load-error', severity: 'error', message: `site ${site.name}: ${e.message}` });
        continue;
      }
      for (const kind of Object.keys(KINDS) as Array<keyof typeof KINDS>) {
        for (const { section, key, value } of KINDS[kind].values(sections, fronts.get(site.name) === 'own')) {
          if (own.has(`${kind} ${value}`)) continue;
          const at = origin(origins[section]?.[key], file);
          own.set(`${kind} ${value}`, { site: site.name, host: site.host, profile, key: `${section}:${key}`, file: at.file, line: at.line });
        }
      }
    }
    const address = manifest.hosts[site.host]?.address ?? '';
    const machine = machineOf(address);
    const byKind = held.get(machine) ?? new Map<keyof typeof KINDS, Map<string, Claim>>();
    held.set(machine, byKind);
    for (const [id, claim] of own) {
      const [kind, value] = id.split(' ') as [keyof typeof KINDS, string];
      const used = byKind.get(kind) ?? new Map<string, Claim>();
      byKind.set(kind, used);
      const other = used.get(value);
      if (!other) {
        used.set(value, claim);
        continue;
      }
      findings.push({
        file: claim.file, line: claim.line, code: KINDS[kind].code, severity: 'error',
        message: other.front
          ? `${other.site} and site ${site.name} both use ${KINDS[kind].noun} ${value} (${other.key} in ${other.file}, ${site.name} ${claim.profile} ${claim.key}); let the site use the host's front or give its own front other ports`
          : `sites ${other.site} and ${site.name} on ${machineLabel([other.host, site.host], address)} both use ${KINDS[kind].noun} ${value} (${other.site} ${other.profile} ${other.key} at ${other.file}:${other.line}, ${site.name} ${claim.profile} ${claim.key})`,
      });
    }
  }
  return findings;
}
