// What a generator needs from the world: the project's files and .yo-rc.json, staged in
// memory and committed together. Both entry points (the bin, and the Yeoman shell) write
// through this, so a run writes the same files whichever ran it, and all or nothing.
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

/**
 * Plain files, staged in memory and committed together at the end: every file is written
 * to a temporary name first and only then renamed into place, so an interrupted run
 * leaves each file either old or new, never half-written.
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

  constructor(
    readonly root: string,
    readonly force: boolean,
    private readonly out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
    opts: { askLater?: boolean } = {},
  ) {
    if (opts.askLater) this.deferConflicts = (paths) => this.conflicts.push(...paths);
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

  private readDisk(path: string): string | null {
    try {
      return readFileSync(join(this.root, path), 'utf8');
    } catch {
      return null;
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

  /** Writes what changed: all files to temporary names first, then renames. Returns how many files changed. */
  commit(): number {
    if (this.configChanged) {
      const text = `${JSON.stringify({ ...this.fullConfig, [CONFIG_NAMESPACE]: this.config }, null, 2)}\n`;
      if (text !== this.readDisk('.yo-rc.json')) this.staged.set('.yo-rc.json', { content: text });
    }
    const changes = [...this.staged].filter(([p, s]) => (s === null ? this.readDisk(p) !== null : this.readDisk(p) !== s.content));
    for (const [path] of changes) assertWritable(join(this.root, path));
    const temps: Array<[string, string]> = [];
    try {
      for (const [path, s] of changes) {
        if (s === null) continue;
        const target = join(this.root, path);
        mkdirSync(dirname(target), { recursive: true });
        const temp = `${target}.plonefactory-${process.pid}.tmp`;
        writeFileSync(temp, s.content, { mode: s.mode ?? 0o644 });
        if (s.mode !== undefined) chmodSync(temp, s.mode);
        temps.push([temp, target]);
      }
    } catch (e) {
      for (const [temp] of temps) rmSync(temp, { force: true });
      throw new Error(`cannot write in ${this.root}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; nothing was written`);
    }
    for (const [path, s] of changes) {
      const existed = this.readDisk(path) !== null;
      if (s === null) rmSync(join(this.root, path), { force: true });
      this.out(`   ${s === null ? 'delete' : existed ? 'update' : 'create'} ${path}`);
    }
    for (const [temp, target] of temps) renameSync(temp, target);
    for (const note of this.notes) this.out(note);
    return changes.length;
  }
}

/** Refuses before the first write: the file, or the nearest folder that exists, must be writable. */
function assertWritable(target: string): void {
  let probe = target;
  while (!existsSync(probe)) probe = dirname(probe);
  try {
    accessSync(probe, constants.W_OK);
  } catch {
    throw new Error(`cannot write ${probe}: it is read-only for this user; nothing was written`);
  }
}
