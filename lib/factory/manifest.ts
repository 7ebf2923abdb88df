// A factory manifest: shared defaults, the hosts, and the sites, each answer keyed by the
// app generator's option name. Validated whole before any site is touched. Names come from
// the user, so every lookup is of own keys (a host may be called `constructor`).
import { isIPv6 } from 'node:net';
import { ANSWER_KEYS, ANSWER_SPECS, AnswerError, show, type AnswerKey } from '../project/answers.js';
import { HOST_FRONT_KEYS, parseHostFront, parseSiteFront, SITE_FRONT_KEYS, type HostFront, type SiteFront } from './front-keys.js';

export interface ManifestSite {
  name: string;
  host: string;
  /** The manifest entry, for messages: `sites.json: sites[2]`. */
  where: string;
  /** The project's git remote: the deployment clones it instead of copying the folder. */
  git?: string;
  /** Its virtual host on the host's front: aliases and certificate. */
  front: SiteFront;
  /** Raw answers by option name (validated per site by the app's own specs). */
  options: Record<string, unknown>;
}

export interface Manifest {
  /** The manifest's file name as given, for messages and the files it generates. */
  file: string;
  /** Write deploy/ (inventory and playbook); `"deploy": false` in the manifest leaves it out. */
  deploy: boolean;
  defaults: Record<string, unknown>;
  /** By name; a null-prototype object, so any name is an ordinary key. */
  hosts: Record<string, ManifestHost>;
  sites: ManifestSite[];
}

const OPTION_KEYS = new Map<string, AnswerKey>(ANSWER_KEYS.map((k) => [ANSWER_SPECS[k].option, k]));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ADDRESS_RE = /^[A-Za-z0-9.:-]{1,253}$/;
// What git and Ansible's git module take: a URL, scp-like user@host:path, or an absolute path.
const GIT_RE = /^(?:(?:https?|ssh|git|file):\/\/[^\s'"\\]+|[\w.-]+@[\w.-]+:[^\s'"\\]+|\/[^\s'"\\]+)$/;
/** Site keys that are not app answers. */
const SITE_KEYS = ['host', 'git', ...SITE_FRONT_KEYS];
/** What a host may say, each key with its check (`where` is `sites.json: hosts.web1`). */
const HOST_KEYS = {
  address: (v: unknown, where: string): string => {
    if (typeof v !== 'string' || !ADDRESS_RE.test(v)) throw new AnswerError(`${where}.address ${show(v)} is not allowed; give an IP address or host name`);
    return v;
  },
} as const satisfies Record<string, (v: unknown, where: string) => unknown>;

/** A host's address, and its shared front (used when a site on it has front `host`). */
export type ManifestHost = { [K in keyof typeof HOST_KEYS]: ReturnType<(typeof HOST_KEYS)[K]> } & { front: HostFront };

function parseHost(raw: unknown, where: string): ManifestHost {
  if (!isRecord(raw)) throw new AnswerError(`${where} must be an object such as {"address": "10.0.0.11"}`);
  const allowed = [...Object.keys(HOST_KEYS), ...HOST_FRONT_KEYS];
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) throw new AnswerError(`${where}: unknown key ${show(key)}; allowed: ${allowed.join(', ')}`);
  }
  const own = Object.fromEntries(Object.entries(HOST_KEYS).map(([key, check]) => [key, check(raw[key], where)])) as { [K in keyof typeof HOST_KEYS]: ReturnType<(typeof HOST_KEYS)[K]> };
  return { ...own, front: parseHostFront(where, raw) };
}

/**
 * The machine behind an address: hosts with one address are one machine, with one port
 * space and one front. Host names are case-insensitive (and may end in the root's dot);
 * an IPv6 address has many spellings.
 */
export function machineOf(address: string): string {
  const name = address.toLowerCase().replace(/\.$/, '');
  return isIPv6(name) ? new URL(`http://[${name}]/`).hostname : name;
}

/** How messages name the machine of `hosts`: `host web1`, or `hosts web1 and web2 (one address, 10.0.0.11)`. */
export function machineLabel(hosts: readonly string[], address: string): string {
  const names = [...new Set(hosts)];
  return names.length === 1 ? `host ${names[0]}` : `hosts ${names.join(' and ')} (one address, ${address})`;
}

/** A repeated key is refused as js-yaml refuses it: JSON.parse would silently keep the last. */
function refuseRepeatedKeys(text: string, file: string): void {
  const open: Array<Set<string>> = [];
  // loaded only for a JSON manifest, like js-yaml for YAML: ~20 ms at start-up otherwise
  (require('jsonc-parser') as typeof import('jsonc-parser')).visit(text, {
    onObjectBegin: () => void open.push(new Set()),
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (key, _offset, _length, line) => {
      const keys = open[open.length - 1];
      if (keys?.has(key)) throw new AnswerError(`${file} is not valid JSON for a manifest: key ${show(key)} is given twice in one object (line ${line + 1}); give each key once`);
      keys?.add(key);
    },
  });
}

function answerOptions(where: string, raw: Record<string, unknown>, extra: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (extra.includes(key)) continue;
    if (key === 'name') continue;
    const answer = OPTION_KEYS.get(key);
    if (answer === undefined) {
      throw new AnswerError(`${where}: unknown key ${show(key)}; allowed: ${[...extra, ...OPTION_KEYS.keys()].join(', ')}`);
    }
    // null is a bad value like any other, not a missing one (which would mean "ask")
    if (value === null) throw new AnswerError(`${where}: ${key} null is not allowed; ${allowedFor(answer)}`);
    out[key] = Array.isArray(value) ? value : typeof value === 'number' ? String(value) : value;
  }
  return out;
}

/** What an answer allows, in its spec's own words (the part after "; " of its refusal). */
function allowedFor(key: AnswerKey): string {
  try {
    ANSWER_SPECS[key].parse(null, { dirname: '', extraProfiles: [] });
  } catch (e) {
    const message = (e as Error).message;
    if (message.includes('; ')) return message.slice(message.indexOf('; ') + 2);
  }
  return 'give a value, or leave the key out for the default';
}

/**
 * A YAML manifest, refused when an alias repeats a list or a mapping: sites share values through
 * "defaults", and such aliases are how 464 bytes stand for gigabytes (nested ones multiply at
 * every level, and whatever walks or prints the value pays for each copy). An alias of a
 * scalar costs nothing and is kept. One walk, each list and mapping once.
 */
function loadYaml(text: string, file: string): unknown {
  // js-yaml only for YAML: it costs every command that loads this ~30 ms at start-up
  const data: unknown = (require('js-yaml') as typeof import('js-yaml')).load(text);
  const seen = new Set<object>();
  const todo: unknown[] = [data];
  while (todo.length) {
    const v = todo.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (seen.has(v)) throw new AnswerError(`${file}: a YAML alias (*name) repeats a list or a mapping, which a manifest does not allow; give the value itself, or put what sites share in "defaults"`);
    seen.add(v);
    for (const x of Array.isArray(v) ? v : Object.values(v)) todo.push(x);
  }
  return data;
}

export function parseManifest(text: string, file: string): Manifest {
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(file) ? loadYaml(text, file) : JSON.parse(text);
  } catch (e) {
    if (e instanceof AnswerError) throw e;
    throw new AnswerError(`${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${((e as Error).message.split('\n')[0] ?? '').trim()}`);
  }
  if (!/\.ya?ml$/i.test(file)) refuseRepeatedKeys(text, file);
  if (!isRecord(data)) throw new AnswerError(`${file}: the manifest must be an object with "hosts" and "sites"`);
  for (const key of Object.keys(data)) {
    if (!['defaults', 'hosts', 'sites', 'deploy'].includes(key)) throw new AnswerError(`${file}: unknown key ${show(key)}; allowed: defaults, hosts, sites, deploy`);
  }
  const deploy = data['deploy'] === undefined ? true : data['deploy'];
  if (typeof deploy !== 'boolean') throw new AnswerError(`${file}: "deploy" ${show(deploy)} is not allowed; give true (write deploy/, the default) or false`);
  const defaults = data['defaults'] === undefined ? {} : data['defaults'];
  if (!isRecord(defaults)) throw new AnswerError(`${file}: "defaults" ${show(defaults)} is not allowed; give an object of app options, e.g. {"plone": "6.2"}`);
  const hostsRaw = data['hosts'];
  if (!isRecord(hostsRaw) || Object.keys(hostsRaw).length === 0) throw new AnswerError(`${file}: "hosts" must name at least one host, e.g. {"web1": {"address": "10.0.0.11"}}`);
  const hosts = Object.create(null) as Manifest['hosts'];
  for (const [name, h] of Object.entries(hostsRaw)) hosts[name] = parseHost(h, `${file}: hosts.${name}`);
  const sitesRaw = data['sites'];
  if (!Array.isArray(sitesRaw) || sitesRaw.length === 0) throw new AnswerError(`${file}: "sites" must be a non-empty list`);
  const seen = new Set<string>();
  const sites = sitesRaw.map((s, i): ManifestSite => {
    const where = `${file}: sites[${i}]`;
    if (!isRecord(s)) throw new AnswerError(`${where} must be an object with "name" and "host"`);
    const name = ANSWER_SPECS.name.parse(s['name'], { dirname: '', extraProfiles: [] });
    if (seen.has(name)) throw new AnswerError(`${where}: site name ${show(name)} is used twice; site names must be unique`);
    seen.add(name);
    const host = s['host'];
    if (typeof host !== 'string' || !Object.hasOwn(hosts, host)) {
      throw new AnswerError(`${where} (${name}): host ${show(host)} is not allowed; choose one of the manifest's hosts: ${Object.keys(hosts).join(', ')}`);
    }
    const git = s['git'];
    if (git !== undefined && (typeof git !== 'string' || git.length > 1000 || !GIT_RE.test(git))) {
      throw new AnswerError(`${where} (${name}): git ${show(git)} is not allowed; give the project's remote as a URL (https://, ssh://, git://, file://), user@host:path or an absolute path`);
    }
    return { name, host, where: `${file}: sites[${i}]`, ...(git === undefined ? {} : { git }), front: parseSiteFront(`${where} (${name})`, s), options: answerOptions(`${where} (${name})`, s, SITE_KEYS) };
  });
  return { file, deploy, defaults: answerOptions(`${file}: defaults`, defaults, []), hosts, sites };
}

/** A site's answers as the factory gives them to the app: the manifest's defaults, the site's own, and the app's defaults for the rest. */
export function siteOptions(m: Manifest, s: ManifestSite): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...m.defaults, ...s.options, name: s.name };
  // Every host of a manifest has its shared front: a site is served by it unless it says
  // `"front": "own"`.
  merged['front'] ??= 'host';
  // The manifest is the whole truth of a site: an answer it leaves out is the app's default,
  // not whatever the site's .yo-rc.json said before.
  for (const key of ANSWER_KEYS) {
    const spec = ANSWER_SPECS[key];
    if (merged[spec.option] === undefined) merged[spec.option] = spec.default({ dirname: s.name, extraProfiles: [] });
  }
  return merged;
}
