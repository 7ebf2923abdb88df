// The factory's deployment, run for real: Debian's ansible-playbook checks the generated
// playbook, then deploys a three-site, two-host manifest onto this machine
// (ansible_connection=local, each host a folder of its own in the test's temporary folder),
// building every site with the offline buildout of the first-deploy test; a second run
// changes nothing; then every site's chain (its generated supervisord, with Zope stand-ins)
// answers through its host's front (web1 nginx, web2 apache), which the playbook installed,
// tested and reloaded. Redirected by the playbook's own variables (group_vars/all.yml), so
// the machine is not touched: apt, user creation and systemd are off, units and the fronts'
// snippets go to folders, the fronts are the test's own servers (its main configs include
// the snippets as Debian's do), the bootstrap is the offline stand-in, and everything runs
// as the deploy user.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLONE } from '../../lib/catalog/plone-lines.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { SECRETS_FILE } from '../../lib/project/layout.js';
import { loadOrCreateSecrets } from '../../lib/project/secrets.js';
import { plonefactory } from '../support/cli.js';
import {
  DEPLOY_GROUP, DEPLOY_USER, freePortBase, giveToDeployUser, horseWheel, installableParts, killEverythingInside, offlineWorld, prepareWorld,
  resolveAsDeployed, run, servePinFiles, startSupervisord, waitAllRunning, writeZopeStandIns, type Deploy,
} from '../support/deploy.js';
import { writeHostMain } from '../support/host-front.js';
import { httpsGet, startServer, stopAllServers, waitForPort } from '../support/servers.js';
import { selfSignedPair } from '../support/tls.js';
import { requireTool, toolPath, type ToolName } from '../support/real-tools.js';

const git = (cwd: string, args: string[]): string =>
  execFileSync('git', ['-c', 'safe.directory=*', '-c', 'user.name=CI', '-c', 'user.email=ci@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });

const SITES = [
  { name: 'acme', host: 'web1', domain: 'acme.org' },
  { name: 'beta', host: 'web1', domain: 'beta.org', http: 'apache', cache: 'squid' },
  { name: 'gamma', host: 'web2', domain: 'gamma.org', cache: 'none', git: 'REMOTE' },
] as const;
const HOSTS = ['web1', 'web2'] as const;
const FRONT = { web1: 'nginx', web2: 'apache' } as const;
const BOOTSTRAP = join(PACKAGE_ROOT, 'dist', 'test', 'support', 'offline-bootstrap.js');

/** changed= and failed= of every host in a run's PLAY RECAP. */
function recap(output: string): Record<string, { changed: number; failed: number; unreachable: number }> {
  const out: Record<string, { changed: number; failed: number; unreachable: number }> = {};
  for (const m of output.matchAll(/^(\S+)\s+:\s+ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/gm)) {
    out[m[1]!] = { changed: Number(m[2]), unreachable: Number(m[3]), failed: Number(m[4]) };
  }
  return out;
}

describe('deployment with Ansible: the factory\'s playbook, run for real', function () {
  this.timeout(600_000);
  let d: Deploy | undefined;
  let factory = '';
  const hostRoot = (host: string): string => join(d!.root, 'hosts', host);
  const siteDir = (s: (typeof SITES)[number]): string => join(hostRoot(s.host), s.name);
  let playbookArgs: string[] = [];
  let first = '';
  let second = '';
  let answered = false;
  const fronts: Partial<Record<(typeof HOSTS)[number], { http: number; https: number; extra: number }>> = {};
  const mains: Partial<Record<(typeof HOSTS)[number], string>> = {};
  const cas: Record<string, string> = {};

  before(async function () {
    for (const tool of ['ansible-playbook', 'buildout', 'venv', 'pip', 'hatchling', 'git', 'systemd-analyze', 'nginx', 'apache2', 'varnishd', 'squid', 'haproxy'] as ToolName[]) requireTool(this, tool);
    const root = mkdtempSync(join(tmpdir(), 'pf-ansible-'));
    factory = join(root, 'factory');
    mkdirSync(factory);
    d = offlineWorld(root, factory);
    prepareWorld(d);
    servePinFiles(d, PLONE['6.2'].pinFiles);
    const remote = join(root, 'remotes', 'gamma.git');
    // Each site on its own free block (they all run on this machine), each host's front on
    // free loopback ports, each site with its own self-signed certificate.
    const bases: number[] = [];
    for (const [slot] of [...SITES, 'fronts'].entries()) {
      let base = await freePortBase(slot);
      while (bases.includes(base)) base = await freePortBase(slot + 7);
      bases.push(base);
    }
    const frontBase = bases[SITES.length]!;
    HOSTS.forEach((h, i) => (fronts[h] = { http: frontBase + 10 * i + 1, https: frontBase + 10 * i + 2, extra: frontBase + 10 * i + 3 }));
    const sites = SITES.map((s, i) => {
      const tls = selfSignedPair(join(root, 'tls', s.domain), s.domain);
      cas[s.name] = readFileSync(tls.certificate, 'utf8');
      return { ...s, ...('git' in s ? { git: `file://${remote}` } : {}), 'port-base': bases[i], certificate: tls.certificate, 'certificate-key': tls.key };
    });
    writeFileSync(join(factory, 'sites.json'), JSON.stringify({
      defaults: { plone: '6.2', profile: 'production' },
      hosts: Object.fromEntries(HOSTS.map((h) => [h, {
        address: '127.0.0.1', front: FRONT[h], bind: '127.0.0.1', 'http-port': fronts[h]!.http, 'https-port': fronts[h]!.https, 'acme-webroot': join(root, 'acme', h),
      }])),
      sites,
    }, null, 1));
    const r = plonefactory(factory, ['factory', 'sites.json']);
    assert.equal(r.status, 0, r.stderr);
    // gamma's project goes to its remote, as its user pushes it there.
    const work = join(root, 'gamma-work');
    cpSync(join(factory, 'gamma'), work, { recursive: true });
    git(work, ['init', '-q']);
    git(work, ['add', '-A']);
    git(work, ['commit', '-q', '-m', 'generated']);
    git(root, ['clone', '-q', '--bare', work, remote]);
    for (const host of HOSTS) mkdirSync(join(root, 'hosts', host, 'systemd'), { recursive: true });

    // The redirections: per host its root folder, connection and unit folder; for all, the
    // offline bootstrap and buildout arguments, and the steps that would change this machine off.
    // Each host's front: the snippets go to its own folder, which the test's main config
    // includes (sites-enabled, conf-enabled) as Debian's does; the playbook tests and reloads
    // the test's server, which runs as the deploy user like every step.
    const hosts = Object.fromEntries(HOSTS.map((h) => {
      const dir = join(hostRoot(h), 'front');
      const enabled = [join(dir, 'etc', 'conf-enabled', '*.conf'), join(dir, 'etc', 'sites-enabled', '*.conf')];
      mains[h] = writeHostMain(FRONT[h], dir, enabled, { listen: `127.0.0.1:${fronts[h]!.extra}`, root: false });
      const nginx = FRONT[h] === 'nginx';
      return [h, {
        ansible_connection: 'local', ansible_python_interpreter: '/usr/bin/python3',
        pf_root: hostRoot(h), pf_systemd_dir: join(hostRoot(h), 'systemd'),
        pf_front_dir: join(dir, 'etc'), pf_front_modules: false,
        pf_front_test_command: nginx ? ['/usr/sbin/nginx', '-t', '-q', '-c', mains[h], '-e', join(dir, 'log', 'check.log')] : ['/usr/sbin/apache2', '-t', '-f', mains[h]],
        pf_front_reload_command: nginx ? ['/usr/sbin/nginx', '-s', 'reload', '-c', mains[h], '-e', join(dir, 'log', 'check.log')] : ['/usr/sbin/apache2', '-k', 'graceful', '-f', mains[h]],
      }];
    }));
    writeFileSync(join(root, 'test-hosts.yml'), JSON.stringify({ plonefactory: { hosts } }));
    const commands = Object.fromEntries(SITES.map((s) => [s.name, ['install', ...installableParts(resolveAsDeployed({ ...d!, project: join(factory, s.name) }))]]));
    writeFileSync(join(root, 'test-vars.yml'), JSON.stringify({
      pf_apt: false, pf_manage_users: false, pf_systemd: false, pf_become: false, pf_user: DEPLOY_USER,
      pf_bootstrap_command: `${process.execPath} ${BOOTSTRAP} ${root}`,
      pf_buildout_args: d.buildoutArgs,
      pf_buildout_commands: commands,
      pf_environment: { PATH: d.env['PATH'], HOME: root, STANDIN_CRONTAB: d.crontabFile },
    }));
    giveToDeployUser(root);
    // The fronts run before the first run, as a host's system server does; the playbook reloads them.
    for (const h of HOSTS) await startServer(FRONT[h], mains[h]!, join(hostRoot(h), 'front'), { asUser: { user: DEPLOY_USER, group: DEPLOY_GROUP }, ...(FRONT[h] === 'apache' ? { listen: { host: '127.0.0.1', port: fronts[h]!.extra } } : {}) });
    // Built once for the three bootstraps (two of which run at once, one per host).
    const wheel = horseWheel(d);
    assert.equal(typeof wheel, 'string', typeof wheel === 'string' ? '' : wheel.output);
    playbookArgs = ['-i', 'deploy/inventory.yml', '-i', join(root, 'test-hosts.yml'), '-e', `@${join(root, 'test-vars.yml')}`, 'deploy/site.yml'];
    d = { ...d, env: { ...d.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0', ANSIBLE_LOCAL_TEMP: join(root, '.ansible-tmp'), ANSIBLE_REMOTE_TEMP: join(root, '.ansible-tmp') } };
  });

  after(async function () {
    await stopAllServers();
    if (!d) return;
    for (const s of SITES) await killEverythingInside({ ...d, project: siteDir(s) });
    rmSync(d.root, { recursive: true, force: true });
  });

  it('the generated playbook passes ansible-playbook --syntax-check', function () {
    const r = run(d!, toolPath('ansible-playbook'), ['--syntax-check', ...playbookArgs]);
    assert.equal(r.status, 0, r.output);
  });

  it('deploys three sites onto two hosts: each built by real bin/buildout, with secrets made on its host', function () {
    const r = run(d!, toolPath('ansible-playbook'), playbookArgs, 500_000);
    first = r.output;
    assert.equal(r.status, 0, r.output);
    const hosts = recap(r.output);
    assert.deepEqual(Object.keys(hosts).sort(), [...HOSTS]);
    for (const s of SITES) {
      const dir = siteDir(s);
      const installed = readFileSync(join(dir, '.installed.cfg'), 'utf8');
      for (const part of installableParts(resolveAsDeployed({ ...d!, project: dir }))) assert.match(installed, new RegExp(`^\\[${part}\\]$`, 'm'), `${s.name}: ${part} not installed`);
      const secrets = readFileSync(join(dir, SECRETS_FILE), 'utf8');
      assert.equal(statSync(join(dir, SECRETS_FILE)).mode & 0o777, 0o600);
      // Valid and whole as our own generator reads it (it would add nothing), and not the controller's.
      const { values, text } = loadOrCreateSecrets(secrets);
      assert.equal(text, secrets);
      assert.notEqual(values['admin-password'], loadOrCreateSecrets(readFileSync(join(factory, s.name, SECRETS_FILE), 'utf8')).values['admin-password']);
      const unit = join(hostRoot(s.host), 'systemd', `plonefactory-${s.name}.service`);
      const verify = run(d!, toolPath('systemd-analyze'), ['verify', unit]);
      assert.equal(verify.status, 0, verify.output);
    }
    assert.equal(git(siteDir(SITES[2]), ['rev-parse', 'HEAD']), git(join(d!.root, 'remotes', 'gamma.git'), ['rev-parse', 'HEAD']), 'gamma is a clone of its remote');
    assert.ok(!existsSync(join(siteDir(SITES[0]), 'deploy')), 'only the site\'s own folder is copied');
  });

  it('a second run changes nothing', function () {
    assert.ok(first, 'the first run ran');
    const secrets = SITES.map((s) => readFileSync(join(siteDir(s), SECRETS_FILE), 'utf8'));
    const r = run(d!, toolPath('ansible-playbook'), playbookArgs, 500_000);
    assert.equal(r.status, 0, r.output);
    const hosts = recap(r.output);
    for (const h of HOSTS) assert.deepEqual(hosts[h], { changed: 0, failed: 0, unreachable: 0 }, r.output);
    second = r.output;
    assert.deepEqual(SITES.map((s) => readFileSync(join(siteDir(s), SECRETS_FILE), 'utf8')), secrets, 'secrets kept');
  });

  it('after it, every site\'s chain answers through its host\'s front (installed, tested and reloaded by the playbook)', async function () {
    assert.ok(second, 'the second run ran');
    assert.match(first, /RUNNING HANDLER \[plonefactory_front : plonefactory front config test\][\s\S]*RUNNING HANDLER \[plonefactory_front : plonefactory front reload by command\]/, 'the config test runs before the reload');
    for (const s of SITES) {
      const site = { ...d!, project: siteDir(s) };
      const resolved = resolveAsDeployed(site);
      const ports = resolved.sections['ports']!;
      const clients = resolved.parts.filter((p) => /^instance(\d+|-debug)$/.test(p));
      writeZopeStandIns(site, clients.map((n) => ({ name: n, host: resolved.sections['hosts']![n]!, port: Number(ports[n]) })), resolved.parts.includes('zeoserver'));
      const start = startSupervisord(site);
      assert.equal(start.status, 0, start.output);
      const programs = ['programs', 'eventlisteners'].flatMap((k) => (resolved.sections['supervisor']![k] ?? '').split('\n').filter((l) => l.trim() !== ''));
      const status = await waitAllRunning(site, programs.length);
      assert.ok(status.every((p) => p.state === 'RUNNING'), status.map((p) => p.line).join('\n'));
    }
    for (const h of HOSTS) await waitForPort('127.0.0.1', fronts[h]!.https, 10_000);
    for (const s of SITES) {
      const https = fronts[s.host]!.https;
      const path = `/through/${s.name}`;
      // Each hop may take a moment after RUNNING to accept: retry briefly.
      let r = { status: 0, body: '' };
      for (let i = 0; i < 40 && r.status !== 200; i++) {
        r = await httpsGet('127.0.0.1', https, path, { ca: cas[s.name]!, servername: s.domain }).catch((e: Error) => ({ status: 0, body: e.message }));
        if (r.status !== 200) await new Promise((res) => setTimeout(res, 500));
      }
      assert.equal(r.status, 200, `${s.name} through ${FRONT[s.host]} on ${s.host}: ${r.body}`);
      assert.equal(r.body, `/VirtualHostBase/https/${s.domain}:${https}/Plone/VirtualHostRoot${path}`, `${s.name}'s own Zope stand-in, with its public URL`);
    }
    answered = true;
  });

  it('a site taken off its host in the manifest leaves that host\'s front: its snippet removed, the front tested and reloaded, the others served', async function () {
    assert.ok(answered, 'the chains answered');
    const manifest = JSON.parse(readFileSync(join(factory, 'sites.json'), 'utf8')) as { sites: Array<{ name: string }> };
    manifest.sites = manifest.sites.filter((s) => s.name !== 'beta');
    writeFileSync(join(factory, 'sites.json'), JSON.stringify(manifest, null, 1));
    const regenerated = plonefactory(factory, ['factory', 'sites.json']);
    assert.equal(regenerated.status, 0, regenerated.stderr);
    giveToDeployUser(join(factory, 'deploy'));
    const front = join(hostRoot('web1'), 'front', 'etc');
    const snippets = (): string[] => ['sites-available', 'sites-enabled'].flatMap((f) => readdirSync(join(front, f)).map((n) => `${f}/${n}`)).sort();
    assert.ok(snippets().includes('sites-enabled/plonefactory-beta.conf'), snippets().join(' '));
    const r = run(d!, toolPath('ansible-playbook'), [...playbookArgs, '--limit', 'web1'], 300_000);
    assert.equal(r.status, 0, r.output);
    assert.ok(recap(r.output)['web1']!.changed > 0, r.output);
    assert.deepEqual(snippets(), ['sites-available/plonefactory-acme.conf', 'sites-enabled/plonefactory-acme.conf']);
    assert.match(r.output, /RUNNING HANDLER \[plonefactory_front : plonefactory front config test\][\s\S]*RUNNING HANDLER \[plonefactory_front : plonefactory front reload by command\]/);
    // the reloaded front no longer knows beta.org, and still serves acme
    const https = fronts.web1!.https;
    const acme = await httpsGet('127.0.0.1', https, '/after', { ca: cas['acme']!, servername: 'acme.org' });
    assert.equal(acme.status, 200, acme.body);
    const beta = await httpsGet('127.0.0.1', https, '/after', { ca: cas['beta']!, servername: 'beta.org' }).catch((e: Error) => ({ status: 0, body: e.message }));
    assert.notEqual(beta.status, 200, 'web1 still serves beta.org');
  });
});
