// The public front: what the http level (nginx or apache) adds when it is the first hop,
// as data the templates share (templates/stack/_front-*.ejs, which the shared-hosts factory
// can include once per site). Its addresses are buildout references to [front] (defines.cfg).

/**
 * Who serves a site's public ports: `own`, its http level (the production-practice front);
 * `host`, the host's shared front (the factory's hosts/<host>/), which terminates TLS and
 * builds the VirtualHostMonster path, so the site's chain passes paths on unchanged.
 */
export const FRONT_MODES = ['own', 'host'] as const;
export type FrontMode = (typeof FRONT_MODES)[number];

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

/**
 * The system servers a host's shared front runs on, laid out as Debian packages them
 * (nginx 1.22 and apache2 2.4 in bookworm): snippets go to sites-available and are linked into
 * sites-enabled, which the packages' main configs include; `test` is the config test the
 * deployment runs before a reload.
 */
export const HOST_FRONT_SERVERS = {
  nginx: {
    package: 'nginx', service: 'nginx', dir: '/etc/nginx', test: ['nginx', '-t'],
    // Debian's nginx.conf includes sites-enabled/* inside its http {} block.
    conf: null, modules: [] as string[], listened: [] as number[],
  },
  apache: {
    package: 'apache2', service: 'apache2', dir: '/etc/apache2', test: ['apache2ctl', 'configtest'],
    // Server-wide lines (Listen) go to conf-available, included by apache2.conf from conf-enabled.
    conf: 'conf-available/plonefactory-front.conf',
    // What the virtual hosts use that Debian's apache2 does not enable on install (it enables
    // alias and authz_core, but no rewrite, headers, ssl or proxy module). Its <VirtualHost
    // 0.0.0.0:port> is a wildcard, like Debian's default *:80 site (checked with apache2 -S).
    modules: ['headers', 'rewrite', 'ssl', 'socache_shmcb', 'proxy', 'proxy_http', 'proxy_balancer', 'slotmem_shm', 'lbmethod_byrequests'],
    // Debian's ports.conf already listens on 80, and on 443 with mod_ssl: a second Listen on
    // the same port stops apache from starting.
    listened: [80, 443],
  },
} as const;
export type HostFrontServer = keyof typeof HOST_FRONT_SERVERS;

/** A host front's defaults (manifest host keys `front`, `bind`, `http-port`, `https-port`, `acme-webroot`). */
export const HOST_FRONT_DEFAULTS = { server: 'nginx', bind: '0.0.0.0', httpPort: 80, httpsPort: 443, acmeWebroot: '/var/www/letsencrypt' } as const;

/** Where certbot (Debian's `certbot`) keeps a domain's current certificate: the default of a site on a host front. */
export const certbotPaths = (domain: string): { certificate: string; certificateKey: string } => ({
  certificate: `/etc/letsencrypt/live/${domain}/fullchain.pem`,
  certificateKey: `/etc/letsencrypt/live/${domain}/privkey.pem`,
});
