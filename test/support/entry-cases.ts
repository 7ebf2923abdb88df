// The command lines both entry points must treat alike (test/commands/entry-points.test.ts
// runs every one through `plonefactory` and through yo's own parsing; the packed-tarball test
// runs those marked realYo through the real yo 7 as well).
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshot, type CliResult } from './cli.js';

const site = (name: string, domain = `${name}.example.org`): Record<string, string> => ({ name, host: 'web1', domain });
const MANIFEST = JSON.stringify({ hosts: { web1: { address: '10.0.0.11' } }, sites: [site('alpha'), site('beta')] });
/** Two sites claiming one domain on one host. */
const CLASHING = JSON.stringify({ hosts: { web1: { address: '10.0.0.11' } }, sites: [site('alpha'), site('beta', 'alpha.example.org')] });

export interface Case {
  /** The generator; `app` is `plonefactory …` / `yo plonefactory …`. */
  gen: string;
  args: string[];
  /** Run in an empty folder instead of a copy of the default project. */
  empty?: boolean;
  status: number;
  /** Files written into the folder first (a manifest). */
  files?: Record<string, string>;
  /** Also run through the real yo 7 by the packed-tarball test (which has it installed). */
  realYo?: boolean;
}

export const CASES: Case[] = [
  { gen: 'app', args: ['--defaults', '--plone', '5.2', '--name', 'same'], empty: true, status: 0, realYo: true },
  { gen: 'app', args: ['--defaults', '--plon', '5.2'], empty: true, status: 2, realYo: true },
  { gen: 'app', args: ['--defaults', '--skip-install'], empty: true, status: 2 },
  { gen: 'app', args: ['--defaults', 'one', 'two'], empty: true, status: 2 },
  { gen: 'app', args: ['--defaults', '--clients', '0'], empty: true, status: 1, realYo: true },
  { gen: 'app', args: ['--plone', '5.2', '--http', 'apache'], status: 0 },
  { gen: 'app', args: ['--defaults', '--port-base', '65530', '--clients', '3'], empty: true, status: 1 },
  { gen: 'module', args: [], status: 0 },
  { gen: 'module', args: ['ldap', 'restapi'], status: 0 },
  { gen: 'module', args: ['ldpa'], status: 1, realYo: true },
  { gen: 'module', args: ['ldap', '--remov'], status: 2, realYo: true },
  { gen: 'module', args: ['ldap', '--pin'], status: 2 },
  { gen: 'module', args: ['collective.foo', '--pin', '1.2.3', '--zcml'], status: 0 },
  { gen: 'module', args: ['ldap'], empty: true, status: 1 },
  { gen: 'stack', args: ['cache', 'squid'], status: 0, realYo: true },
  { gen: 'stack', args: ['cache', 'nginx'], status: 1 },
  { gen: 'stack', args: ['cach', 'squid'], status: 1 },
  { gen: 'stack', args: ['cache'], status: 1 },
  { gen: 'stack', args: ['cache', 'squid', 'now'], status: 2 },
  { gen: 'stack', args: ['http', 'apache', '--forse'], status: 2 },
  { gen: 'profile', args: ['jenkins'], status: 0 },
  { gen: 'profile', args: ['staging', '--from', 'preproduction'], status: 0 },
  { gen: 'profile', args: ['production'], status: 1 },
  { gen: 'profile', args: ['staging', '--frm', 'production'], status: 2, realYo: true },
  { gen: 'check', args: [], status: 0 },
  { gen: 'check', args: ['--jsn'], status: 2 },
  { gen: 'check', args: ['productoin'], status: 2, realYo: true },
  { gen: 'check', args: ['production', '--json'], status: 0 },
  { gen: 'factory', args: [], status: 2 },
  { gen: 'factory', args: ['nosuch.json'], status: 1 },
  { gen: 'factory', args: ['sites.json'], empty: true, files: { 'sites.json': MANIFEST }, status: 0, realYo: true },
  { gen: 'factory', args: ['sites.json', '--fronts'], empty: true, files: { 'sites.json': MANIFEST }, status: 2 },
  { gen: 'check', args: ['--manifest', 'sites.json'], empty: true, files: { 'sites.json': MANIFEST }, status: 0, realYo: true },
  { gen: 'check', args: ['--manifest', 'sites.json'], empty: true, files: { 'sites.json': CLASHING }, status: 1 },
];

/** The case's command line for `plonefactory` or for yo. */
export const caseArgs = (c: Case, entry: 'plonefactory' | 'yo'): string[] =>
  entry === 'plonefactory' ? (c.gen === 'app' ? c.args : [c.gen, ...c.args]) : [c.gen === 'app' ? 'plonefactory' : `plonefactory:${c.gen}`, ...c.args];

/** Makes `dir` the folder the case runs in: empty, or a copy of `project`; then its files. */
export function prepareCase(c: Case, dir: string, project: string): void {
  if (c.empty) mkdirSync(dir);
  else cpSync(project, dir, { recursive: true });
  for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), text);
}

/** Files without mtimes; the random secrets as one value. */
const files = (dir: string): Map<string, string> =>
  new Map([...snapshot(dir)].map(([p, v]) => {
    const body = v.slice(v.indexOf(' ') + 1);
    return [p, p.endsWith('secrets.cfg') ? body.replace(/= [\w-]{24}$/gm, '= X') : body];
  }));

const withoutDir = (text: string, dir: string): string => text.split(dir).join('<dir>');

function errorLine(r: CliResult, dir: string): string {
  return withoutDir((r.stderr.split('\n').find((l) => l.startsWith('plonefactory: ')) ?? '').replace('plonefactory: ', ''), dir);
}

/** `plonefactory` and yo, each run in its own prepared folder: the case's exit code from both, the same files, the same error line (or check report). */
export function assertSameOutcome(c: Case, bin: { result: CliResult; dir: string }, viaYo: { result: CliResult; dir: string }): void {
  assert.equal(bin.result.status, c.status, `plonefactory: ${bin.result.stderr}`);
  assert.equal(viaYo.result.status, c.status, `yo: ${viaYo.result.stderr}`);
  assert.deepEqual(files(viaYo.dir), files(bin.dir));
  if (c.gen === 'check' && c.status === 1) {
    // findings are check's report, on stdout
    assert.match(bin.result.stdout, /error: /);
    assert.equal(withoutDir(viaYo.result.stdout, viaYo.dir), withoutDir(bin.result.stdout, bin.dir));
  } else if (c.status !== 0) {
    const line = errorLine(bin.result, bin.dir);
    assert.ok(line, `plonefactory printed no error line: ${bin.result.stderr}`);
    const yoLines = viaYo.result.stderr.split('\n').map((l) => withoutDir(l, viaYo.dir));
    assert.ok(yoLines.includes(line), `yo did not print "${line}":\n${viaYo.result.stderr}`);
  }
}
