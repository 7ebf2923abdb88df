// The current request chain of a project, as `plonefactory stack` shows it before asking:
// client -> nginx :8080 -> varnish :8081 -> haproxy :8082 -> { instance1 :8091, ... }, once for
// the base profiles and once for each custom profile running the stack on its own ports.
import type { ProfileSpec } from '../project/model.js';
import { BASE_PROFILES, type Answers } from '../project/answers.js';
import { hasStack, profilePortBase } from '../project/layout.js';
import { derivePorts } from '../project/ports.js';
import { buildChain } from './chain.js';

export function chainLine(a: Answers, portBase: number): string {
  const ports = new Map<string, number>(derivePorts(portBase, a.clients));
  const chain = buildChain({ http: a.http, cache: a.cache, balancer: a.balancer }, a.clients);
  const hops = chain.map((h) => `${h.component.name} :${ports.get(h.listen.name)}`);
  const clients = Array.from({ length: a.clients }, (_, i) => `instance${i + 1} :${ports.get(`instance${i + 1}`)}`);
  return ['client', ...hops, `{ ${clients.join(', ')} }`].join(' -> ');
}

export function describeStack(a: Answers, extra: Readonly<Record<string, ProfileSpec>>): string {
  const base = BASE_PROFILES.filter((p) => hasStack(p, extra));
  const lines = [`${base.join(', ')} (port base ${a.portBase}):`, `  ${chainLine(a, a.portBase)}`];
  for (const name of Object.keys(extra).filter((p) => hasStack(p, extra))) {
    const portBase = profilePortBase(name, a, extra);
    lines.push(`${name} (port base ${portBase}):`, `  ${chainLine(a, portBase)}`);
  }
  return lines.join('\n');
}
