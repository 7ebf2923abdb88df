// A config file's text as zc.buildout reads it: strict UTF-8 (Python fails with
// UnicodeDecodeError where Node would put U+FFFD and read on), and a file system error as the
// Python exception buildout stops with.
import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { BuildoutError } from './errors.js';
import { pyRepr } from './pystr.js';

const ERRNO: Record<string, [number, string, 'FileNotFoundError' | 'IsADirectoryError' | 'PermissionError']> = {
  EISDIR: [21, 'Is a directory', 'IsADirectoryError'],
  EACCES: [13, 'Permission denied', 'PermissionError'],
};

/** The Python exception for a failed open of `path`. */
export function fsError(e: unknown, path: string): BuildoutError {
  const [errno, text, kind] = ERRNO[(e as NodeJS.ErrnoException).code ?? ''] ?? [2, 'No such file or directory', 'FileNotFoundError'];
  return new BuildoutError(kind, `[Errno ${errno}] ${text}: ${pyRepr(path)}`);
}

/** Python's reading of the first byte sequence that is not UTF-8: where it starts and ends, and why. */
function firstInvalid(buf: Uint8Array): { start: number; end: number; reason: string } | null {
  for (let i = 0; i < buf.length;) {
    const b = buf[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    // the second byte's range narrows for overlongs (E0, F0), surrogates (ED) and > U+10FFFF (F4)
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) [need, lo, hi] = [2, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf];
    else if (b >= 0xf0 && b <= 0xf4) [need, lo, hi] = [3, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf];
    else return { start: i, end: i + 1, reason: 'invalid start byte' };
    let j = i + 1;
    for (let k = 0; k < need; k++, j++) {
      if (j >= buf.length) return { start: i, end: j, reason: 'unexpected end of data' };
      const c = buf[j] as number;
      if (c < (k === 0 ? lo : 0x80) || c > (k === 0 ? hi : 0xbf)) return { start: i, end: j, reason: 'invalid continuation byte' };
    }
    i = j;
  }
  return null;
}

/** Line breaks before `offset`, as Python's universal newlines count them. */
function lineAt(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (buf[i] === 0x0a || (buf[i] === 0x0d && buf[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/** Python reads a text file in chunks of 8,192 bytes and counts an error's position from its chunk. */
const CHUNK = 8192;

/** Bytes of a sequence the chunk before `base` left incomplete: the decoder puts them before this chunk's. */
function carriedInto(bytes: Uint8Array, base: number): number {
  for (let k = 1; k <= 3 && base - k >= 0; k++) {
    const b = bytes[base - k] as number;
    if (b < 0x80) return 0;
    if (b >= 0xc0) return (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > k ? k : 0;
  }
  return 0;
}

/** The text of `bytes`, or buildout's UnicodeDecodeError at the file and line of the first bad byte. */
export function decodeConfig(bytes: Uint8Array, file: string): string {
  const bad = firstInvalid(bytes);
  if (!bad) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  const base = Math.floor(bad.start / CHUNK) * CHUNK;
  const start = bad.start - base + carriedInto(bytes, base);
  const what = bad.end - bad.start === 1
    ? `byte 0x${(bytes[bad.start] as number).toString(16).padStart(2, '0')} in position ${start}`
    : `bytes in position ${start}-${start + bad.end - bad.start - 1}`;
  return throwDecode(`'utf-8' codec can't decode ${what}: ${bad.reason}`, file, lineAt(bytes, bad.start));
}

function throwDecode(message: string, file: string, line: number): never {
  throw new BuildoutError('UnicodeDecodeError', message, { file, line });
}

/** readFileSync(path, 'utf8'), failing as buildout does on bytes that are not UTF-8 and on file system errors. */
export function readConfig(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw fsError(e, path);
  }
  return decodeConfig(bytes, path);
}

const inside = (dir: string, path: string): boolean => path === dir || path.startsWith(dir + '/');

/**
 * readConfig for a check of an untrusted project: a path inside `projectDir` that a symlink
 * leads out of it is not read (a planted `profiles/x.cfg -> ~/.ssh/id_rsa`, or a link to
 * another user's files). Paths named outside the project are read as buildout reads them.
 */
export function projectReader(projectDir: string): (path: string) => string {
  const dir = resolve(projectDir);
  let real = dir;
  try {
    real = realpathSync(dir);
  } catch { /* no folder: every read fails as buildout's would */ }
  return (path) => {
    const abs = resolve(path);
    if (inside(dir, abs)) {
      let target: string | undefined;
      try {
        target = realpathSync(abs);
      } catch { /* missing or dangling: readConfig fails as buildout does */ }
      if (target !== undefined && !inside(real, target)) {
        throw new BuildoutError('SymlinkOutOfProject', `${abs} is a symlink out of the project (to ${target}); check never follows one`, { file: abs, line: 0 });
      }
    }
    return readConfig(abs);
  };
}
