// The factory's deployment, run for real: Debian's ansible-playbook checks the generated
// playbook, then deploys a three-site, two-host manifest onto this machine
// (ansible_connection=local, each host a folder of its own in the test's temporary folder),
// building every site with the offline buildout of the first-deploy test; a second run
// changes nothing. Redirected by the playbook's own variables (group_vars/all.yml), so the
// machine is not touched: apt, user creation and systemd are off, units go to a folder,
// the bootstrap is the offline stand-in, and everything runs as the deploy user.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLONE } from '../../lib/catalog/plone-lines.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { SECRETS_FILE } from '../../lib/project/layout.js';
import { loadOrCreateSecrets } from '../../lib/project/secrets.js';
import { plonefactory } from '../support/cli.js';
import {
  DEPLOY_USER, giveToDeployUser, horseWheel, installableParts, killEverythingInside, offlineWorld, prepareWorld, resolveAsDeployed,
  run, servePinFiles, type Deploy,
} from '../support/deploy.js';
import { requireTool, toolPath, type ToolName } from '../support/real-tools.js';

const git = (cwd: string, args: string[]): string =>
  execFileSync('git', ['-c', 'safe.directory=*', '-c', 'user.name=CI', '-c', 'user.email=ci@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });

const SITES = [
  { name: 'acme', host: 'web1', domain: 'acme.org' },
  { name: 'beta', host: 'web1', domain: 'beta.org', http: 'apache', cache: 'squid' },
  { name: 'gamma', host: 'web2', domain: 'gamma.org', cache: 'none', git: 'REMOTE' },
] as const;
const HOSTS = ['web1', 'web2'] as const;
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

  before(function () {
    for (const tool of ['ansible-playbook', 'buildout', 'venv', 'pip', 'hatchling', 'git', 'systemd-analyze', 'nginx', 'apache2', 'varnishd', 'squid', 'haproxy'] as ToolName[]) requireTool(this, tool);
    const root = mkdtempSync(join(tmpdir(), 'pf-ansible-'));
    factory = join(root, 'factory');
    mkdirSync(factory);
    d = offlineWorld(root, factory);
    prepareWorld(d);
    servePinFiles(d, PLONE['6.2'].pinFiles);
    const remote = join(root, 'remotes', 'gamma.git');
    const sites = SITES.map((s) => ('git' in s ? { ...s, git: `file://${remote}` } : s));
    writeFileSync(join(factory, 'sites.json'), JSON.stringify({
      defaults: { plone: '6.2', profile: 'production' },
      hosts: { web1: { address: '127.0.0.1' }, web2: { address: '127.0.0.1' } },
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
    const hosts = Object.fromEntries(HOSTS.map((h) => [h, {
      ansible_connection: 'local', ansible_python_interpreter: '/usr/bin/python3',
      pf_root: hostRoot(h), pf_systemd_dir: join(hostRoot(h), 'systemd'),
    }]));
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
    // Built once for the three bootstraps (two of which run at once, one per host).
    const wheel = horseWheel(d);
    assert.equal(typeof wheel, 'string', typeof wheel === 'string' ? '' : wheel.output);
    playbookArgs = ['-i', 'deploy/inventory.yml', '-i', join(root, 'test-hosts.yml'), '-e', `@${join(root, 'test-vars.yml')}`, 'deploy/site.yml'];
    d = { ...d, env: { ...d.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0', ANSIBLE_LOCAL_TEMP: join(root, '.ansible-tmp'), ANSIBLE_REMOTE_TEMP: join(root, '.ansible-tmp') } };
  });

  after(async function () {
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
    assert.deepEqual(SITES.map((s) => readFileSync(join(siteDir(s), SECRETS_FILE), 'utf8')), secrets, 'secrets kept');
  });
});
