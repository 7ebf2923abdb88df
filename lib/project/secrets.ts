// Per-project secrets: random, kept in a git-ignored file of mode 0600 that the profiles
// reference by substitution, and never shown in full.
import { randomBytes } from 'node:crypto';
import ini from 'ini';

export const SECRET_KEYS = ['admin-user', 'admin-password', 'supervisor-user', 'supervisor-password', 'postgresql-password'] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];
export type Secrets = Record<SecretKey, string>;
export const SECRETS_MODE = 0o600;

/** 144 random bits per password. */
const PASSWORD_BYTES = 18;
const USER = 'admin';
const isUser = (key: SecretKey): boolean => key.endsWith('-user');

// base64url: no `$`, `#`, `;` or spaces, so a value is safe in buildout and in server configs.
const password = (): string => randomBytes(PASSWORD_BYTES).toString('base64url');

function fresh(key: SecretKey): string {
  return isUser(key) ? USER : password();
}

/**
 * The secrets file is flat `key = value` lines in one section, which the ini package reads
 * exactly; keeping what is there makes a re-run change nothing.
 */
export function loadOrCreateSecrets(existing: string | null): Secrets {
  const section: unknown = existing ? ini.parse(existing)['secrets'] : undefined;
  const kept = typeof section === 'object' && section !== null ? (section as Record<string, unknown>) : {};
  const out = {} as Secrets;
  for (const key of SECRET_KEYS) {
    const value = kept[key];
    out[key] = typeof value === 'string' && /^[A-Za-z0-9_-]+$/.test(value) ? value : fresh(key);
  }
  return out;
}

export function renderSecrets(s: Secrets): string {
  const lines = SECRET_KEYS.map((k) => `${k} = ${s[k]}`);
  return [
    '# Secrets of this project: generated at random, never committed (see .gitignore), mode 0600.',
    '# Referenced as ${secrets:KEY} by the profiles. Change a value here and re-run bin/buildout.',
    '[secrets]',
    ...lines,
    '',
  ].join('\n');
}

/**
 * A Python 3 program writing a fresh secrets file at argv[1], as loadOrCreateSecrets would
 * (same form, same strength: token_urlsafe is base64url without padding, like ours), mode
 * 0600 from creation, and never over an existing file: a host makes its own secrets.
 */
export function secretsProgram(): string {
  const marker = (key: SecretKey): string => `@${key}@`;
  const template = renderSecrets(Object.fromEntries(SECRET_KEYS.map((k) => [k, isUser(k) ? USER : marker(k)])) as Secrets);
  return [
    'import os, secrets, sys',
    `text = ${JSON.stringify(template)}`,
    `for key in ${JSON.stringify(SECRET_KEYS.filter((k) => !isUser(k)))}:`,
    `    text = text.replace("@" + key + "@", secrets.token_urlsafe(${PASSWORD_BYTES}))`,
    `fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o${SECRETS_MODE.toString(8)})`,
    'os.write(fd, text.encode())',
    'os.close(fd)',
    '',
  ].join('\n');
}

/** Enough to recognise a password, never enough to use it. */
export function maskSecret(value: string): string {
  return `${value.slice(0, 2)}${'*'.repeat(6)} (${value.length} characters)`;
}
