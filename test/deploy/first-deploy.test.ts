// The first deploy, for real: for each Plone line whose Python exists here, generate a
// production project, install it with real bin/buildout (Debian's zc.buildout 2.13, the
// real recipes of ../shared/recipes, offline), run the generated bin/supervisord, and send a
// request through the whole chain. Zope and ZEO are stand-ins (see test/support/deploy.ts);
// every other part of the profile must install, unchanged from what the generator wrote.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { PLONE, type PloneLineName } from '../../lib/catalog/plone-lines.js';
import type { ComponentName } from '../../lib/catalog/stack.js';
import type { Resolved } from '../../lib/buildout/resolve.js';
import { plonefactory } from '../support/cli.js';
import {
  buildout, chownTree, createVenv, deployGid, deployUid, freePortBase, installableParts, installedState, killEverythingInside, newDeploy,
  NOT_INSTALLABLE_EGG_PARTS, NOT_INSTALLABLE_RECIPES, processesInside, processTree, processUids, programPid, resolveAsDeployed, run, servePinFiles,
  startSupervisord, supervisorStatus, waitAllRunning, writeZopeStandIns, type Deploy,
} from '../support/deploy.js';
import { requireTool, type ToolName } from '../support/real-tools.js';
import { AS_ROOT } from '../support/service-user.js';
import { httpGet, httpsGet } from '../support/servers.js';
import { selfSignedPair } from '../support/tls.js';
import { frontPorts } from '../../lib/project/ports.js';
import { verifyUnits } from '../support/systemd.js';

interface Case { plone: PloneLineName; http: ComponentName; cache: ComponentName; balancer: ComponentName }

// Every component at least once across the lines (4.3 needs Python 2.7: resolution tests only).
const CASES: Case[] = [
  { plone: '6.2', http: 'nginx', cache: 'varnish', balancer: 'haproxy' },
  { plone: '6.1', http: 'apache', cache: 'squid', balancer: 'pound' },
  { plone: '6.0', http: 'nginx', cache: 'squid', balancer: 'pound' },
  { plone: '5.2', http: 'apache', cache: 'varnish', balancer: 'haproxy' },
];
// PF_DEPLOY_ONLY=6.2 runs one line, while working on it.
const RUN = CASES.filter((c) => !process.env.PF_DEPLOY_ONLY || process.env.PF_DEPLOY_ONLY === c.plone);

const TOOL_OF: Record<ComponentName, ToolName> = {
  nginx: 'nginx', apache: 'apache2', varnish: 'varnishd', squid: 'squid', haproxy: 'haproxy', pound: 'pound',
};

function get(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host }, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} on :${port} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

for (const [slot, c] of RUN.entries()) {
  const stack = `${c.http} -> ${c.cache} -> ${c.balancer}`;
  describe(`first deploy: Plone ${c.plone}, production, ${stack}`, function () {
    this.timeout(300_000);
    let d: Deploy | undefined;
    let resolved: Resolved;
    let installable: string[] = [];
    let firstRun = '';
    let tls: { certificate: string; key: string } | undefined;

    before(async function () {
      for (const tool of ['buildout', 'recipes', 'venv', 'pip', 'hatchling', 'crontab', 'logrotate', 'openssl', ...[c.http, c.cache, c.balancer].map((x) => TOOL_OF[x])] as ToolName[]) requireTool(this, tool);
      const base = await freePortBase(slot);
      const name = `deploy${c.plone.replace('.', '')}`;
      d = newDeploy(name, (project) => {
        const r = plonefactory(project, [
          '--defaults', '--plone', c.plone, '--http', c.http, '--cache', c.cache, '--balancer', c.balancer,
          '--port-base', String(base), '--profile', 'production',
          // Non-privileged stand-ins for 80 and 443 (the options a user would pass the same way).
          '--public-http', String(frontPorts(base).http), '--public-https', String(frontPorts(base).https),
        ]);
        assert.equal(r.status, 0, r.stderr);
      });
      servePinFiles(d, PLONE[c.plone].pinFiles);
      resolved = resolveAsDeployed(d);
      installable = installableParts(resolved);
    });

    after(async function () {
      if (!d) return;
      await killEverythingInside(d);
      rmSync(d.root, { recursive: true, force: true });
    });

    it('installs every part but Zope/ZODB ones with real bin/buildout, from the unchanged generated files', function () {
      const skipped = resolved.parts.filter((p) => !installable.includes(p));
      // Exactly the parts whose recipes need Zope or ZODB, or whose eggs are not offline (listed by name), stay out.
      assert.deepEqual(
        skipped.every((p) => NOT_INSTALLABLE_EGG_PARTS[p] !== undefined || NOT_INSTALLABLE_RECIPES[resolved.sections[p]?.['recipe'] ?? ''] !== undefined),
        true,
        `skipped ${skipped.join(', ')}`,
      );
      const venv = createVenv(d!);
      assert.equal(venv.status, 0, venv.output);
      const r = buildout(d!, ['install', ...installable]);
      firstRun = r.output;
      assert.equal(r.status, 0, r.output);
      for (const part of installable) assert.match(r.output, new RegExp(`^Installing ${part.replace(/[.]/g, '\\.')}\\.$`, 'm'), `part ${part} not installed:\n${r.output}`);
      assert.doesNotMatch(r.output, /Picked:/, 'every version is pinned exactly');
    });

    it('a second run with -o changes nothing', function () {
      assert.ok(firstRun, 'the install ran');
      const before = installedState(d!);
      const r = buildout(d!, ['-o', 'install', ...installable]);
      assert.equal(r.status, 0, r.output);
      assert.doesNotMatch(r.output, /^(Installing|Uninstalling) /m, r.output);
      assert.deepEqual(installedState(d!), before);
    });

    it('writes a systemd unit for supervisord that the real systemd-analyze verify accepts (offline, nothing installed)', function () {
      requireTool(this, 'systemd-analyze');
      const unit = resolved.sections['supervisord-unit']!['output']!;
      const r = verifyUnits([unit]);
      assert.ok(r.ok, r.output);
      assert.match(readFileSync(unit, 'utf8'), new RegExp(`^ExecStart=${join(d!.project, 'bin', 'supervisord')} --nodaemon$`, 'm'));
    });

    it('writes cron entries that the real crontab accepts, into the stand-in only', function () {
      const cronParts = installable.filter((p) => resolved.sections[p]!['recipe'] === 'z3c.recipe.usercrontab');
      assert.ok(cronParts.length > 0, 'production has cron parts');
      const tab = readFileSync(d!.crontabFile, 'utf8');
      for (const p of cronParts) {
        const s = resolved.sections[p]!;
        const entry = tab.split('\n').find((l) => l.replace(/\s+/g, ' ') === `${s['times']} ${s['command']}`);
        assert.ok(entry, `${p}: no "${s['times']} ${s['command']}" in\n${tab}`);
      }
      const r = run(d!, '/usr/bin/crontab', ['-n', d!.crontabFile]);
      assert.equal(r.status, 0, r.output);
    });

    it('starts every program of the generated supervisord, and the chain answers with the VirtualHostMonster path', async function () {
      const ports = resolved.sections['ports']!;
      const hosts = resolved.sections['hosts']!;
      const clients = resolved.parts.filter((p) => /^instance(\d+|-debug)$/.test(p));
      writeZopeStandIns(d!, clients.map((n) => ({ name: n, host: hosts[n]!, port: Number(ports[n]) })), resolved.parts.includes('zeoserver'));
      // The certificate [front] names, made as a user would before certbot (README.md, TLS).
      tls = selfSignedPair(join(d!.project, 'var', 'tls'), resolved.sections['site']!['domain']!);
      if (AS_ROOT) chownTree(join(d!.project, 'var', 'tls'), deployUid(), deployGid());

      const start = startSupervisord(d!);
      assert.equal(start.status, 0, start.output);
      // Programs and event listeners (the watchdogs) alike must reach RUNNING.
      const lines = (key: string): string[] => (resolved.sections['supervisor']![key] ?? '').split('\n').filter((l) => l.trim() !== '');
      const programs = [...lines('programs'), ...lines('eventlisteners')];
      assert.ok(lines('eventlisteners').length > 0, 'the watchdogs are event listeners');
      const status = await waitAllRunning(d!, programs.length);
      const logs = (): string => status.filter((p) => p.state !== 'RUNNING').map((p) => {
        const out = run(d!, 'bin/supervisorctl', ['tail', p.name, 'stderr']).output + run(d!, 'bin/supervisorctl', ['tail', p.name]).output;
        return `--- ${p.line}\n${out}`;
      }).join('\n');
      assert.deepEqual(status.map((p) => p.state), programs.map(() => 'RUNNING'), `${status.map((p) => p.line).join('\n')}\n${logs()}`);
      for (const comp of [c.http, c.cache, c.balancer]) {
        assert.ok(status.some((p) => p.name === comp), `${comp} is a supervisor program`);
      }

      const domain = resolved.sections['site']!['domain']!;
      const httpPort = Number(ports['http']);
      // Each hop may take a moment after RUNNING to accept: retry briefly.
      let res = { status: 0, body: '' };
      for (let i = 0; i < 40 && res.status !== 200; i++) {
        res = await get(httpPort, '/deploy/check', domain).catch(() => ({ status: 0, body: '' }));
        if (res.status !== 200) await new Promise((r) => setTimeout(r, 500));
      }
      assert.equal(res.status, 200, res.body);
      // Zope is told the public front: https and the public https port, whichever port a request used.
      const front = resolved.sections['front']!;
      const vhm = (path: string): string => `/VirtualHostBase/https/${domain}:${front['https-port']}/${resolved.sections['site']!['id']}/VirtualHostRoot${path}`;
      assert.equal(res.body, vhm('/deploy/check'));

      const secure = await httpsGet('127.0.0.1', Number(front['https-port']), '/deploy/secure', { ca: readFileSync(tls!.certificate, 'utf8'), servername: domain });
      assert.equal(secure.status, 200, secure.body);
      assert.equal(secure.body, vhm('/deploy/secure'));
      const redirect = await httpGet('127.0.0.1', Number(front['http-port']), '/deploy/plain', { Host: domain });
      assert.equal(redirect.status, 301);
      assert.equal(redirect.headers.location, `https://${domain}:${front['https-port']}/deploy/plain`);
    });

    it(`runs every program as the project's user${AS_ROOT ? ', under a supervisord started as root' : ''}`, function () {
      const uid = deployUid();
      // Started as root (when the tests are), supervisord itself has become the user too.
      const supervisord = Number(readFileSync(join(d!.project, 'var', 'supervisord.pid'), 'utf8').trim());
      assert.deepEqual(processUids(supervisord), [uid, uid, uid, uid], 'supervisord');
      const programs = supervisorStatus(d!).map((p) => p.name);
      assert.ok(programs.length > 0);
      for (const name of programs) {
        for (const pid of processTree(programPid(d!, name))) {
          assert.deepEqual(processUids(pid), [uid, uid, uid, uid], `${name} (pid ${pid}): real, effective, saved and fs uid`);
        }
      }
    });

    it('rotates every log file the running servers wrote, as the real logrotate does it, and the servers write on', async function () {
      const ports = resolved.sections['ports']!;
      const domain = resolved.sections['site']!['domain']!;
      const conf = resolved.sections['logrotate-conf']!['output']!;
      // A state file in the deploy's folder: the machine's own logrotate state is never read or written.
      const state = join(d!.root, 'logrotate.state');
      const debug = run(d!, '/usr/sbin/logrotate', ['-d', '--state', state, conf]);
      assert.equal(debug.status, 0, debug.output);
      assert.doesNotMatch(debug.output, /^error:/m, debug.output);
      const considered = new Set([...debug.output.matchAll(/^considering log (\S+)$/gm)].map((m) => m[1]));
      // Every log a server wrote, except supervisor's program logs, which supervisord rotates by size.
      const written = readdirSync(join(d!.project, 'var', 'log')).filter((f) => f.endsWith('.log') && !/-supervisor-/.test(f));
      assert.ok(written.includes(`${c.http}-access.log`), `${c.http} wrote its access log: ${written.join(', ')}`);
      for (const f of written) assert.ok(considered.has(join(d!.project, 'var', 'log', f)), `${f} is not in ${conf}:\n${debug.output}`);

      const forced = run(d!, '/usr/sbin/logrotate', ['-f', '--state', state, conf]);
      assert.equal(forced.status, 0, forced.output);
      const access = join(d!.project, 'var', 'log', `${c.http}-access.log`);
      assert.ok(existsSync(`${access}.1`), `${access} was rotated`);
      // The http server reopens its log on the signal. Apache's graceful restart lets old children
      // finish, so a request in that window still lands in the old file: ask until one lands in the
      // new file, then every later request must land there and the old file must stop growing.
      const landed = (path: string): boolean => existsSync(access) && readFileSync(access, 'utf8').includes(path);
      let res = { status: 0, body: '' };
      let attempt = 0;
      for (; attempt < 40 && !(res.status === 200 && landed(`/after/rotation/${attempt}`)); ) {
        attempt++;
        res = await get(Number(ports['http']), `/after/rotation/${attempt}`, domain).catch(() => ({ status: 0, body: '' }));
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(res.status, 200, 'the chain answers after the rotation');
      assert.ok(landed(`/after/rotation/${attempt}`), `${c.http} never wrote to a new ${access}`);
      const oldLog = readFileSync(`${access}.1`, 'utf8');
      const next = await get(Number(ports['http']), '/after/rotation/next', domain);
      assert.equal(next.status, 200);
      await new Promise((r) => setTimeout(r, 250));
      assert.ok(landed('/after/rotation/next'), 'a later request lands in the new file');
      assert.equal(readFileSync(`${access}.1`, 'utf8'), oldLog, 'the rotated file no longer grows');
      // supervisord handles signals in its main loop (about once a second): it logs the request
      // to the old file, then opens the new one.
      const supervisordLog = join(d!.project, 'var', 'log', 'supervisord.log');
      for (let i = 0; i < 20 && !existsSync(supervisordLog); i++) await new Promise((r) => setTimeout(r, 250));
      assert.ok(existsSync(supervisordLog), 'supervisord reopened its log');
      assert.match(readFileSync(`${supervisordLog}.1`, 'utf8'), /received SIGUSR2 indicating log reopen/);
    });

    it('bin/supervisorctl shutdown stops all of it', async function () {
      const r = run(d!, 'bin/supervisorctl', ['shutdown']);
      assert.equal(r.status, 0, r.output);
      let left = processesInside(d!);
      for (let i = 0; i < 30 && left.length; i++) {
        await new Promise((res) => setTimeout(res, 500));
        left = processesInside(d!);
      }
      assert.deepEqual(left, []);
      assert.equal(supervisorStatus(d!).filter((p) => p.state === 'RUNNING').length, 0);
    });
  });
}
