// The logs of a server profile (preproduction, production), gathered from the logs catalog
// for the project's stack, clients and storage: what templates/logrotate.conf.in lists.
import { SERVER_LOGS, SUPERVISORD_LOG, SUPERVISORD_ROTATION, ZEO_LOG, ZEO_ROTATION, ZOPE_ROTATION, zopeLogs, type LogSet } from '../catalog/logs.js';
import type { Answers } from './answers.js';
import { chosenComponents } from './layout.js';
import { DEBUG_CLIENT } from './programs.js';

export function serverLogs(a: Answers, clients: readonly string[]): LogSet[] {
  const sets: LogSet[] = a.process === 'supervisor' ? [{ writer: 'supervisord', files: [SUPERVISORD_LOG], rotation: SUPERVISORD_ROTATION }] : [];
  for (const c of chosenComponents(a)) {
    const set = SERVER_LOGS[c];
    if (set) sets.push(set);
  }
  if (a.storage === 'zeo') sets.push({ writer: 'ZEO server', files: [ZEO_LOG], rotation: ZEO_ROTATION });
  const zope = [...clients, DEBUG_CLIENT];
  sets.push({ writer: `Zope clients (${zope.join(', ')})`, files: zope.flatMap(zopeLogs), rotation: ZOPE_ROTATION });
  return sets;
}

/** The chosen servers that write no log file of their own: they log to stderr (supervisor's program logs). */
export const stderrServers = (a: Answers): string[] => chosenComponents(a).filter((c) => SERVER_LOGS[c] === undefined);

/** A catalog path as the template writes it: buildout fills in the directory. */
export const inBuildout = (text: string): string => text.replaceAll('$BUILDOUT', '${buildout:directory}');
