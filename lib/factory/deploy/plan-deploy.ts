// The deployment's files: the inventory, made from the sites, and the playbook with its
// roles, which are the same for every factory (templates/deploy, copied as they are).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TEMPLATES_DIR } from '../../package-root.js';
import type { PlannedFile } from '../../project/plan.js';
import { DEPLOY_DIR } from './deploy-io.js';

const PLAYBOOK_DIR = join(TEMPLATES_DIR, 'deploy');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

let playbook: PlannedFile[] | undefined;

export function planDeploy(inventory: string): PlannedFile[] {
  playbook ??= walk(PLAYBOOK_DIR).sort().map((f) => ({ path: `${DEPLOY_DIR}/${relative(PLAYBOOK_DIR, f)}`, content: readFileSync(f, 'utf8') }));
  return [{ path: `${DEPLOY_DIR}/inventory.yml`, content: inventory }, ...playbook];
}
