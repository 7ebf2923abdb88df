// A fresh clone, as a CI server or a second host gets the project: git leaves the
// git-ignored secrets.cfg behind. The jenkins profile must build without it, and
// `plonefactory` must give the clone its own secrets without touching anything tracked.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PLONE } from '../../lib/catalog/plone-lines.js';
import { SECRETS_FILE } from '../../lib/project/layout.js';
import { plonefactory } from '../support/cli.js';
import {
  buildout, createVenv, installableParts, killEverythingInside, newDeploy, resolveAsDeployed, servePinFiles, type Deploy,
} from '../support/deploy.js';
import { requireTool } from '../support/real-tools.js';

const git = (cwd: string, args: string[]): string =>
  execFileSync('git', ['-c', 'safe.directory=*', '-c', 'user.name=CI', '-c', 'user.email=ci@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });

describe('a fresh git clone of a generated project', function () {
  this.timeout(300_000);
  let d: Deploy | undefined;
  let origin = '';

  before(function () {
    for (const tool of ['buildout', 'recipes', 'venv', 'pip', 'hatchling'] as const) requireTool(this, tool);
    d = newDeploy('clone62', (project) => {
      origin = join(dirname(project), 'origin');
      mkdirSync(origin);
      let r = plonefactory(origin, ['--defaults', '--plone', '6.2', '--profile', 'production']);
      assert.equal(r.status, 0, r.stderr);
      r = plonefactory(origin, ['profile', 'jenkins']);
      assert.equal(r.status, 0, r.stderr);
      git(origin, ['init', '-q']);
      git(origin, ['add', '-A']);
      git(origin, ['commit', '-q', '-m', 'generated']);
      git(dirname(project), ['clone', '-q', origin, project]);
    });
    servePinFiles(d, PLONE['6.2'].pinFiles);
  });

  after(async function () {
    if (!d) return;
    await killEverythingInside(d);
    rmSync(d.root, { recursive: true, force: true });
  });

  it('has no secrets.cfg: git never saw it', function () {
    assert.ok(existsSync(join(origin, SECRETS_FILE)));
    assert.ok(!existsSync(join(d!.project, SECRETS_FILE)));
  });

  it('builds the jenkins profile with real bin/buildout, as the Jenkinsfile does, without any secret', function () {
    const resolved = resolveAsDeployed(d!, join(d!.project, 'jenkins.cfg'));
    const installable = installableParts(resolved);
    // test (zope.testrunner) and coverage need eggs that are not offline here; the rest installs.
    assert.deepEqual(resolved.parts.filter((p) => !installable.includes(p)).sort(), ['coverage', 'test']);
    const venv = createVenv(d!, 'jenkins.cfg');
    assert.equal(venv.status, 0, venv.output);
    const r = buildout(d!, ['-c', 'jenkins.cfg', 'install', ...installable]);
    assert.equal(r.status, 0, r.output);
    for (const part of installable) assert.match(r.output, new RegExp(`^Installing ${part}\\.$`, 'm'), r.output);
  });

  it('gets its own secrets from plonefactory, with every tracked file left as it was', function () {
    const r = plonefactory(d!.project, []);
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    const secrets = join(d!.project, SECRETS_FILE);
    assert.ok(existsSync(secrets), r.stdout);
    assert.equal(statSync(secrets).mode & 0o777, 0o600);
    assert.equal(git(d!.project, ['status', '--porcelain']), '', 'no tracked file changed, nothing new but ignored files');
  });
});
