// One domain, one site per machine (host names with one address are one machine): a front
// there (or a visitor) could not tell two sites that claim the same domain apart. Checked
// from the planned answers, before writing.
import { AnswerError, show } from '../project/answers.js';
import { machineLabel, machineOf, type Manifest, type ManifestSite } from './manifest.js';

export function refuseSharedDomains(m: Manifest, sites: ReadonlyArray<{ site: ManifestSite; domain: string }>): void {
  const seen = new Map<string, ManifestSite>();
  for (const { site, domain } of sites) {
    const address = m.hosts[site.host]?.address ?? '';
    const key = `${machineOf(address)} ${domain}`;
    const other = seen.get(key);
    const from = (s: ManifestSite): string => (s.options['domain'] === undefined ? ', not given: the default' : '');
    if (other) {
      throw new AnswerError(
        `${other.where} (${other.name}) and ${site.where} (${site.name}) on ${machineLabel([other.host, site.host], address)} both claim domain ${show(domain)}${from(site)}; give each site on a host its own "domain"`,
      );
    }
    seen.set(key, site);
  }
}
