// The manifest's keys of the host fronts: per host, which server and where it listens; per
// site, its aliases and certificate. Validated with the rest of the manifest, before writing.
import { HOST_FRONT_DEFAULTS, HOST_FRONT_SERVERS, type HostFrontServer } from '../catalog/front.js';
import { ANSWER_SPECS, AnswerError, show } from '../project/answers.js';
import { PORT_MAX } from '../project/ports.js';

export interface HostFront {
  server: HostFrontServer;
  bind: string;
  httpPort: number;
  httpsPort: number;
  acmeWebroot: string;
}

export interface SiteFront {
  aliases: string[];
  /** Absent: certbot's layout for the site's domain. */
  certificate?: string;
  certificateKey?: string;
}

export const HOST_FRONT_KEYS = ['front', 'bind', 'http-port', 'https-port', 'acme-webroot'];
export const SITE_FRONT_KEYS = ['aliases', 'certificate', 'certificate-key'];

const PATH_RE = /^\/[A-Za-z0-9._@+\/-]{1,500}$/;
const BIND_RE = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\])$/;
const SERVERS = Object.keys(HOST_FRONT_SERVERS) as HostFrontServer[];

function port(where: string, key: string, raw: unknown, fallback: number): number {
  if (raw === undefined) return fallback;
  if ((typeof raw === 'number' || typeof raw === 'string') && /^\d{1,5}$/.test(String(raw)) && Number(raw) >= 1 && Number(raw) <= PORT_MAX) return Number(raw);
  throw new AnswerError(`${where}: ${key} ${show(raw)} is not allowed; give a port from 1 to ${PORT_MAX}`);
}

function path(where: string, key: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && PATH_RE.test(raw)) return raw;
  throw new AnswerError(`${where}: ${key} ${show(raw)} is not allowed; give an absolute path (letters, digits, . _ @ + - /)`);
}

export function parseHostFront(where: string, raw: Record<string, unknown>): HostFront {
  const server = raw['front'] === undefined ? HOST_FRONT_DEFAULTS.server : raw['front'];
  if (typeof server !== 'string' || !(SERVERS as string[]).includes(server)) throw new AnswerError(`${where}: front ${show(server)} is not allowed; choose one of: ${SERVERS.join(', ')}`);
  const bind = raw['bind'] === undefined ? HOST_FRONT_DEFAULTS.bind : raw['bind'];
  if (typeof bind !== 'string' || !BIND_RE.test(bind)) throw new AnswerError(`${where}: bind ${show(bind)} is not allowed; give an IPv4 address (0.0.0.0: all) or an [IPv6] one`);
  const httpPort = port(where, 'http-port', raw['http-port'], HOST_FRONT_DEFAULTS.httpPort);
  const httpsPort = port(where, 'https-port', raw['https-port'], HOST_FRONT_DEFAULTS.httpsPort);
  if (httpPort === httpsPort) throw new AnswerError(`${where}: http-port and https-port are both ${httpPort}; give each its own port`);
  return { server: server as HostFrontServer, bind, httpPort, httpsPort, acmeWebroot: path(where, 'acme-webroot', raw['acme-webroot']) ?? HOST_FRONT_DEFAULTS.acmeWebroot };
}

export function parseSiteFront(where: string, raw: Record<string, unknown>): SiteFront {
  const aliases = raw['aliases'] === undefined ? [] : raw['aliases'];
  if (!Array.isArray(aliases)) throw new AnswerError(`${where}: aliases ${show(aliases)} is not allowed; give a list of host names`);
  const ctx = { dirname: '', extraProfiles: [] };
  const names = aliases.map((a) => {
    try {
      return ANSWER_SPECS.domain.parse(a, ctx);
    } catch {
      throw new AnswerError(`${where}: alias ${show(a)} is not allowed; use a host name such as www.example.com (a-z, 0-9, - and dots)`);
    }
  });
  const certificate = path(where, 'certificate', raw['certificate']);
  const certificateKey = path(where, 'certificate-key', raw['certificate-key']);
  return { aliases: [...new Set(names)], ...(certificate ? { certificate } : {}), ...(certificateKey ? { certificateKey } : {}) };
}
