// A factory manifest: shared defaults, the hosts, and the sites, each answer keyed by the
// app generator's option name. Validated whole before any site is touched.
import { ANSWER_KEYS, ANSWER_SPECS, AnswerError, show, type AnswerKey } from '../project/answers.js';

export interface ManifestSite {
  name: string;
  host: string;
  /** The manifest entry, for messages: `sites.json: sites[2]`. */
  where: string;
  /** The project's git remote: the deployment clones it instead of copying the folder. */
  git?: string;
  /** Raw answers by option name (validated per site by the app's own specs). */
  options: Record<string, unknown>;
}

export interface Manifest {
  /** The manifest's file name as given, for messages and the files it generates. */
  file: string;
  /** Write deploy/ (inventory and playbook); `"deploy": false` in the manifest leaves it out. */
  deploy: boolean;
  defaults: Record<string, unknown>;
  hosts: Record<string, { address: string }>;
  sites: ManifestSite[];
}

const OPTION_KEYS = new Map<string, AnswerKey>(ANSWER_KEYS.map((k) => [ANSWER_SPECS[k].option, k]));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ADDRESS_RE = /^[A-Za-z0-9.:-]{1,253}$/;
// What git and Ansible's git module take: a URL, scp-like user@host:path, or an absolute path.
const GIT_RE = /^(?:(?:https?|ssh|git|file):\/\/[^\s'"\\]+|[\w.-]+@[\w.-]+:[^\s'"\\]+|\/[^\s'"\\]+)$/;
/** Site keys that are not app answers. */
const SITE_KEYS = ['host', 'git'];

function answerOptions(where: string, raw: Record<string, unknown>, extra: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (extra.includes(key)) continue;
    if (key === 'name') continue;
    if (!OPTION_KEYS.has(key)) {
      throw new AnswerError(`${where}: unknown key ${show(key)}; allowed: ${[...extra, ...OPTION_KEYS.keys()].join(', ')}`);
    }
    out[key] = Array.isArray(value) ? value : typeof value === 'number' ? String(value) : value;
  }
  return out;
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
  if (!isRecord(data)) throw new AnswerError(`${file}: the manifest must be an object with "hosts" and "sites"`);
  for (const key of Object.keys(data)) {
    if (!['defaults', 'hosts', 'sites', 'deploy'].includes(key)) throw new AnswerError(`${file}: unknown key ${show(key)}; allowed: defaults, hosts, sites, deploy`);
  }
  const deploy = data['deploy'] ?? true;
  if (typeof deploy !== 'boolean') throw new AnswerError(`${file}: "deploy" ${show(deploy)} is not allowed; give true (write deploy/, the default) or false`);
  const defaults = data['defaults'] ?? {};
  if (!isRecord(defaults)) throw new AnswerError(`${file}: "defaults" must be an object of app options`);
  const hostsRaw = data['hosts'];
  if (!isRecord(hostsRaw) || Object.keys(hostsRaw).length === 0) throw new AnswerError(`${file}: "hosts" must name at least one host, e.g. {"web1": {"address": "10.0.0.11"}}`);
  const hosts: Manifest['hosts'] = {};
  for (const [name, h] of Object.entries(hostsRaw)) {
    const address = isRecord(h) ? h['address'] : undefined;
    if (typeof address !== 'string' || !ADDRESS_RE.test(address)) {
      throw new AnswerError(`${file}: hosts.${name}.address ${show(address)} is not allowed; give an IP address or host name`);
    }
    hosts[name] = { address };
  }
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
    if (typeof host !== 'string' || !(host in hosts)) {
      throw new AnswerError(`${where} (${name}): host ${show(host)} is not allowed; choose one of the manifest's hosts: ${Object.keys(hosts).join(', ')}`);
    }
    const git = s['git'];
    if (git !== undefined && (typeof git !== 'string' || git.length > 1000 || !GIT_RE.test(git))) {
      throw new AnswerError(`${where} (${name}): git ${show(git)} is not allowed; give the project's remote as a URL (https://, ssh://, git://, file://), user@host:path or an absolute path`);
    }
    return { name, host, where: `${file}: sites[${i}]`, ...(git === undefined ? {} : { git }), options: answerOptions(`${where} (${name})`, s, SITE_KEYS) };
  });
  return { file, deploy, defaults: answerOptions(`${file}: defaults`, defaults, []), hosts, sites };
}
