// Every port of a project derives from one base, so a host can run many sites by giving
// each its own base (the factory spaces them by PORT_STRIDE).

export const PORT_MIN = 1024;
export const PORT_MAX = 65535;
export const MAX_CLIENTS = 32;
/** Ports one site may use above its base: the factory's spacing between sites. */
export const PORT_STRIDE = 100;

// instance-debug: a Zope client outside the balancer, for the administrators (clients.cfg).
const OFFSETS = { http: 0, cache: 1, balancer: 2, supervisor: 3, zeo: 4, 'instance-debug': 9, instance: 10 } as const;

export type PortName = keyof typeof OFFSETS | `instance${number}`;

/** Ordered name -> port map for a base and a client count. */
export function derivePorts(base: number, clients: number): Array<[PortName, number]> {
  const ports: Array<[PortName, number]> = Object.entries(OFFSETS).map(([k, off]) => [k as PortName, base + off]);
  for (let i = 1; i <= clients; i++) ports.push([`instance${i}`, base + OFFSETS.instance + i]);
  return ports;
}

/**
 * Whether a [ports] key is a port the site's own servers listen on (derived from its base),
 * rather than one it connects to (RelStorage's PostgreSQL, which sites on a host share).
 */
export function isOwnPort(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(OFFSETS, name) || /^instance\d+$/.test(name);
}

/**
 * The public front's ports in the profiles that do not set their own (preproduction):
 * free offsets below the clients'. Production uses --public-http/--public-https (80/443).
 */
export const FRONT_OFFSETS = { http: 5, https: 6 } as const;
export const frontPorts = (base: number): { http: number; https: number } => ({ http: base + FRONT_OFFSETS.http, https: base + FRONT_OFFSETS.https });

export function highestPort(base: number, clients: number): number {
  return base + OFFSETS.instance + clients;
}
