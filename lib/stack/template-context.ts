// What the stack templates (templates/stack/*.in.ejs) are rendered with: the generator and
// the tests render them from this one context, so both see the same buildout references.
import { ACME_PATH, FRONT, PUBLIC_SCHEME, TLS_PROTOCOLS } from '../catalog/front.js';
import type { Hop } from './chain.js';

export function stackTemplateContext(hop: Hop, chain: Hop[]): Record<string, unknown> {
  return {
    hop,
    chain,
    site: { id: '${site:id}', domain: '${site:domain}' },
    dir: '${buildout:directory}',
    front: { ...FRONT, scheme: PUBLIC_SCHEME, acmePath: ACME_PATH, protocols: TLS_PROTOCOLS },
  };
}
