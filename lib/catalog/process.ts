// What runs the long-running processes of a server profile, and how one is described.

/** supervisor: supervisord runs them all (and one systemd unit runs supervisord); systemd: a unit each. */
export const PROCESS_MANAGERS = ['supervisor', 'systemd'] as const;
export type ProcessManager = (typeof PROCESS_MANAGERS)[number];

export interface Program {
  /** Start order under supervisor (lower first). */
  priority: number;
  name: string;
  command: string;
  /** Arguments, space-separated. */
  args?: string;
  /** Working folder; supervisor defaults to the command's folder, systemd units to the buildout's. */
  directory?: string;
  /** What it is: the storage server, a Zope client, or a server of a stack level. */
  role: 'storage' | 'client' | 'http' | 'cache' | 'balancer';
}
