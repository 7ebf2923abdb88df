// What a generator needs from the world: the project's files and .yo-rc.json, staged in
// memory and committed together. Both entry points (the bin, and the Yeoman shell) write
// through this, so a run writes the same files whichever ran it, and all or nothing.
import { readFileSync } from 'node:fs';
import { commitChanges, type Change } from './journal.js';
import { ProjectPaths } from './safe-path.js';

export interface WriteRequest {
  mode?: number;
}

export interface ProjectIO {
  root: string;
  read(path: string): string | null;
  write(path: string, content: string, req: WriteRequest): void;
  remove(path: string): void;
  getConfig(key: string): unknown;
  setConfig(key: string, value: unknown): void;
  allConfig(): Record<string, unknown>;
  force: boolean;
  /** Hand edits this run would overwrite: set when someone can be asked before the commit. */
  deferConflicts?: (paths: readonly string[]) => void;
  info(message: string): void;
}

export const CONFIG_NAMESPACE = 'generator-plonefactory';

type Staged = { content: string; mode?: number } | null;

export interface DirectIOOptions {
  /** Hand edits this run would overwrite are collected, to be confirmed before the commit. */
  askLater?: boolean;
  /** --follow-symlinks: read and write through symlinks that lead out of the project. */
  followSymlinks?: boolean;
}

/**
 * Plain files, staged in memory and committed together at the end through the journal
 * (journal.ts): an interrupted run leaves every file old or every file new, never a mix.
 */
export class DirectIO implements ProjectIO {
  readonly staged = new Map<string, Staged>();
  private config: Record<string, unknown>;
  private configChanged = false;
  /** Notes for the user, printed after the file lines of the commit. */
  private readonly notes: string[] = [];
  /** Files whose hand edits this run overwrites, to be confirmed before the commit. */
  readonly conflicts: string[] = [];
  readonly deferConflicts?: (paths: readonly string[]) => void;
  readonly paths: ProjectPaths;

  constructor(
    readonly root: string,
    readonly force: boolean,
    private readonly out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
    opts: DirectIOOptions = {},
  ) {
    if (opts.askLater) this.deferConflicts = (paths) => this.conflicts.push(...paths);
    this.paths = new ProjectPaths(root, opts.followSymlinks === true);
    const raw = this.readDisk('.yo-rc.json');
    let parsed: unknown = {};
    if (raw !== null) {
      try {
        parsed = JSON.parse(raw);
      } catch (e) {
        throw new Error(`.yo-rc.json is not valid JSON (${(e as Error).message.split('\n')[0]}); fix or remove it`);
      }
    }
    const mine = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[CONFIG_NAMESPACE] : undefined;
    if (mine !== undefined && (typeof mine !== 'object' || mine === null || Array.isArray(mine))) {
      throw new Error(`.yo-rc.json: "${CONFIG_NAMESPACE}" must be an object; fix or remove it`);
    }
    this.config = { ...((mine as Record<string, unknown> | undefined) ?? {}) };
    this.fullConfig = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }

  private readonly fullConfig: Record<string, unknown>;

  /** What readDisk read, by path: a run plans, checks and reports from the same reads. */
  private readonly disk = new Map<string, string | null>();

  /** A project file as it is on disk: null when there is none; a folder in its place is refused. */
  private readDisk(path: string): string | null {
    const known = this.disk.get(path);
    if (known !== undefined) return known;
    const text = this.readUncached(path);
    this.disk.set(path, text);
    return text;
  }

  private readUncached(path: string): string | null {
    const where = this.paths.lookup(path);
    if (where.absent) return null;
    try {
      return readFileSync(where.path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      if (code === 'EISDIR') throw new Error(`${path} is a directory where plonefactory keeps a file; move it away (nothing was written)`);
      if (code === undefined) throw e;
      throw new Error(`cannot read ${path}: ${code}; nothing was written`);
    }
  }

  read(path: string): string | null {
    const staged = this.staged.get(path);
    if (staged !== undefined) return staged === null ? null : staged.content;
    return this.readDisk(path);
  }

  write(path: string, content: string, req: WriteRequest): void {
    this.staged.set(path, req.mode === undefined ? { content } : { content, mode: req.mode });
  }

  remove(path: string): void {
    this.staged.set(path, null);
  }

  getConfig(key: string): unknown {
    return this.config[key];
  }

  setConfig(key: string, value: unknown): void {
    this.config[key] = value;
    this.configChanged = true;
  }

  allConfig(): Record<string, unknown> {
    return { ...this.config };
  }

  info(message: string): void {
    this.notes.push(message);
  }

  /** What the commit would write or delete; `prefix` goes before each label (a factory's site). */
  changes(prefix = ''): Change[] {
    if (this.configChanged) {
      const text = `${JSON.stringify({ ...this.fullConfig, [CONFIG_NAMESPACE]: this.config }, null, 2)}\n`;
      if (text !== this.readDisk('.yo-rc.json')) this.staged.set('.yo-rc.json', { content: text });
    }
    const out: Change[] = [];
    for (const [path, s] of this.staged) {
      const before = this.readDisk(path);
      if (s === null ? before === null : before === s.content) continue;
      const change: Change = { real: this.paths.real(path), label: `${prefix}${path}`, content: s === null ? null : s.content, before };
      if (s?.mode !== undefined) change.mode = s.mode;
      out.push(change);
    }
    return out;
  }

  /** The run's report of a commit: one line per file, then the notes. */
  report(changes: readonly Change[]): void {
    for (const c of changes) this.out(`   ${c.content === null ? 'delete' : c.before === null ? 'create' : 'update'} ${c.label}`);
    for (const note of this.notes) this.out(note);
  }

  /** Writes what changed, through the journal. Returns how many files changed. */
  commit(): number {
    const changes = this.changes();
    commitChanges(this.root, [this.root], changes);
    this.disk.clear();
    this.report(changes);
    return changes.length;
  }
}
