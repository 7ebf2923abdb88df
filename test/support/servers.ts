// Driving the real stack servers in tests: render a hop's template the way the generated
// buildout does (EJS, then collective.recipe.template), check it with the server's own
// checker, run it in the foreground like supervisor would, and stand in for Zope clients
// with tiny HTTP stubs. Everything listens on 127.0.0.1 and lives under a temp workDir.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ejs from 'ejs';
import { COMPONENTS, type ComponentName } from '../../lib/catalog/stack.js';
import type { Hop } from '../../lib/stack/chain.js';
import { SERVICE_GROUP, SERVICE_USER } from './service-user.js';
import { derivePorts, frontPorts } from '../../lib/project/ports.js';
import { selfSignedPair } from './tls.js';
import { renderRecipeTemplate } from '../../lib/stack/render-template.js';
import { stackTemplateContext } from '../../lib/stack/template-context.js';
import type { ToolName } from './real-tools.js';
import { portBlocks } from './port-blocks.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The package root, from src (test/support) or dist (dist/test/support). */
export const PACKAGE_ROOT = here.includes(`${path.sep}dist${path.sep}`)
  ? path.resolve(here, '../../..')
  : path.resolve(here, '../..');
export const STACK_TEMPLATES = path.join(PACKAGE_ROOT, 'templates', 'stack');

/** The real-tools gate name of each component's binary. */
export const TOOL_OF: Record<ComponentName, ToolName> = {
  nginx: 'nginx',
  apache: 'apache2',
  varnish: 'varnishd',
  squid: 'squid',
  haproxy: 'haproxy',
  pound: 'pound',
};

export function templateFile(component: ComponentName): string {
  return path.join(STACK_TEMPLATES, `${COMPONENTS[component].config}.in.ejs`);
}

export type Sections = Record<string, Record<string, string>>;

/** The buildout sections a generated project gives the stack templates. */
export function stackSections(opts: { base: number; clients: number; workDir: string; host?: string; siteId?: string; domain?: string }): Sections {
  const host = opts.host ?? '127.0.0.1';
  const ports: Record<string, string> = {};
  const hosts: Record<string, string> = {};
  for (const [name, port] of derivePorts(opts.base, opts.clients)) {
    ports[name] = String(port);
    hosts[name] = host;
  }
  return {
    buildout: { directory: opts.workDir },
    hosts,
    ports,
    site: { id: opts.siteId ?? 'Plone', domain: opts.domain ?? 'example.com' },
    users: { os: SERVICE_USER, group: SERVICE_GROUP },
    // The public front on loopback test ports, with prepareWorkDir's self-signed pair.
    front: {
      bind: host,
      'http-port': String(frontPorts(opts.base).http),
      'https-port': String(frontPorts(opts.base).https),
      certificate: path.join(opts.workDir, 'var', 'tls', 'fullchain.pem'),
      'certificate-key': path.join(opts.workDir, 'var', 'tls', 'privkey.pem'),
      'acme-webroot': path.join(opts.workDir, 'var', 'acme'),
    },
  };
}

/** EJS with the generator's context, then collective.recipe.template for part `part`. */
export function renderHop(hop: Hop, chain: Hop[], sections: Sections, part = hop.component.name): string {
  const source = readFileSync(templateFile(hop.component.name), 'utf8');
  const recipeInput = ejs.render(source, stackTemplateContext(hop, chain), { filename: templateFile(hop.component.name), escape: (v: unknown) => String(v) });
  return renderRecipeTemplate(recipeInput, sections, part);
}

/** The var/ directories the templates expect (a generated buildout creates them). */
export function prepareWorkDir(workDir: string): void {
  for (const d of ['etc', 'var/log', 'var/run', 'var/tmp', 'var/cache/squid', 'var/acme']) mkdirSync(path.join(workDir, d), { recursive: true });
  // What [front] certificate and certificate-key name: a self-signed pair, made here.
  selfSignedPair(path.join(workDir, 'var', 'tls'), 'example.com');
  // Run as root (CI containers), squid and varnish drop privileges to their Debian users
  // (proxy, varnish/vcache) and nginx workers to nobody: let them reach and write var/.
  if (process.getuid?.() === 0) {
    chmodSync(workDir, 0o755);
    for (const d of ['var', 'var/log', 'var/run', 'var/tmp', 'var/cache', 'var/cache/squid']) chmodSync(path.join(workDir, d), 0o1777);
  }
}

export function writeRendered(workDir: string, component: ComponentName, text: string, suffix = ''): string {
  const file = path.join(workDir, 'etc', `${COMPONENTS[component].config}${suffix}`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, { mode: 0o644 });
  return file;
}

export interface CheckResult {
  ok: boolean;
  command: string;
  output: string;
}

function run(cmd: string, args: string[], timeoutMs = 30_000): CheckResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C' } });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`;
  return { ok: r.status === 0 && !r.error, command: [cmd, ...args].join(' '), output };
}

/**
 * Check a rendered config with the server's own checker. Every checker is pointed at
 * workDir so nothing touches root-owned paths.
 */
export function checkConfig(component: ComponentName, renderedConfigPath: string, workDir: string): CheckResult {
  const bin = COMPONENTS[component].binary;
  switch (component) {
    case 'nginx':
      // -q: only problems are printed; a [warn] counts as a failure too.
      return failOn(/\[(warn|emerg|alert|crit|error)\]/, run(bin, ['-t', '-q', '-c', renderedConfigPath, '-p', `${workDir}/`, '-e', path.join(workDir, 'var/log/nginx-check.log')]));
    case 'apache':
      // A clean root config: no env vars, no Debian includes, and no warnings.
      return failOn(/:(warn|error|crit|emerg)\]|AH\d+:/, run(bin, ['-t', '-f', renderedConfigPath]));
    case 'varnish': {
      const r = run(bin, ['-C', '-f', renderedConfigPath, '-n', path.join(workDir, 'var/varnish-check')]);
      // -C prints the generated C source on success: keep only the diagnostics.
      return { ...r, output: r.ok ? '' : r.output };
    }
    case 'squid':
      return squidParse(bin, renderedConfigPath);
    case 'haproxy':
      // -dW: zero-warning mode, a warning fails the check.
      return run(bin, ['-c', '-dW', '-f', renderedConfigPath]);
    case 'pound':
      // -c parses the whole config (and resolves every Address) without starting; pound
      // prints warnings but still exits 0 on them, so a warning fails the check too.
      return failOn(/warning/i, run(bin, ['-c', '-f', renderedConfigPath]));
  }
}

function failOn(pattern: RegExp, r: CheckResult): CheckResult {
  const bad = r.output.split('\n').filter((l) => pattern.test(l));
  return bad.length ? { ...r, ok: false, output: `${bad.join('\n')}\n---\n${r.output}` } : r;
}

function squidParse(bin: string, file: string): CheckResult {
  // `squid -k parse` exits 0 on some problems that stop a real start; treat its ERROR,
  // FATAL and WARNING lines as failures too.
  return failOn(/\b(ERROR|FATAL|WARNING)\b/, run(bin, ['-k', 'parse', '-f', file]));
}

// ---------------------------------------------------------------- running servers

export interface RunningServer {
  component: ComponentName;
  child: ChildProcess;
  command: string;
  /** Everything the process wrote to stdout/stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Where the server listens; startServer waits until it accepts connections. Varnish needs it for -a. */
  listen?: { host: string; port: number };
  timeoutMs?: number;
  /** Run as this user (through setpriv) when the tests run as root, as a host's service would. */
  asUser?: { user: string; group: string };
}

const running = new Set<RunningServer>();
// Servers run in their own process groups: if the test process goes away before its hooks
// ran (a crash, process.exit), take them down with it.
process.once('exit', () => {
  for (const s of running) {
    if (s.child.pid !== undefined) {
      try { process.kill(-s.child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  }
});

/** The catalog's foreground arguments, as supervisor would run them. */
export function foregroundArgs(component: ComponentName, configPath: string, workDir: string, listen?: { host: string; port: number }): string[] {
  const spec = COMPONENTS[component].foregroundArgs;
  if (spec.includes('${') && !listen) throw new Error(`${component} needs the listen address to start`);
  return spec
    .replaceAll('$CONF', configPath)
    .replaceAll('$BUILDOUT', workDir)
    .replace(/\$\{hosts:[a-z0-9]+\}/g, listen?.host ?? '')
    .replace(/\$\{ports:[a-z0-9]+\}/g, String(listen?.port ?? ''))
    .split(/\s+/)
    .filter(Boolean);
}

export async function startServer(component: ComponentName, renderedConfigPath: string, workDir: string, opts: StartOptions = {}): Promise<RunningServer> {
  const bin = COMPONENTS[component].binary;
  const args = foregroundArgs(component, renderedConfigPath, workDir, opts.listen);
  // detached: own process group, so stop() can also reach helpers (squid's url_rewrite
  // children, varnish's cache process, apache's workers, pound's worker) if the parent dies badly.
  const [file, argv] = opts.asUser && process.getuid?.() === 0
    ? ['setpriv', [`--reuid=${opts.asUser.user}`, `--regid=${opts.asUser.group}`, '--clear-groups', '--', bin, ...args]]
    : [bin, args];
  const child = spawn(file, argv, { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C' } });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-20_000); });
  child.stderr?.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-20_000); });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const server: RunningServer = {
    component,
    child,
    command: [bin, ...args].join(' '),
    output: () => out,
    stop: async () => {
      running.delete(server);
      await killGroup(child, exited);
    },
  };
  running.add(server);
  if (opts.listen) {
    try {
      await waitForPort(opts.listen.host, opts.listen.port, opts.timeoutMs ?? 15_000, () => (child.exitCode !== null || child.signalCode !== null ? `${component} exited (${child.exitCode ?? child.signalCode}):\n${out}` : null));
    } catch (e) {
      await server.stop();
      throw e;
    }
  }
  return server;
}

async function killGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const signal = (sig: NodeJS.Signals) => {
    try { process.kill(-pid, sig); } catch { /* group already gone */ }
  };
  if (child.exitCode === null && child.signalCode === null) {
    signal('SIGTERM');
    const done = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!done) {
      signal('SIGKILL');
      await Promise.race([exited, sleep(2_000)]);
    }
  }
  // Leftover helpers in the group (the leader is gone): no mercy.
  signal('SIGKILL');
}

export async function stopServer(server: RunningServer): Promise<void> {
  await server.stop();
}

/** Stop every server started by startServer that is still running (for after/afterEach hooks). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (ok: boolean) => { sock.destroy(); resolve(ok); };
    sock.setTimeout(500, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

export async function waitForPort(host: string, port: number, timeoutMs: number, failed: () => string | null = () => null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const why = failed();
    if (why) throw new Error(why);
    if (await canConnect(host, port)) return;
    await sleep(100);
  }
  throw new Error(`nothing listening on ${host}:${port} after ${timeoutMs} ms${failed() ? `: ${failed()}` : ''}`);
}

/** True when nothing listens on any of the ports (and they can be bound). */
export async function portsFree(host: string, ports: number[]): Promise<boolean> {
  for (const port of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, host, () => srv.close(() => resolve(true)));
    });
    if (!free) return false;
  }
  return true;
}

/** A base port (a block outside the kernel's ephemeral ports, port-blocks.ts) whose derived ports are all free. */
export async function pickFreeBase(clients: number, host = '127.0.0.1', avoid: number[] = []): Promise<number> {
  const blocks = portBlocks();
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = blocks[Math.floor(Math.random() * blocks.length)] as number;
    if (avoid.includes(base)) continue;
    const front = frontPorts(base);
    if (await portsFree(host, [...derivePorts(base, clients).map(([, p]) => p), front.http, front.https])) return base;
  }
  throw new Error('no free port range found');
}

// ---------------------------------------------------------------- stub Zope clients

export interface StubRequest { method: string; url: string; host: string | undefined; headers: http.IncomingHttpHeaders }

export interface StubBackend {
  name: string;
  host: string;
  port: number;
  requests: StubRequest[];
  /** Requests other than health checks (probes ask for plain `/`). */
  vhmRequests(): StubRequest[];
  close(): Promise<void>;
}

/** A stand-in for a Zope client: records each request and answers with its own name. */
export async function startStubBackend(name: string, port: number, host = '127.0.0.1'): Promise<StubBackend> {
  const requests: StubRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host, headers: req.headers });
    req.resume();
    req.on('end', () => {
      const body = `${name}\n`;
      // Paths containing /cacheable may be cached for a minute; everything else says nothing.
      const caching: Record<string, string> = (req.url ?? '').includes('/cacheable') ? { 'Cache-Control': 'public, max-age=60' } : {};
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body), 'X-Stub': name, ...caching });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  server.keepAliveTimeout = 2_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  let closed = false;
  return {
    name,
    host,
    port,
    requests,
    vhmRequests: () => requests.filter((r) => r.url.startsWith('/VirtualHostBase/')),
    close: async () => {
      if (closed) return;
      closed = true;
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      // Proxies keep connections alive: drop them, or the "stopped" client keeps answering.
      server.closeAllConnections();
      await Promise.race([done, sleep(2_000)]);
    },
  };
}

// ---------------------------------------------------------------- client side

export interface Reply { status: number; body: string; headers: http.IncomingHttpHeaders }

/** One HTTP GET with a hard timeout; a fresh connection each time (no agent reuse). */
export function httpGet(host: string, port: number, pathAndQuery: string, headers: Record<string, string> = {}, timeoutMs = 5_000): Promise<Reply> {
  return httpRequest('GET', host, port, pathAndQuery, headers, timeoutMs);
}

/** One HTTPS GET that verifies the server's certificate against `ca` for `servername`. */
export function httpsGet(host: string, port: number, pathAndQuery: string, tls: { ca: string; servername: string }, timeoutMs = 5_000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host, port, path: pathAndQuery, headers: { Host: tls.servername }, ca: tls.ca, servername: tls.servername, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET https://${host}:${port}${pathAndQuery} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

export function httpRequest(method: string, host: string, port: number, pathAndQuery: string, headers: Record<string, string> = {}, timeoutMs = 5_000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, path: pathAndQuery, method, headers, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${pathAndQuery} on ${host}:${port} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

// ---------------------------------------------------------------- a whole chain

export interface RunningStack {
  workDir: string;
  base: number;
  ports: Record<string, number>;
  chain: Hop[];
  /** Where the public requests go: the front hop's listen address. */
  front: { host: string; port: number };
  /** The http level's public front ([front] of the sections), when the http level is the front hop. */
  publicFront: { httpPort: number; httpsPort: number; ca: string; acmeWebroot: string } | null;
  stubs: StubBackend[];
  servers: RunningServer[];
  /** Rendered config per component, for failure messages. */
  configs: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Render, check and start a whole chain in front of `clients` stub backends standing in for
 * instance1..N, on 127.0.0.1 from a free base port. Starts from the back (stubs, last hop)
 * so every hop finds its next one listening; on any failure everything started is stopped.
 */
export async function startStack(stack: import('../../lib/stack/chain.js').StackChoices, opts: { clients: number; workDir: string; avoidBases?: number[] }): Promise<RunningStack> {
  const { buildChain } = await import('../../lib/stack/chain.js');
  const host = '127.0.0.1';
  const chain = buildChain(stack, opts.clients);
  if (!chain.length) throw new Error('empty stack');
  const base = await pickFreeBase(opts.clients, host, opts.avoidBases);
  const ports = Object.fromEntries(derivePorts(base, opts.clients)) as Record<string, number>;
  prepareWorkDir(opts.workDir);
  const sections = stackSections({ base, clients: opts.clients, workDir: opts.workDir, host });
  const stubs: StubBackend[] = [];
  const servers: RunningServer[] = [];
  const configs: Record<string, string> = {};
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(stubs.map((s) => s.close()));
  };
  try {
    for (let i = 1; i <= opts.clients; i++) stubs.push(await startStubBackend(`instance${i}`, ports[`instance${i}`]!, host));
    for (const hop of [...chain].reverse()) {
      const name = hop.component.name as ComponentName;
      const text = renderHop(hop, chain, sections);
      configs[name] = text;
      const file = writeRendered(opts.workDir, name, text);
      const check = checkConfig(name, file, opts.workDir);
      if (!check.ok) throw new Error(`${name} config rejected:\n$ ${check.command}\n${check.output}`);
      servers.push(await startServer(name, file, opts.workDir, { listen: { host, port: ports[hop.listen.name]! } }));
    }
  } catch (e) {
    await stop();
    throw e;
  }
  const f = sections['front']!;
  const publicFront = chain[0]!.component.level === 'http'
    ? { httpPort: Number(f['http-port']), httpsPort: Number(f['https-port']), ca: readFileSync(f['certificate']!, 'utf8'), acmeWebroot: f['acme-webroot']! }
    : null;
  return { workDir: opts.workDir, base, ports, chain, front: { host, port: ports[chain[0]!.listen.name]! }, publicFront, stubs, servers, configs, stop };
}
