// Answers -> the files of a project. Pure (no Yeoman), so the generators, the factory and
// the tests all produce byte-identical projects from the same answers.
import { PLONE, type PloneLine, type PloneLineName, type RecipePin } from '../catalog/plone-lines.js';
import { RELEASE_PINS } from '../catalog/release-pins.js';
import { DEV_HELPERS } from '../catalog/dev-helpers.js';
import { isUnsupported, moduleFor, type ModuleLineSpec } from '../catalog/modules.js';
import { COMPONENTS } from '../catalog/stack.js';
import { programLine } from '../catalog/supervisor.js';
import { targetName } from '../catalog/systemd.js';
import { HEALTHCHECK, HTTPOK_TIMEOUT, SUPERLANCE, WATCHDOG_EVENT } from '../catalog/watchdogs.js';
import { projectPrograms } from './programs.js';
import { programUnits, supervisordUnitFile } from './units.js';
import { render } from './render.js';
import { buildChain, type Hop } from '../stack/chain.js';
import { stackTemplateContext } from '../stack/template-context.js';
import type { PlanInput, PlannedFile } from './model.js';
import { backupDirectory, BASE_PROFILES, type Answers } from './answers.js';
import { planModules } from './plan-modules.js';
import { planExtraProfiles } from './plan-profiles.js';
import { hostNeeds } from './host-needs.js';
import { componentTemplate, LOGROTATE_TEMPLATE, profileExtends, profilePath, SECRETS_FILE } from './layout.js';
import { derivePorts, frontPorts } from './ports.js';
import { inBuildout, serverLogs, stderrServers } from './logrotate.js';
import { SECRETS_MODE } from './secrets.js';

export type { PlanInput, PlannedFile } from './model.js';

export { render, type RenderContext } from './render.js';

function portUse(name: string, a: Answers): string {
  if (name === 'instance-debug') return 'the debug client, outside the balancer (preproduction, production)';
  if (name.startsWith('instance') && name !== 'instance') return `Zope client ${name}`;
  const uses: Record<string, string> = {
    http: a.http === 'none' ? 'unused (no http server)' : a.http,
    cache: a.cache === 'none' ? 'unused (no cache)' : a.cache,
    balancer: a.balancer === 'none' ? 'unused (no balancer)' : a.balancer,
    supervisor: 'supervisord (web UI and supervisorctl)',
    zeo: a.storage === 'zeo' ? 'ZEO server' : 'unused (RelStorage)',
    instance: 'the single instance (development, standalone)',
  };
  return uses[name] ?? name;
}

function diagram(chain: Hop[], a: Answers, ports: Map<string, number>): string {
  const boxes = ['client', ...chain.map((h) => `${h.component.name} :${ports.get(h.component.level)}`)];
  const clients = Array.from({ length: a.clients }, (_, i) => `instance${i + 1} :${ports.get(`instance${i + 1}`)}`);
  const storage = a.storage === 'zeo' ? `ZEO :${ports.get('zeo')}` : 'PostgreSQL :5432';
  return `${boxes.join(' -> ')} -> { ${clients.join(', ')} } -> ${storage}`;
}

/** The pins the project adds for these eggs: every one its release does not pin, exactly. */
function releaseUnpinned(plone: PloneLineName, eggs: readonly RecipePin[]): Array<{ egg: string; version: string }> {
  return eggs.flatMap((r) => {
    if (RELEASE_PINS[plone].eggs.includes(r.egg)) return [];
    if (r.version === undefined) throw new Error(`catalog: ${r.egg} has no pin for Plone ${plone}, and its release does not pin it`);
    return [{ egg: r.egg, version: r.version }];
  });
}

/** RelStorage's eggs and pins are the `relstorage` module's: one fact, one place. */
function relstorageSpec(a: Answers): ModuleLineSpec {
  const spec = moduleFor('relstorage', a.plone);
  if (!spec || isUnsupported(spec)) throw new Error(`--storage relstorage is not available for Plone ${a.plone}`);
  return spec;
}

export function planProject(input: PlanInput): PlannedFile[] {
  const a = input.answers;
  const line: PloneLine = PLONE[a.plone];
  const extraProfiles = Object.keys(input.profiles ?? {});
  const portList = derivePorts(a.portBase, a.clients);
  const ports = new Map<string, number>(portList);
  const chain = buildChain({ http: a.http, cache: a.cache, balancer: a.balancer }, a.clients, a.front === 'own');
  const clients = Array.from({ length: a.clients }, (_, i) => `instance${i + 1}`);
  const programs = projectPrograms(a, clients);
  const stackText = chain.length ? chain.map((h) => h.component.name).join(' -> ') : 'no web stack';
  const ctx = {
    a,
    program: programLine,
    programs,
    units: programUnits(a, programs, clients),
    supervisordUnit: supervisordUnitFile(a),
    target: targetName(a.name),
    line,
    profiles: [...BASE_PROFILES, ...extraProfiles],
    extraProfiles,
    ports: portList,
    portTable: portList.map(([n, p]) => [n, p, portUse(n, a)]),
    clients,
    chain,
    chainText: chain.length ? chain.map((h) => h.component.name).join(' -> ') : 'no web stack (clients served directly)',
    stackText,
    diagram: diagram(chain, a, ports),
    recipes: releaseUnpinned(a.plone, Object.values(line.recipes)),
    devHelpers: DEV_HELPERS[a.plone].map((h) => h.egg),
    devPins: releaseUnpinned(a.plone, DEV_HELPERS[a.plone]),
    releasePinned: Object.values(line.recipes).filter((r) => RELEASE_PINS[a.plone].eggs.includes(r.egg)).map((r) => r.egg),
    dbName: a.name.replace(/-/g, '_'),
    backupDir: backupDirectory(a),
    front: frontPorts(a.portBase),
    watchdog: { ...SUPERLANCE, timeout: HTTPOK_TIMEOUT, event: WATCHDOG_EVENT, healthcheck: HEALTHCHECK },
    relstorage: relstorageSpec(a),
    extendsOf: (profile: string) => profileExtends(profile, a, a.modules),
  };
  const files: PlannedFile[] = [];
  const add = (path: string, template: string, data: Record<string, unknown> = {}): void => {
    files.push({ path, content: render(`app/${template}`, { ...ctx, ...data }) });
  };

  add('buildout.cfg', 'buildout.cfg.ejs');
  add('requirements.txt', 'requirements.txt.ejs');
  add('.gitignore', 'gitignore.ejs');
  for (const f of ['versions', 'defines', 'base', 'project', 'sources']) add(`profiles/etc/${f}.cfg`, `profiles/etc/${f}.cfg.ejs`);
  files.push({ path: SECRETS_FILE, content: input.secrets.text, mode: SECRETS_MODE });
  add(profilePath('development'), 'profiles/development.cfg.ejs');
  add(profilePath('standalone'), 'profiles/standalone.cfg.ejs');
  add(profilePath('preproduction'), 'profiles/server.cfg.ejs', { profile: 'preproduction' });
  add(profilePath('production'), 'profiles/server.cfg.ejs', { profile: 'production' });
  add('profiles/modules/README.txt', 'profiles/modules/README.txt.ejs');
  for (const f of [a.process, 'clients', 'backup', a.storage, 'logrotate']) add(`profiles/stack/${f}.cfg`, `profiles/stack/${f}.cfg.ejs`);
  for (const u of a.process === 'systemd' ? ctx.units : [ctx.supervisordUnit]) files.push({ path: u.input, content: u.content });
  if (a.process === 'systemd') add(HEALTHCHECK.template, 'healthcheck.in.ejs');
  add(LOGROTATE_TEMPLATE, 'logrotate.conf.in.ejs', { logs: serverLogs(a, clients), inBuildout });
  if (a.storage === 'relstorage') for (const t of ['zodbpack.conf', 'pg-backup.sh']) add(`templates/${t}.in`, `${t}.in.ejs`);

  for (const hop of chain) {
    const name = hop.component.name;
    add(`profiles/stack/${name}.cfg`, 'profiles/stack/component.cfg.ejs', { component: hop.component });
    files.push({
      path: componentTemplate(name),
      content: render(`stack/${COMPONENTS[name].config}.in.ejs`, stackTemplateContext(hop, chain)),
    });
  }
  files.push(...planModules(input, ctx), ...planExtraProfiles(input, ctx));
  // The README says what each profile needs from the host, read from the files planned above.
  const host = hostNeeds(a, ctx.profiles, input.profiles ?? {}, new Map(files.map((f) => [f.path, f.content])));
  files.splice(1, 0, { path: 'README.md', content: render('app/README.md.ejs', { ...ctx, host, logs: serverLogs(a, clients), stderrServers: stderrServers(a) }) });
  return files;
}

