// --process systemd, installed for real: bin/buildout (Debian's zc.buildout 2.13, the real
// collective.recipe.template) renders a unit per process and the project's target from the
// unchanged generated files, and the real `systemd-analyze verify` judges them, offline: no
// unit is installed, nothing is started.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PLONE } from '../../lib/catalog/plone-lines.js';
import { resolveProfile } from '../../lib/buildout/resolve.js';
import { plonefactory } from '../support/cli.js';
import {
  buildout, createVenv, DEPLOY_GROUP, DEPLOY_USER, freePortBase, newDeploy, NOT_INSTALLABLE_EGG_PARTS, NOT_INSTALLABLE_RECIPES,
  servePinFiles, writeZopeStandIns, type Deploy,
} from '../support/deploy.js';
import { requireTool, type ToolName } from '../support/real-tools.js';
import { verifyUnits } from '../support/systemd.js';

describe('--process systemd: a unit per process and a target, from real bin/buildout, judged by systemd-analyze verify', function () {
  this.timeout(300_000);
  let d: Deploy | undefined;

  after(function () {
    if (d) rmSync(d.root, { recursive: true, force: true });
  });

  it('renders every unit, and systemd accepts each; no supervisor part is left', async function () {
    for (const tool of ['buildout', 'venv', 'pip', 'hatchling', 'systemd-analyze'] as ToolName[]) requireTool(this, tool);
    const base = await freePortBase(7);
    d = newDeploy('units62', (project) => {
      const r = plonefactory(project, ['--defaults', '--plone', '6.2', '--process', 'systemd', '--http', 'apache', '--cache', 'squid', '--balancer', 'pound', '--port-base', String(base), '--profile', 'production']);
      assert.equal(r.status, 0, r.stderr);
    });
    servePinFiles(d, PLONE['6.2'].pinFiles);
    const cache = d.buildoutArgs[0]!.slice('buildout:extends-cache='.length);
    const resolved = resolveProfile(join(d.project, 'buildout.cfg'), {
      mode: '2.13', extendsCache: cache, overrides: [['users', 'os', DEPLOY_USER], ['users', 'group', DEPLOY_GROUP]],
    });
    assert.ok(!resolved.parts.includes('supervisor'), `no supervisor: ${resolved.parts.join(' ')}`);
    const unitParts = resolved.parts.filter((p) => p.endsWith('-unit'));
    const installable = resolved.parts.filter((p) => !NOT_INSTALLABLE_RECIPES[resolved.sections[p]?.['recipe'] ?? ''] && !NOT_INSTALLABLE_EGG_PARTS[p]);
    const venv = createVenv(d);
    assert.equal(venv.status, 0, venv.output);
    const r = buildout(d, ['install', ...installable]);
    assert.equal(r.status, 0, r.output);
    // ExecStart must name executables: the Zope and ZEO scripts are the deploy test's stand-ins.
    const ports = resolved.sections['ports']!;
    const hosts = resolved.sections['hosts']!;
    const clients = resolved.parts.filter((p) => /^instance\d+$/.test(p));
    writeZopeStandIns(d, clients.map((n) => ({ name: n, host: hosts[n]!, port: Number(ports[n]) })), true);

    const dir = join(d.project, 'etc', 'systemd');
    const units = readdirSync(dir).sort();
    const name = 'units62';
    const programs = ['zeoserver', ...clients, 'pound', 'squid', 'apache'];
    assert.deepEqual(units, [...programs.map((p) => `${name}-${p}.service`), `${name}.target`].sort());
    assert.equal(unitParts.length, units.length);
    const v = verifyUnits(units.map((u) => join(dir, u)));
    assert.ok(v.ok, v.output);
    const target = readFileSync(join(dir, `${name}.target`), 'utf8');
    assert.match(target, new RegExp(`^Wants=${programs.map((p) => `${name}-${p}\\.service`).join(' ')}$`, 'm'));
  });
});
