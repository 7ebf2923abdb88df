// One table declares every answer of the app generator: its CLI option, its prompt, its
// default and its validation, so the CLI, the prompts and .yo-rc.json cannot drift apart.
import { FORM_MEMORY_LIMIT, PLONE_LINES, type PloneLineName } from '../catalog/plone-lines.js';
import { FRONT_MODES, type FrontMode } from '../catalog/front.js';
import { PROCESS_MANAGERS, type ProcessManager } from '../catalog/process.js';
import { COMPONENTS_BY_LEVEL, type Choice, type Level } from '../catalog/stack.js';
import { highestPort, MAX_CLIENTS, PORT_MAX, PORT_MIN } from './ports.js';

export const STORAGES = ['zeo', 'relstorage'] as const;
export type Storage = (typeof STORAGES)[number];
export const BASE_PROFILES = ['development', 'standalone', 'preproduction', 'production'] as const;

export interface Answers {
  name: string;
  domain: string;
  plone: PloneLineName;
  storage: Storage;
  clients: number;
  portBase: number;
  http: Choice<'http'>;
  cache: Choice<'cache'>;
  balancer: Choice<'balancer'>;
  modules: string[];
  profile: string;
  logDays: number;
  clientMemory: string;
  publicHttp: number;
  publicHttps: number;
  backupDir: string;
  blobCacheSize: string;
  formMemoryLimit: string;
  process: ProcessManager;
  front: FrontMode;
}
export type AnswerKey = keyof Answers;

/** A bad answer: the message is one line naming the value and what is allowed. */
export class AnswerError extends Error {
  override name = 'AnswerError';
}

export interface AnswerContext {
  /** Name of the target directory: the default project name. */
  dirname: string;
  /** Profiles the project has besides the base four (custom ones, jenkins). */
  extraProfiles: readonly string[];
}

export interface AnswerSpec<K extends AnswerKey> {
  key: K;
  option: string;
  type: 'string' | 'number' | 'list';
  description: string;
  choices?: (ctx: AnswerContext) => readonly string[];
  default: (ctx: AnswerContext) => Answers[K];
  /**
   * false: an option only, never asked; when neither given nor stored it takes its default,
   * so projects generated before it existed regenerate without a question.
   */
  asked?: false;
  /** Raw CLI/prompt/stored value to a valid answer, or AnswerError. */
  parse: (raw: unknown, ctx: AnswerContext) => Answers[K];
}

const NAME_RE = /^[a-z][a-z0-9_-]{0,39}$/;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN_RE = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const PROFILE_RE = /^[a-z][a-z0-9_-]{0,39}$/;
const BACKUP_DIR_RE = /^\/[A-Za-z0-9._\/-]{1,200}$/;
/** PEP 508 distribution name, which is also what a catalog module's name looks like. */
const MODULE_NAME_RE = /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;

/**
 * JSON of a value, stopped once past `limit` characters: a manifest's value may be huge (a
 * YAML of nested aliases stands for gigabytes), and a message shows 60 characters of it.
 */
function preview(raw: unknown, limit: number): string {
  let out = '';
  const emit = (v: unknown, depth: number): boolean => {
    if (Array.isArray(v) || (typeof v === 'object' && v !== null)) {
      if (depth > 20) {
        out += '…';
        return false;
      }
      const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
      out += Array.isArray(v) ? '[' : '{';
      for (const [i, [k, x]] of entries.entries()) {
        if (i) out += ',';
        if (!Array.isArray(v)) out += `${JSON.stringify(k)}:`;
        if (out.length > limit || !emit(x, depth + 1)) return false;
      }
      out += Array.isArray(v) ? ']' : '}';
    } else out += typeof v === 'string' ? JSON.stringify(v.slice(0, limit)) : String(JSON.stringify(v) ?? v);
    return out.length <= limit;
  };
  emit(raw, 0);
  return out;
}

/** Shows a value safely in a one-line message, whatever it contains. */
export function show(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : preview(raw, 60);
  const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
  return shown;
}

function oneOf<T extends string>(option: string, allowed: readonly T[], raw: unknown): T {
  const value = typeof raw === 'string' ? raw.trim() : raw;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new AnswerError(`--${option} ${show(raw)} is not allowed; choose one of: ${allowed.join(', ')}`);
}

function integer(option: string, raw: unknown, min: number, max: number, what: string): number {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new AnswerError(`--${option} ${show(raw)} is not allowed; ${what} must be a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

export function slugify(dirname: string): string {
  return dirname.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 40);
}

const component = <L extends Level>(level: L, description: string): AnswerSpec<L> => ({
  key: level,
  option: level,
  type: 'string',
  description,
  choices: () => [...COMPONENTS_BY_LEVEL[level], 'none'],
  default: () => COMPONENTS_BY_LEVEL[level][0] as Answers[L],
  parse: (raw) => oneOf(level, [...COMPONENTS_BY_LEVEL[level], 'none'], raw) as Answers[L],
});

export const ANSWER_SPECS: { [K in AnswerKey]: AnswerSpec<K> } = {
  name: {
    key: 'name', option: 'name', type: 'string',
    description: 'Project name: a slug (a-z, 0-9, - and _, starting with a letter, at most 40)',
    default: (ctx) => slugify(ctx.dirname),
    parse: (raw) => {
      if (typeof raw === 'string' && NAME_RE.test(raw)) return raw;
      throw new AnswerError(`--name ${show(raw)} is not allowed; use a-z, 0-9, - and _, starting with a letter, at most 40 characters`);
    },
  },
  domain: {
    key: 'domain', option: 'domain', type: 'string',
    description: 'Public domain of the site',
    default: () => 'example.com',
    parse: (raw) => {
      const value = typeof raw === 'string' ? raw.toLowerCase() : raw;
      if (typeof value === 'string' && value.length <= 253 && DOMAIN_RE.test(value)) return value;
      throw new AnswerError(`--domain ${show(raw)} is not allowed; use a host name such as example.com (a-z, 0-9, - and dots)`);
    },
  },
  plone: {
    key: 'plone', option: 'plone', type: 'string',
    description: 'Plone line (pins its latest release)',
    choices: () => PLONE_LINES,
    default: () => '6.2',
    parse: (raw) => oneOf('plone', PLONE_LINES, raw),
  },
  storage: {
    key: 'storage', option: 'storage', type: 'string',
    description: 'Storage of preproduction and production: a ZEO server, or RelStorage (PostgreSQL)',
    choices: () => STORAGES,
    default: () => 'zeo',
    parse: (raw) => oneOf('storage', STORAGES, raw),
  },
  clients: {
    key: 'clients', option: 'clients', type: 'number',
    description: `Zope clients in preproduction and production (1-${MAX_CLIENTS})`,
    default: () => 2,
    parse: (raw) => integer('clients', raw, 1, MAX_CLIENTS, 'the number of clients'),
  },
  portBase: {
    key: 'portBase', option: 'port-base', type: 'number',
    description: 'First port: every port derives from it (http +0, cache +1, balancer +2, supervisor +3, zeo +4, instance +10, clients +11...)',
    default: () => 8080,
    parse: (raw) => integer('port-base', raw, PORT_MIN, PORT_MAX, 'the port base'),
  },
  http: component('http', 'HTTP server in front'),
  cache: component('cache', 'Cache'),
  balancer: component('balancer', 'Load balancer across the Zope clients'),
  modules: {
    key: 'modules', option: 'modules', type: 'list',
    description: 'Add-on modules to add, comma-separated (see the module generator)',
    default: () => [],
    parse: (raw) => {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null;
      if (!items || !items.every((m): m is string => typeof m === 'string')) {
        throw new AnswerError(`--modules ${show(raw)} is not allowed; give module names separated by commas`);
      }
      const names = [...new Set(items.map((m) => m.trim()).filter((m) => m !== ''))];
      // A name becomes profiles/modules/NAME.cfg: an egg-like name, never a path.
      const bad = names.find((m) => !MODULE_NAME_RE.test(m));
      if (bad !== undefined) throw new AnswerError(`--modules ${show(bad)} is not allowed; a module name is a catalog name or an egg name (letters, digits, . _ -)`);
      return names;
    },
  },
  process: {
    key: 'process', option: 'process', type: 'string', asked: false,
    description: 'What runs the processes of preproduction and production: supervisor (itself run by one systemd unit), or systemd (a unit per process)',
    choices: () => PROCESS_MANAGERS,
    default: () => 'supervisor',
    parse: (raw) => oneOf('process', PROCESS_MANAGERS, raw),
  },
  front: {
    key: 'front', option: 'front', type: 'string', asked: false,
    description: 'Who serves the public ports: own (the http level, with TLS from [front]) or host (the host\'s shared front, made by the factory; the http level listens only on its own port)',
    choices: () => FRONT_MODES,
    default: () => 'own',
    parse: (raw) => oneOf('front', FRONT_MODES, raw),
  },
  publicHttp: {
    key: 'publicHttp', option: 'public-http', type: 'number', asked: false,
    description: 'Public HTTP port of production (redirects to https, serves ACME)',
    default: () => 80,
    parse: (raw) => integer('public-http', raw, 1, PORT_MAX, 'the public http port'),
  },
  publicHttps: {
    key: 'publicHttps', option: 'public-https', type: 'number', asked: false,
    description: 'Public HTTPS port of production',
    default: () => 443,
    parse: (raw) => integer('public-https', raw, 1, PORT_MAX, 'the public https port'),
  },
  backupDir: {
    key: 'backupDir', option: 'backup-dir', type: 'string', asked: false,
    description: 'Folder of the backups, outside var/ (empty: /var/backups/NAME)',
    default: () => '',
    parse: (raw) => {
      if (raw === '' || (typeof raw === 'string' && BACKUP_DIR_RE.test(raw))) return raw;
      throw new AnswerError(`--backup-dir ${show(raw)} is not allowed; give an absolute path (letters, digits, . _ - /)`);
    },
  },
  blobCacheSize: {
    key: 'blobCacheSize', option: 'blob-cache-size', type: 'string', asked: false,
    description: "RelStorage's local blob cache limit, e.g. 512MB or 1GB",
    default: () => '1GB',
    parse: (raw) => {
      const value = typeof raw === 'string' ? raw.trim().toUpperCase() : raw;
      if (typeof value === 'string' && /^[1-9]\d{0,5}(KB|MB|GB)$/.test(value)) return value;
      throw new AnswerError(`--blob-cache-size ${show(raw)} is not allowed; give a size such as 512MB or 1GB`);
    },
  },
  formMemoryLimit: {
    key: 'formMemoryLimit', option: 'form-memory-limit', type: 'string', asked: false,
    description: "Zope's <dos_protection> form-memory-limit of every instance (Plone 6.x), e.g. 4MB or 16MB",
    default: () => FORM_MEMORY_LIMIT,
    parse: (raw) => {
      const value = typeof raw === 'string' ? raw.trim().toUpperCase() : raw;
      if (typeof value === 'string' && /^[1-9]\d{0,5}(KB|MB|GB)$/.test(value)) return value;
      throw new AnswerError(`--form-memory-limit ${show(raw)} is not allowed; give a size such as 4MB or 16MB`);
    },
  },
  clientMemory: {
    key: 'clientMemory', option: 'client-memory', type: 'string', asked: false,
    description: 'Memory a Zope client may use before its watchdog restarts it (memmon, or systemd MemoryMax=), e.g. 1500MB or 2GB',
    default: () => '2GB',
    parse: (raw) => {
      const value = typeof raw === 'string' ? raw.trim().toUpperCase() : raw;
      if (typeof value === 'string' && /^[1-9]\d{0,5}(MB|GB)$/.test(value)) return value;
      throw new AnswerError(`--client-memory ${show(raw)} is not allowed; give a size such as 1500MB or 2GB`);
    },
  },
  logDays: {
    key: 'logDays', option: 'log-days', type: 'number', asked: false,
    description: 'Days of logs logrotate keeps (preproduction, production)',
    default: () => 14,
    parse: (raw) => integer('log-days', raw, 1, 3650, 'the days of logs to keep'),
  },
  profile: {
    key: 'profile', option: 'profile', type: 'string',
    description: 'Profile buildout.cfg extends',
    choices: (ctx) => [...BASE_PROFILES, ...ctx.extraProfiles],
    default: () => 'development',
    parse: (raw, ctx) => {
      const allowed = [...BASE_PROFILES, ...ctx.extraProfiles];
      if (typeof raw === 'string' && PROFILE_RE.test(raw) && allowed.includes(raw)) return raw;
      throw new AnswerError(`--profile ${show(raw)} is not allowed; choose one of: ${allowed.join(', ')}`);
    },
  },
};

export const ANSWER_KEYS = Object.keys(ANSWER_SPECS) as AnswerKey[];

/** Where backups go: --backup-dir, else /var/backups/NAME (the default, outside the buildout's var/). */
export const backupDirectory = (a: Pick<Answers, 'backupDir' | 'name'>): string => a.backupDir || `/var/backups/${a.name}`;

/** Checks that only combinations can break (derived ports must stay in range), on what is known so far. */
export function checkCombination(answers: Partial<Answers>): void {
  if (answers.portBase === undefined || answers.clients === undefined) return;
  const top = highestPort(answers.portBase, answers.clients);
  if (top > PORT_MAX) {
    throw new AnswerError(
      `--port-base ${answers.portBase} is not allowed with ${answers.clients} clients: its highest derived port would be ${top}; use a base from ${PORT_MIN} to ${PORT_MAX - (top - answers.portBase)}`,
    );
  }
}

export function validateAnswers(answers: Answers): Answers {
  checkCombination(answers);
  return answers;
}
