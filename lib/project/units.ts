// The systemd units a server profile gets: one for supervisord (--process supervisor), or
// one per process and the project's target (--process systemd). Each is a template under
// templates/systemd/ and a collective.recipe.template part rendering it into etc/systemd/.
import type { Program } from '../catalog/process.js';
import {
  BIND_LOW_PORTS, healthName, healthService, healthTimer, programUnit, projectTarget, restartTemplate, restartTemplateName, supervisordUnit,
  targetName, UNIT_OUTPUT, UNIT_TEMPLATES, unitName, type UnitExtras,
} from '../catalog/systemd.js';
import { HEALTH_CALENDAR, HEALTHCHECK, HTTPOK_TIMEOUT, systemdSize } from '../catalog/watchdogs.js';
import type { Answers } from './answers.js';

export interface PlannedUnit {
  /** The buildout part that renders it. */
  part: string;
  /** Its template, relative to the project. */
  input: string;
  /** The rendered unit (a buildout reference). */
  output: string;
  content: string;
}

/** The template's name leaves the project's name out (a project's files are named alike whatever its name); the unit has it. */
const planned = (part: string, template: string, unit: string, content: string): PlannedUnit => ({
  part,
  input: `${UNIT_TEMPLATES}/${template}.in`,
  output: `${UNIT_OUTPUT}/${unit}`,
  content,
});

function extrasOf(a: Answers, p: Program): UnitExtras {
  if (p.role === 'http') return { service: [BIND_LOW_PORTS] };
  if (p.role === 'client') {
    // The watchdog: past the limit the kernel kills the client, and Restart=on-failure starts it again.
    const service = [`MemoryMax=${systemdSize(a.clientMemory)}`];
    return a.storage === 'zeo' ? { service, after: [unitName(a.name, 'zeoserver')] } : { service };
  }
  return {};
}

/**
 * The health checks (httpok's counterpart): a service and its timer per client the balancer
 * serves, and the one restart unit. The debug client has none, as under supervisor: it may
 * sit in a debugger on purpose.
 */
function healthUnits(a: Answers, clients: readonly string[]): PlannedUnit[] {
  const checks = clients.flatMap((c) => [
    planned(`${c}-health-unit`, `${c}-health.service`, healthName(a.name, c, 'service'),
      healthService(a.name, c, `${HEALTHCHECK.output} \${hosts:${c}} \${ports:${c}} ${HTTPOK_TIMEOUT}`, HTTPOK_TIMEOUT)),
    planned(`${c}-health-timer-unit`, `${c}-health.timer`, healthName(a.name, c, 'timer'), healthTimer(a.name, c, HEALTH_CALENDAR)),
  ]);
  return [...checks, planned('restart-unit', 'restart@.service', restartTemplateName(a.name), restartTemplate(a.name))];
}

/** --process systemd: a unit per program, the health checks, then the target that wants them all. */
export function programUnits(a: Answers, programs: Record<string, Program>, clients: readonly string[]): PlannedUnit[] {
  const list = Object.values(programs).sort((x, y) => x.priority - y.priority);
  const units = list.map((p) => planned(`${p.name}-unit`, `${p.name}.service`, unitName(a.name, p.name), programUnit(a.name, p, extrasOf(a, p))));
  const health = healthUnits(a, clients);
  const wanted = [...list.map((p) => unitName(a.name, p.name)), ...clients.map((c) => healthName(a.name, c, 'timer'))];
  const target = planned('target-unit', 'project.target', targetName(a.name), projectTarget(a.name, wanted));
  return [...units, ...health, target];
}

/** --process supervisor: supervisord's own unit; its programs inherit the right to bind low ports. */
export const supervisordUnitFile = (a: Answers): PlannedUnit =>
  planned('supervisord-unit', 'supervisord.service', unitName(a.name, 'supervisord'), supervisordUnit(a.name, { service: [BIND_LOW_PORTS] }));
