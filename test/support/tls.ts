// A self-signed certificate for the tests' https fronts, made with the real openssl in a
// temporary folder: never a system path, never a real key.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Writes fullchain.pem and privkey.pem (EC P-256, for speed) for `domain` (and `aliases`) into `dir`, once. */
export function selfSignedPair(dir: string, domain: string, aliases: readonly string[] = []): { certificate: string; key: string } {
  const certificate = join(dir, 'fullchain.pem');
  const key = join(dir, 'privkey.pem');
  if (existsSync(certificate) && existsSync(key)) return { certificate, key };
  mkdirSync(dir, { recursive: true });
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', `/CN=${domain}`, '-addext', `subjectAltName=${[domain, ...aliases].map((d) => `DNS:${d}`).join(',')}`, '-keyout', key, '-out', certificate,
  ], { stdio: 'pipe' });
  return { certificate, key };
}
