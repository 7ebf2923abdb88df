// The request chain client -> http -> cache -> balancer -> clients: which component each
// level forwards to when some levels are `none`.
import { COMPONENTS, LEVELS, type Choice, type Component, type Level } from '../catalog/stack.js';

export interface Endpoint { name: string; host: string; port: string }

export interface Hop {
  component: Component;
  /** Buildout references to where it listens. */
  listen: Endpoint;
  /**
   * The first hop receives the public requests and adds the VirtualHostMonster path, unless
   * the host's shared front does (front `host`): then every hop passes the path on.
   */
  front: boolean;
  /** A single next component, or all the Zope clients when it is the last hop. */
  next: Endpoint | null;
  clients: Endpoint[];
}

export type StackChoices = { [L in Level]: Choice<L> };

const endpoint = (name: string): Endpoint => ({ name, host: `\${hosts:${name}}`, port: `\${ports:${name}}` });

export function clientEndpoints(clients: number): Endpoint[] {
  return Array.from({ length: clients }, (_, i) => endpoint(`instance${i + 1}`));
}

export function buildChain(stack: StackChoices, clients: number, ownFront = true): Hop[] {
  const present: Array<{ level: Level; component: Component }> = [];
  for (const level of LEVELS) {
    const choice = stack[level];
    if (choice !== 'none') present.push({ level, component: COMPONENTS[choice] });
  }
  const zope = clientEndpoints(clients);
  return present.map(({ level, component }, i) => {
    const following = present[i + 1];
    return {
      component,
      listen: endpoint(level),
      front: i === 0 && ownFront,
      next: following ? endpoint(following.level) : null,
      clients: zope,
    };
  });
}

/** Where the public side of a chain sends its requests: the first hop, or every client when there is no hop. */
export function entryPoints(chain: readonly Hop[], clients: number): Endpoint[] {
  return chain.length ? [chain[0]!.listen] : clientEndpoints(clients);
}
