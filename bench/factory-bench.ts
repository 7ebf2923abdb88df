// Issue 6's benchmarks. (a) one site: `plonefactory --defaults` against cookiecutter rendering
// the equivalent template in bench/cookiecutter-plonefactory (goal: ratio <= 1.0). (b) 50 sites
// from one manifest against one site, and peak memory (goal: <= 5x). Whole processes.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Benchmark, BenchContext } from './benchmark.js';
import { exportPath, hyperfine, ms, msMedian } from './hyperfine.js';
import { NAME, TEMPLATE_DIR } from './cookiecutter-template.js';
import { listFiles } from '../test/support/files.js';

const PYTHON = '/usr/bin/python3';

function tree(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((p) => [relative(dir, p), `${(statSync(p).mode & 0o777).toString(8)} ${readFileSync(p, 'utf8')}`]));
}

/** Equal but for the random secrets (and their hashes in .yo-rc.json). */
function sameSite(a: string, b: string): string | null {
  const norm = (m: Map<string, string>): string[] =>
    [...m].map(([p, v]) => `${p} ${v.replace(/= [\w-]{24}$/gm, '= S').replace(/"[0-9a-zA-Z]{16}"/g, '"H"')}`).sort();
  const x = norm(tree(a));
  const y = norm(tree(b));
  const diff = x.find((v, i) => v !== y[i]) ?? (x.length !== y.length ? `${x.length} vs ${y.length} files` : undefined);
  return diff === undefined ? null : diff.split('\n')[0] ?? diff;
}

const env = (): NodeJS.ProcessEnv => {
  // The sandbox's CA bundle costs every node start ~40 ms and nothing here uses TLS.
  const e = { ...process.env };
  delete e['NODE_EXTRA_CA_CERTS'];
  return e;
};

/** Peak resident memory of a whole process, in MiB, from getrusage of the child. */
function peakMiB(argv: string[], cwd: string): number {
  const script = 'import resource,subprocess,sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)';
  return Number(execFileSync(PYTHON, ['-c', script, ...argv], { cwd, env: env(), encoding: 'utf8' }).trim()) / 1024;
}

export const cookiecutterBenchmark: Benchmark = {
  name: 'one-site',
  summary: 'plonefactory --defaults vs cookiecutter rendering the same files (goal: ratio <= 1.0)',
  async run(ctx: BenchContext) {
    const bin = join(ctx.root, 'dist', 'bin', 'plonefactory.js');
    const ours = join(ctx.work, 'ours');
    const theirs = join(ctx.work, 'theirs');
    // Check that both produce the same site before timing them.
    mkdirSync(join(ours, NAME), { recursive: true });
    execFileSync(process.execPath, [bin, '--defaults', '--name', NAME], { cwd: join(ours, NAME), env: env(), stdio: 'ignore' });
    execFileSync(PYTHON, ['-m', 'cookiecutter', '--no-input', '-o', theirs, TEMPLATE_DIR], { env: env(), stdio: 'ignore' });
    const differs = sameSite(join(ours, NAME), join(theirs, NAME));
    if (differs) return { lines: [`outputs differ (regenerate the template: node dist/bench/cookiecutter-template.js): ${differs}`], goalMet: false };
    const fresh = (d: string): string => `rm -rf ${d} && mkdir -p ${d}/${NAME}`;
    const [p, c] = [
      hyperfine([{ name: 'plonefactory --defaults', argv: ['sh', '-c', `cd ${ours}/${NAME} && exec ${process.execPath} ${bin} --defaults --name ${NAME} >/dev/null`] }], { cwd: ctx.work, env: env(), prepare: fresh(ours), exportJson: exportPath(ctx.work, 'ours') })[0],
      hyperfine([{ name: 'cookiecutter', argv: ['sh', '-c', `exec ${PYTHON} -m cookiecutter --no-input -o ${theirs} ${TEMPLATE_DIR}`] }], { cwd: ctx.work, env: env(), prepare: `rm -rf ${theirs}`, exportJson: exportPath(ctx.work, 'theirs') })[0],
    ];
    if (!p || !c) throw new Error('hyperfine gave no result');
    const ratio = p.mean / c.mean;
    return {
      goalMet: ratio <= 1.0,
      lines: [
        `same ${tree(join(ours, NAME)).size} files from both (but for the random secrets)`,
        `  plonefactory  ${ms(p)}`,
        `  cookiecutter  ${ms(c)}`,
        `  plonefactory / cookiecutter = ${ratio.toFixed(2)} (goal <= 1.0: ${ratio <= 1.0 ? 'met' : 'NOT met'})`,
      ],
    };
  },
};

/**
 * A prepare command that moves the last run's output aside, so each timed run writes into an
 * empty folder as a user's first run does. Aside, not deleted: ext4 passes over inodes freed in the
 * last one to five minutes when it allocates, and 3,000 deleted just before a run made it ~3x slower in
 * the kernel. Then synced: the commit's syncfs waits for every dirty page of the filesystem,
 * and each run is to pay for writing its own files, not the last runs'. The moved outputs stay
 * in the bench's folder (run.ts deletes it at the end of the next `npm run bench`). Checked once here:
 * the folder must then hold the manifest alone.
 */
function asideEachRun(dir: string): string {
  const cmd = `t=${dir}.aside/$(date +%s%N) && mkdir -p $t && for f in ${dir}/*; do [ "$f" = ${dir}/sites.json ] || mv "$f" $t/; done && sync -f ${dir}`;
  execFileSync('sh', ['-c', cmd]);
  const left = readdirSync(dir);
  if (left.join() !== 'sites.json') throw new Error(`the bench's prepare left ${left.join(', ')} in ${dir}`);
  return cmd;
}

/**
 * `fronts`: the sites use their hosts' fronts (the factory's default), half of the hosts apache;
 * without, each site serves its own front on public ports of its own, and no hosts/ is written.
 */
function manifest(sites: number, hostCount = 2, deploy = true, fronts = true): string {
  const hosts = Object.fromEntries(Array.from({ length: hostCount }, (_, h) => [`web${h + 1}`, { address: `10.0.0.${11 + h}`, ...(h % 2 ? { front: 'apache' } : {}) }]));
  const list = Array.from({ length: sites }, (_, i) => ({
    name: `site${i}`, host: `web${(i % hostCount) + 1}`, domain: `site${i}.example.org`, ...(i % 5 === 0 ? { cache: 'squid' } : {}), ...(i % 7 === 0 ? { storage: 'relstorage' } : {}),
    ...(fronts ? (i % 3 === 0 ? { aliases: [`www.site${i}.example.org`] } : {}) : { front: 'own', 'public-http': 20000 + 2 * i, 'public-https': 20001 + 2 * i }),
  }));
  return JSON.stringify({ defaults: { plone: '6.2' }, hosts, sites: list, deploy });
}

/** The factory's budget (issue 6): fifty sites in at most five times one site's time. */
const SITES_PER_BUDGET = 50;
const BUDGET = 5;

/**
 * Issue 14: 100 sites on 10 hosts with their fronts (hosts/) and deployment (deploy/: inventory,
 * playbook), side by side with the same run without either ("deploy": false, each site its own
 * front), and against one site within the factory's budget per site: 5x one site per fifty
 * sites, so 10x for a hundred. Judged on medians: a run that writes 3,000 files durably now and
 * then waits seconds on the disk for other processes' writes (the syncfs), and one such run
 * moved the mean of ten by half. Still sensitive to the machine's last minutes: ext4 passes over
 * inodes freed in the last one to five minutes when it allocates, so after a test run or anything
 * else deleting thousands of files, the kernel time of a 100-site run goes from ~0.2 s to 1-3 s
 * (the report prints CPU time in user space and in the kernel, to tell).
 */
export const factoryDeployBenchmark: Benchmark = {
  name: 'hundred-sites-deploy',
  summary: `100 sites on 10 hosts with hosts/ and deploy/ vs without them vs one site (goal: the factory's budget, <= ${BUDGET}x one site per ${SITES_PER_BUDGET} sites)`,
  async run(ctx: BenchContext) {
    const bin = join(ctx.root, 'dist', 'bin', 'plonefactory.js');
    const variants: Array<[string, string]> = [
      ['1 site', manifest(1, 1)],
      ['100 sites, 10 hosts, no hosts/ nor deploy/', manifest(100, 10, false, false)],
      ['100 sites, 10 hosts, with hosts/ and deploy/', manifest(100, 10)],
    ];
    const timed = variants.map(([name, text], i) => {
      const dir = join(ctx.work, `v${i}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'sites.json'), text);
      const argv = [process.execPath, bin, 'factory', 'sites.json'];
      const check = spawnSync(argv[0] as string, argv.slice(1), { cwd: dir, env: env(), encoding: 'utf8' });
      if (check.status !== 0) throw new Error(`factory (${name}) failed: ${check.stderr}`);
      const r = hyperfine([{ name, argv }], { cwd: dir, env: env(), minRuns: 15, prepare: asideEachRun(dir), exportJson: exportPath(ctx.work, `v${i}`) })[0];
      if (!r) throw new Error('hyperfine gave no result');
      return r;
    });
    const [one, bare, deployed] = timed as [NonNullable<(typeof timed)[0]>, NonNullable<(typeof timed)[0]>, NonNullable<(typeof timed)[0]>];
    const ratio = deployed.median / one.median;
    const goal = (BUDGET * 100) / SITES_PER_BUDGET;
    return {
      goalMet: ratio <= goal,
      lines: [
        ...variants.map(([name], i) => `  ${name.padEnd(46)} ${msMedian(timed[i]!)}`),
        `  with hosts/ and deploy/ / without = ${(deployed.median / bare.median).toFixed(2)}x (medians; of the means ${(deployed.mean / bare.mean).toFixed(2)}x)`,
        `  with hosts/ and deploy/ / 1 site = ${ratio.toFixed(2)}x (medians; of the means ${(deployed.mean / one.mean).toFixed(2)}x; of user CPU ${(deployed.user / one.user).toFixed(2)}x; goal <= ${goal}x: ${ratio <= goal ? 'met' : 'NOT met'})`,
      ],
    };
  },
};

export const factoryScaleBenchmark: Benchmark = {
  name: 'fifty-sites',
  summary: `50 sites (on 2 hosts, with hosts/ and deploy/) from one manifest vs one site, time and peak memory (goal: <= ${BUDGET}x)`,
  async run(ctx: BenchContext) {
    const bin = join(ctx.root, 'dist', 'bin', 'plonefactory.js');
    const timed = [];
    const peak: number[] = [];
    for (const n of [1, 50]) {
      const dir = join(ctx.work, `n${n}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'sites.json'), manifest(n));
      const argv = [process.execPath, bin, 'factory', 'sites.json'];
      const check = spawnSync(argv[0] as string, argv.slice(1), { cwd: dir, env: env(), encoding: 'utf8' });
      if (check.status !== 0) throw new Error(`factory of ${n} failed: ${check.stderr}`);
      timed.push(hyperfine([{ name: `factory, ${n} site${n > 1 ? 's' : ''}`, argv }], { cwd: dir, env: env(), minRuns: 15, prepare: asideEachRun(dir), exportJson: exportPath(ctx.work, `n${n}`) })[0]);
      asideEachRun(dir);
      peak.push(peakMiB(argv, dir));
    }
    const [one, fifty] = timed;
    if (!one || !fifty) throw new Error('hyperfine gave no result');
    const ratio = fifty.median / one.median;
    return {
      goalMet: ratio <= BUDGET,
      lines: [
        `  1 site    ${msMedian(one)}, peak ${peak[0]?.toFixed(0)} MiB`,
        `  50 sites  ${msMedian(fifty)}, peak ${peak[1]?.toFixed(0)} MiB`,
        `  50 sites / 1 site = ${ratio.toFixed(2)}x (medians; of the means ${(fifty.mean / one.mean).toFixed(2)}x; goal <= ${BUDGET}x: ${ratio <= BUDGET ? 'met' : 'NOT met'})`,
      ],
    };
  },
};
