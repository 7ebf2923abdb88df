// secrets.cfg is readable by its owner only, whatever made it wider (a copy, an editor, a
// umask): set back on every run that plans the project, and said.
import { closeSync, constants, fchmodSync, fstatSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { SECRETS_FILE } from '../project/layout.js';
import { SECRETS_MODE } from '../project/secrets.js';

const octal = (mode: number): string => `0${(mode & 0o777).toString(8)}`;

/** The line to print when the mode was wrong, or null. A symlink is not followed (and not ours to change). */
export function keepSecretsPrivate(root: string): string | null {
  let fd: number;
  try {
    fd = openSync(join(root, SECRETS_FILE), constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || (st.mode & 0o777) === SECRETS_MODE) return null;
    fchmodSync(fd, SECRETS_MODE);
    return `${SECRETS_FILE} was ${octal(st.mode)}; set to ${octal(SECRETS_MODE)}`;
  } finally {
    closeSync(fd);
  }
}
