// What check prints of files it did not write: never the value of an option whose name says it
// is a secret, never a terminal control sequence, never a line longer than a screen.
import { maskSecret } from '../project/secrets.js';
import { pyRepr } from './pystr.js';

/**
 * A word of the name (split at anything not a letter or digit) that is or ends in password,
 * passwd, secret, token or key: `admin-password`, `api_token`, `secret-key`, `apikey`, but not
 * `keyring`, `tokenize-rt` or `SecretStorage` (eggs whose pins check reports too).
 */
const SECRET_WORD = /(?:password|passwd|secret|token|key)s?$/;

export function isSecretName(name: string): boolean {
  return name.toLowerCase().split(/[^a-z0-9]+/).some((w) => SECRET_WORD.test(w));
}

/** The value as check may print it: masked when the option's name says it is a secret. */
export const shownValue = (name: string, value: string): string => (isSecretName(name) ? maskSecret(value) : value);

const LONGEST_QUOTE = 200;

/**
 * A line of a config quoted in a message: repr'd like buildout (control characters escaped),
 * cut after 200 characters, and the value masked when what looks like its name (up to the
 * first `=` or `:`) says it is a secret.
 */
export function quoteLine(line: string): string {
  const sep = line.search(/[=:]/);
  const shown = sep > 0 && isSecretName(line.slice(0, sep)) ? `${line.slice(0, sep + 1)} ${maskSecret(line.slice(sep + 1).trim())}` : line;
  const cut = shown.length > LONGEST_QUOTE ? `${pyRepr(shown.slice(0, LONGEST_QUOTE))}... (${shown.length} characters)` : pyRepr(shown);
  return cut;
}

/** Control and format characters (escape sequences, bidi overrides, newlines in a file name) as \xNN / \uNNNN. */
export function printable(s: string): string {
  return s.replace(/[\p{Cc}\p{Cf}]/gu, (c) => {
    const n = c.codePointAt(0) as number;
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}
