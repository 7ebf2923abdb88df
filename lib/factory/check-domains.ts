// One domain, one site per machine (host names with one address are one machine): a front
// there (or a visitor) could not tell two sites that claim the same domain apart. Checked
// from the planned answers, before writing (the factory), and from the manifest for sites not
// generated yet (check --manifest).
import { ANSWER_SPECS, AnswerError, show } from '../project/answers.js';
import { machineLabel, machineOf, siteOptions, type Manifest, type ManifestSite } from './manifest.js';

export interface DomainClash {
  first: ManifestSite;
  second: ManifestSite;
  message: string;
}

/** Every pair of sites on one machine claiming one domain, in manifest order. */
export function sharedDomains(m: Manifest, sites: ReadonlyArray<{ site: ManifestSite; domain: string }>): DomainClash[] {
  const seen = new Map<string, ManifestSite>();
  const clashes: DomainClash[] = [];
  for (const { site, domain } of sites) {
    const address = m.hosts[site.host]?.address ?? '';
    const key = `${machineOf(address)} ${domain}`;
    const other = seen.get(key);
    const from = (s: ManifestSite): string => (s.options['domain'] === undefined ? ', not given: the default' : '');
    if (other) {
      clashes.push({
        first: other, second: site,
        message: `${other.where} (${other.name}) and ${site.where} (${site.name}) on ${machineLabel([other.host, site.host], address)} both claim domain ${show(domain)}${from(site)}; give each site on a host its own "domain"`,
      });
    } else seen.set(key, site);
  }
  return clashes;
}

export function refuseSharedDomains(m: Manifest, sites: ReadonlyArray<{ site: ManifestSite; domain: string }>): void {
  const clash = sharedDomains(m, sites)[0];
  if (clash) throw new AnswerError(clash.message);
}

/** Each site's domain and aliases (each once), as the front serves them. */
export const domainClaims = (m: Manifest, domainOf: (s: ManifestSite) => string): Array<{ site: ManifestSite; domain: string }> =>
  m.sites.flatMap((s) => [domainOf(s), ...s.front.aliases].filter((d, i, all) => all.indexOf(d) === i).map((domain) => ({ site: s, domain })));

/** A site's domain as the manifest gives it (or the app's default), checked as the app checks it. */
export const manifestDomain = (m: Manifest, s: ManifestSite): string => ANSWER_SPECS.domain.parse(siteOptions(m, s)['domain'], { dirname: s.name, extraProfiles: [] }) as string;
