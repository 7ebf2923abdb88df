// Port bases for the sites of a manifest: no two sites on one host may share a port, in any
// profile. A site's custom profiles keep their own blocks (the profile generator chose them
// and they are absolute), an explicit `port-base` is honoured, a site keeps the base it
// already has (ports move only when they must), and every other site gets the next free block.
import { AnswerError } from '../project/answers.js';
import { highestPort, PORT_MAX, PORT_STRIDE } from '../project/ports.js';

/** A block a site holds whatever its base: a custom profile's ports. */
export interface PinnedBlock { base: number; what: string }

export interface PortRequest {
  site: string;
  host: string;
  clients: number;
  /** `port-base` given in the manifest: fixed. `where` names the manifest entry. */
  fixed?: number;
  where?: string;
  /** Base the site's project already has: kept when free. */
  existing?: number;
  /** Custom profiles' blocks: never moved by the factory. */
  pinned?: readonly PinnedBlock[];
}

interface Range { site: string; from: number; to: number; what: string }

const overlaps = (a: Range, b: Range): boolean => a.from <= b.to && b.from <= a.to;
const span = (a: Range, b: Range): string => `${Math.max(a.from, b.from)}-${Math.min(a.to, b.to)}`;

export function allocatePorts(requests: readonly PortRequest[], start: number): Map<string, number> {
  const out = new Map<string, number>();
  const taken = new Map<string, Range[]>();
  const range = (r: PortRequest, base: number, what: string): Range => ({ site: r.site, from: base, to: highestPort(base, r.clients), what });
  const clash = (host: string, want: Range): Range | undefined => (taken.get(host) ?? []).find((t) => overlaps(t, want));
  const hold = (r: PortRequest, want: Range): void => {
    taken.set(r.host, [...(taken.get(r.host) ?? []), want]);
  };
  /** A block nobody may move: a clash with one already held is the user's to settle. */
  const holdOrRefuse = (r: PortRequest, want: Range, fix: string): void => {
    const other = clash(r.host, want);
    if (other) throw new AnswerError(`${other.what} and ${want.what} on host ${r.host} both use ports ${span(other, want)}; ${fix}`);
    hold(r, want);
  };
  for (const r of requests) {
    for (const p of r.pinned ?? []) holdOrRefuse(r, range(r, p.base, p.what), 'change one of those profiles\' portBase in its .yo-rc.json');
  }
  for (const r of requests.filter((q) => q.fixed !== undefined)) {
    const base = r.fixed as number;
    holdOrRefuse(r, range(r, base, `site ${r.site}${r.where ? ` (${r.where}: port-base ${base})` : ''}`), 'give one of them another port-base');
    out.set(r.site, base);
  }
  const claim = (r: PortRequest, base: number): void => {
    hold(r, range(r, base, `site ${r.site}`));
    out.set(r.site, base);
  };
  const rest = requests.filter((q) => q.fixed === undefined);
  for (const r of rest) {
    if (r.existing === undefined) continue;
    if (!clash(r.host, range(r, r.existing, ''))) claim(r, r.existing);
  }
  for (const r of rest.filter((q) => !out.has(q.site))) {
    let base = start;
    while (clash(r.host, range(r, base, ''))) base += PORT_STRIDE;
    if (highestPort(base, r.clients) > PORT_MAX) throw new AnswerError(`host ${r.host} has no free block of ports left for site ${r.site} above ${start}`);
    claim(r, base);
  }
  return out;
}
