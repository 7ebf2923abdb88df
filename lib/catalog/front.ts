// The public front: what the http level (nginx or apache) adds when it is the first hop,
// as data the templates share (templates/stack/_front-*.ejs, which the shared-hosts factory
// can include once per site). Its addresses are buildout references to [front] (defines.cfg).

/** Where ACME (Let's Encrypt's certbot --webroot) puts its http-01 tokens (RFC 8555, 8.3). */
export const ACME_PATH = '/.well-known/acme-challenge/';

/**
 * TLS versions served: Mozilla's "intermediate" server-side TLS profile (ssl-config.mozilla.org,
 * version 5.7) allows TLS 1.2 and 1.3; nginx 1.22 and apache 2.4.57 (Debian 12) support both.
 */
export const TLS_PROTOCOLS = ['TLSv1.2', 'TLSv1.3'] as const;

/**
 * The scheme and port Zope is told through the VirtualHostMonster: the public ones, so no
 * internal port leaks into a URL. Zope leaves the scheme's default port (443) out of the
 * URLs it builds (ZPublisher HTTPRequest.setServerURL).
 */
export const PUBLIC_SCHEME = 'https';

/** Buildout references to the [front] section of defines.cfg (production overrides the ports). */
export const FRONT = {
  bind: '${front:bind}',
  httpPort: '${front:http-port}',
  httpsPort: '${front:https-port}',
  certificate: '${front:certificate}',
  certificateKey: '${front:certificate-key}',
  acmeWebroot: '${front:acme-webroot}',
} as const;

export type Front = typeof FRONT;
