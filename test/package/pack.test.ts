// What users install: `npm pack`, the tarball installed globally, then `yo plonefactory`
// as a non-root user (yo 7) and `plonefactory` as root.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { defaultProject, inParallel, runLater, type CliResult } from '../support/cli.js';
import { assertSameOutcome, CASES, caseArgs, prepareCase } from '../support/entry-cases.js';

const NOBODY_UID = 65534;

describe('the packed tarball, installed globally', function () {
  this.timeout(300000);
  const work = mkdtempSync(join(tmpdir(), 'pf-pack-'));
  const prefix = join(work, 'prefix');
  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    ...process.env, PATH: `${join(prefix, 'bin')}:/usr/bin:/bin`, NPM_CONFIG_PREFIX: prefix, ...extra,
  });

  before(function () {
    const npm = (args: string[]): string => execFileSync('npm', args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    // pretest has built dist/: a prepare run here would rebuild it under the running suite.
    npm(['pack', PACKAGE_ROOT, '--ignore-scripts', '--pack-destination', work]);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack wrote no tarball');
    npm(['install', '-g', '--prefer-offline', '--no-audit', '--no-fund', '--prefix', prefix, join(work, tarball), 'yo@7']);
  });

  it('ships no TypeScript sources nor tests, and renames nothing away (.gitignore template kept)', function () {
    const files = execFileSync('find', [join(prefix, 'lib', 'node_modules', 'generator-plonefactory'), '-path', '*/node_modules/*/node_modules', '-prune', '-o', '-type', 'f', '-print'], { encoding: 'utf8' })
      .split('\n').filter((f) => f && !f.includes('/generator-plonefactory/node_modules/'));
    assert.ok(files.some((f) => f.endsWith('dist/generators/app/index.js')));
    assert.ok(files.some((f) => f.endsWith('templates/app/gitignore.ejs')));
    assert.ok(!files.some((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')), 'TypeScript sources shipped');
    assert.ok(!files.some((f) => f.includes('/dist/test/')), 'tests shipped');
  });

  it('`yo plonefactory --defaults` works for a non-root user', function () {
    if (userInfo().uid !== 0) this.skip(); // needs root to switch to nobody
    const home = join(work, 'home');
    const project = join(work, 'acme');
    mkdirSync(home);
    mkdirSync(project);
    for (const d of [work, home, project]) chownSync(d, NOBODY_UID, NOBODY_UID);
    chmodSync(work, 0o755);
    const r = spawnSync('runuser', ['-u', 'nobody', '--', 'env', `HOME=${home}`, `PATH=${join(prefix, 'bin')}:/usr/bin:/bin`, `NPM_CONFIG_PREFIX=${prefix}`, 'yo', 'plonefactory', '--defaults', '--no-insight'],
      { cwd: project, encoding: 'utf8', input: '' });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.ok(existsSync(join(project, 'profiles', 'production.cfg')), r.stdout);
    assert.ok(existsSync(join(project, 'profiles', 'etc', 'secrets.cfg')));
  });

  it('the real yo 7 and plonefactory agree on a sample of the entry-point cases: exit code, files, error line (as nobody)', async function () {
    if (userInfo().uid !== 0) this.skip(); // needs root to switch to nobody
    // test/commands/entry-points.test.ts runs every case through yo's parsing, reproduced (the
    // real yo refuses root); this runs the cases marked realYo through the real one.
    const home = join(work, 'home');
    mkdirSync(home, { recursive: true });
    chownSync(home, NOBODY_UID, NOBODY_UID);
    chmodSync(work, 0o755);
    const base = defaultProject();
    const asNobody = (cwd: string, argv: string[]): Promise<CliResult> =>
      runLater('runuser', cwd, ['-u', 'nobody', '--', 'env', `HOME=${home}`, `PATH=${join(prefix, 'bin')}:/usr/bin:/bin`, `NPM_CONFIG_PREFIX=${prefix}`, ...argv]);
    const sample = CASES.filter((c) => c.realYo);
    assert.ok(sample.length >= 8);
    // every run first, two at a time, each in its own folder; then each case's verdict
    const jobs = sample.flatMap((c, i) => (['plonefactory', 'yo'] as const).map((entry) => async () => {
      const dir = join(work, `case${i}-${entry}`);
      prepareCase(c, dir, base);
      execFileSync('chown', ['-R', 'nobody:nogroup', dir]);
      return { result: await asNobody(dir, entry === 'yo' ? ['yo', ...caseArgs(c, 'yo'), '--no-insight'] : ['plonefactory', ...caseArgs(c, 'plonefactory')]), dir };
    }));
    const done = await inParallel(jobs);
    sample.forEach((c, i) => assertSameOutcome(c, done[2 * i]!, done[2 * i + 1]!));
  });

  it('the READMEs\' command, `npx -p generator-plonefactory plonefactory --defaults`, runs this package', function () {
    // the command exactly as the package's README gives it, run where the package is installed
    const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
    const command = /npx -p generator-plonefactory plonefactory --defaults/.exec(readme)?.[0];
    assert.ok(command, 'the README does not say how to run the package');
    const local = join(work, 'local');
    mkdirSync(join(local, 'site'), { recursive: true });
    writeFileSync(join(local, 'package.json'), '{"name": "local", "private": true}\n');
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) as string)], { cwd: local, stdio: 'ignore', env: env({}) });
    const [npx, ...args] = command.split(' ');
    const r = spawnSync(npx as string, args, { cwd: join(local, 'site'), encoding: 'utf8', input: '', env: env({ NPM_CONFIG_PREFER_OFFLINE: 'true' }) });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(local, 'site', 'profiles', 'production.cfg')));
    // and the generated README says the same
    assert.match(readFileSync(join(local, 'site', 'README.md'), 'utf8'), /npx -p generator-plonefactory plonefactory/);
  });

  it('`plonefactory --defaults` works as root, without a TTY', function () {
    const project = join(work, 'root-site');
    mkdirSync(project);
    const r = spawnSync('plonefactory', ['--defaults'], { cwd: project, encoding: 'utf8', input: '', env: env({ HOME: '/nonexistent' }) });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(project, 'profiles', 'production.cfg')));
  });
});
