// The long-running processes of a server profile, each once: supervisor's `programs` lines
// and systemd's units are both written from these.
import { COMPONENTS, type ComponentName } from '../catalog/stack.js';
import type { Program } from '../catalog/process.js';
import type { Answers } from './answers.js';
import { chosenComponents } from './layout.js';

/** The Zope client outside the balancer (its port: [ports] instance-debug). */
export const DEBUG_CLIENT = 'instance-debug';

/** Start order (supervisor priorities): storage, then clients, then servers from the back. */
const PRIORITY = { zeoserver: 10, clients: 20, balancer: 40, cache: 50, http: 60 } as const;

/** The arguments that run a server in the foreground with its rendered config. */
function componentArgs(name: ComponentName): string {
  return COMPONENTS[name].foregroundArgs.replace('$CONF', `\${${name}-conf:output}`).replace('$BUILDOUT', '${buildout:directory}');
}

export function projectPrograms(a: Answers, clients: readonly string[]): Record<string, Program> {
  const out: Record<string, Program> = {};
  if (a.storage === 'zeo') {
    out['zeoserver'] = { priority: PRIORITY.zeoserver, name: 'zeoserver', command: '${buildout:bin-directory}/zeoserver', args: 'fg', role: 'storage' };
  }
  // The debug client: a client like the others, on its own port, which no balancer sends to.
  out[DEBUG_CLIENT] = { priority: PRIORITY.clients + 9, name: DEBUG_CLIENT, command: `\${buildout:bin-directory}/${DEBUG_CLIENT}`, args: 'console', directory: `\${buildout:parts-directory}/${DEBUG_CLIENT}`, role: 'client' };
  clients.forEach((c, i) => {
    out[c] = { priority: PRIORITY.clients + i, name: c, command: `\${buildout:bin-directory}/${c}`, args: 'console', directory: `\${buildout:parts-directory}/${c}`, role: 'client' };
  });
  for (const name of chosenComponents(a)) {
    const c = COMPONENTS[name];
    out[name] = { priority: PRIORITY[c.level], name, command: c.binary, args: componentArgs(name), role: c.level };
  }
  return out;
}
