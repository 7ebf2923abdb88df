// Port collisions across a whole manifest: sites on one host must not share a port. Each
// site's production profile is resolved as it is on disk (hand edits to defines.cfg count),
// so a collision the factory would never allocate is still found.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../buildout/check-model.js';
import { BuildoutError } from '../buildout/errors.js';
import type { HistoryItem } from '../buildout/merge.js';
import { resolveProjectProfile } from '../buildout/offline-profile.js';
import { projectMode } from '../buildout/project-mode.js';
import { parseManifest } from './manifest.js';

/** The profile a site serves from on its manifest host. */
const SERVED_PROFILE = 'production';

interface PortUse { site: string; key: string; port: string; file: string; line: number }

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

export function checkManifestPorts(manifestPath: string, baseDir: string): Finding[] {
  const manifest = parseManifest(readFileSync(manifestPath, 'utf8'), manifestPath);
  const byHost = new Map<string, Map<string, PortUse>>();
  const findings: Finding[] = [];
  for (const site of manifest.sites) {
    const dir = join(baseDir, site.name);
    if (!existsSync(join(dir, 'profiles', `${SERVED_PROFILE}.cfg`))) continue;
    let sections: Record<string, Record<string, string>>;
    let origins: Record<string, Record<string, HistoryItem[]>>;
    try {
      ({ sections, origins } = resolveProjectProfile(dir, SERVED_PROFILE, projectMode(dir).mode, readOrNull));
    } catch (e) {
      if (!(e instanceof BuildoutError)) throw e;
      findings.push({ file: join(dir, 'profiles', `${SERVED_PROFILE}.cfg`), line: e.line ?? 0, code: 'load-error', severity: 'error', message: `site ${site.name}: ${e.message}` });
      continue;
    }
    const used = byHost.get(site.host) ?? new Map<string, PortUse>();
    byHost.set(site.host, used);
    for (const [key, port] of Object.entries(sections['ports'] ?? {})) {
      if (!/^\d+$/.test(port)) continue;
      const at = origin(origins['ports']?.[key], join(dir, 'profiles/etc/defines.cfg'));
      const other = used.get(port);
      if (other && other.site !== site.name) {
        findings.push({
          file: at.file, line: at.line, code: 'port-conflict', severity: 'error',
          message: `sites ${other.site} and ${site.name} on host ${site.host} both use port ${port} (${other.site} ports:${other.key} at ${other.file}:${other.line}, ${site.name} ports:${key})`,
        });
      } else if (!other) {
        used.set(port, { site: site.name, key, port, file: at.file, line: at.line });
      }
    }
  }
  return findings;
}
