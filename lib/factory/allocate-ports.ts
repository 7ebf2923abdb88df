// Port bases for the sites of a manifest: no two sites on one machine (host names with one
// address are one machine) may share a port, in any profile. A site's custom profiles keep
// their own blocks (the profile generator chose them and they are absolute), an explicit
// `port-base` is honoured, a site keeps the base it already has (ports move only when they
// must; a site that stays on its machine before one that moved there), and every other site
// gets the next free block.
import { AnswerError } from '../project/answers.js';
import { machineLabel } from './manifest.js';
import { highestPort, PORT_MAX, PORT_STRIDE } from '../project/ports.js';

/** A block a site holds whatever its base: a custom profile's ports. */
export interface PinnedBlock { base: number; what: string }

export interface PortRequest {
  site: string;
  host: string;
  /** The port space: machineOf(the host's address). */
  machine: string;
  address: string;
  clients: number;
  /** `port-base` given in the manifest: fixed. `where` names the manifest entry. */
  fixed?: number;
  where?: string;
  /** Base the site's project already has: kept when free. */
  existing?: number;
  /** `existing` was held on another machine: sites that stay keep theirs first. */
  moved?: boolean;
  /** Custom profiles' blocks: never moved by the factory. */
  pinned?: readonly PinnedBlock[];
}

interface Range { site: string; host: string; from: number; to: number; what: string }

const overlaps = (a: Range, b: Range): boolean => a.from <= b.to && b.from <= a.to;
const span = (a: Range, b: Range): string => `${Math.max(a.from, b.from)}-${Math.min(a.to, b.to)}`;

export function allocatePorts(requests: readonly PortRequest[], start: number): Map<string, number> {
  const out = new Map<string, number>();
  const taken = new Map<string, Range[]>();
  const range = (r: PortRequest, base: number, what: string): Range => ({ site: r.site, host: r.host, from: base, to: highestPort(base, r.clients), what });
  const clash = (r: PortRequest, want: Range): Range | undefined => (taken.get(r.machine) ?? []).find((t) => overlaps(t, want));
  const hold = (r: PortRequest, want: Range): void => {
    taken.set(r.machine, [...(taken.get(r.machine) ?? []), want]);
  };
  /** A block nobody may move: a clash with one already held is the user's to settle. */
  const holdOrRefuse = (r: PortRequest, want: Range, fix: string): void => {
    const other = clash(r, want);
    if (other) throw new AnswerError(`${other.what} and ${want.what} on ${machineLabel([other.host, r.host], r.address)} both use ports ${span(other, want)}; ${fix}`);
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
  for (const r of [...rest.filter((q) => !q.moved), ...rest.filter((q) => q.moved)]) {
    if (r.existing === undefined) continue;
    if (!clash(r, range(r, r.existing, ''))) claim(r, r.existing);
  }
  for (const r of rest.filter((q) => !out.has(q.site))) {
    let base = start;
    while (clash(r, range(r, base, ''))) base += PORT_STRIDE;
    if (highestPort(base, r.clients) > PORT_MAX) throw new AnswerError(`${machineLabel([r.host], r.address)} has no free block of ports left for site ${r.site} above ${start}`);
    claim(r, base);
  }
  return out;
}
