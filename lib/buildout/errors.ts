// Errors with the kinds (Python class names) and messages zc.buildout uses, so a caller can
// compare ours with the real buildout's `type(e).__name__` and `str(e)`.

export type ErrorKind =
  | 'ParsingError'
  | 'MissingSectionHeaderError'
  | 'MissingSection'
  | 'MissingOption'
  | 'UserError'
  | 'KeyError'
  | 'FileNotFoundError'
  | 'IsADirectoryError'
  | 'PermissionError'
  | 'RecursionError'
  | 'UnicodeDecodeError'
  /** Not buildout's: check refused to read a file (see projectReader). */
  | 'SymlinkOutOfProject'
  | 'ValueError'
  | 'ConditionError'
  | 'NameError';

export interface ParseError {
  file: string;
  /** 1-based line number. */
  line: number;
  kind: 'ParsingError' | 'MissingSectionHeaderError' | 'ConditionError';
  message: string;
}

export class BuildoutError extends Error {
  readonly kind: ErrorKind;
  /** Where the problem is, when one line is to blame. */
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(kind: ErrorKind, message: string, where?: { file: string; line: number }) {
    super(message);
    this.name = 'BuildoutError';
    this.kind = kind;
    this.file = where?.file;
    this.line = where?.line;
  }
}
