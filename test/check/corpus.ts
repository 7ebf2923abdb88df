// The public-buildout corpus (test/fixtures/corpus): every entry point of every buildout,
// resolved by the real zc.buildout 2.13 and 5.2 (extends URLs served as empty files, as check
// reads them offline), by our resolver under both rules, and checked by `plonefactory check`.
// Each finding is then judged true or false by what the real resolutions show (judge below).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Context } from 'mocha';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { defaultTargets } from '../../lib/buildout/check-targets.js';
import { runProjectCheck } from '../../lib/buildout/check-project-cli.js';
import type { Finding } from '../../lib/buildout/check-model.js';
import { tryResolve, type Mode } from '../../lib/buildout/resolve.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { BUILDOUT5_SRC, PYTHON, PYTHON5, SHARED } from '../support/real-tools.js';
import { spawnSync } from 'node:child_process';

/** What we wrote about the corpus (manifest.json: every file's repository, commit, licence; labels.json). */
export const CORPUS_META = join(PACKAGE_ROOT, 'test', 'fixtures', 'corpus');
export const LABELS = join(CORPUS_META, 'labels.json');

const hasBuildouts = (dir: string): boolean =>
  existsSync(dir) && readdirSync(dir).some((n) => statSync(join(dir, n)).isDirectory());

/**
 * The public buildouts themselves. Developers commit nothing a fetched repository holds, so
 * they are not in git: they are read from PF_CORPUS, ../shared/corpus, or an untracked copy in
 * test/fixtures/corpus (as manifest.json lists them).
 */
export const CORPUS = process.env.PF_CORPUS ?? [join(SHARED, 'corpus'), CORPUS_META].find(hasBuildouts) ?? CORPUS_META;

/** Skips, loudly, where the corpus is not laid out (CI included: it is not ours to commit). */
export function requireCorpus(ctx: Context): void {
  if (hasBuildouts(CORPUS)) return;
  console.error(`\n!!! SKIPPING corpus test: no public buildouts in ${CORPUS}; lay them out as test/fixtures/corpus/manifest.json lists (or PF_CORPUS) !!!\n`);
  ctx.skip();
}

/** The rules each buildout runs under: the Plone 6 era ones bootstrap zc.buildout 3 or later. */
const MODE: Record<string, Mode> = { 'coredev-6.1': '3', 'plone-restapi': '3', 'collective-easyform': '3' };

export interface RealOutcome {
  config: string;
  ok: boolean;
  kind?: string;
  message?: string;
  parts?: string[];
  installOrder?: string[];
  sections?: Record<string, Record<string, string>>;
  /** perSection runs: section ('' for the parts) -> "Kind: message". */
  errors?: Record<string, string>;
}

export interface CorpusRoot {
  buildout: string;
  mode: Mode;
  /** What check is given (relative to the buildout). */
  target: string;
  /** The root config the real buildouts resolve (a stand-in root for a profiles/x.cfg). */
  config: string;
}

export interface Corpus {
  dir: string;
  cache: string;
  roots: CorpusRoot[];
}

const isUrl = (s: string): boolean => /^[a-zA-Z0-9+.-]+:\/\//.test(s);

function cfgFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? cfgFiles(p) : n.endsWith('.cfg') ? [p] : [];
  });
}

/** A scratch copy (real buildout creates folders beside each root) and an extends-cache of empty files for every URL. */
export function openCorpus(): Corpus {
  const dir = mkdtempSync(join(tmpdir(), 'pf-corpus-'));
  const cache = join(dir, '.extends-cache');
  mkdirSync(cache);
  const roots: CorpusRoot[] = [];
  for (const name of readdirSync(CORPUS).sort()) {
    if (!statSync(join(CORPUS, name)).isDirectory()) continue;
    const copy = join(dir, name);
    cpSync(join(CORPUS, name), copy, { recursive: true });
    for (const f of cfgFiles(copy)) {
      for (const url of readFileSync(f, 'utf8').match(/[a-zA-Z0-9+.-]+:\/\/\S+\.cfg\b\S*/g) ?? []) {
        if (isUrl(url)) writeFileSync(join(cache, createHash('md5').update(url).digest('hex')), '');
      }
    }
    for (const target of defaultTargets(copy)) {
      let config = join(copy, target);
      if (target.includes('/')) {
        config = join(copy, `.corpus-root.${target.replace(/[/\\]/g, '_')}`);
        writeFileSync(config, `[buildout]\nextends = ${target}\n`);
      }
      roots.push({ buildout: name, mode: MODE[name] ?? '2.13', target, config });
    }
  }
  return { dir, cache, roots };
}

export function closeCorpus(c: Corpus): void {
  rmSync(c.dir, { recursive: true, force: true });
}

/** The real zc.buildout (2.13 or 5.2) over the configs, in one process. */
export function real(version: '2.13' | '5.2', configs: string[], cache: string, perSection: boolean): { executable: string; results: RealOutcome[] } {
  const script = join(PACKAGE_ROOT, 'test/support/real_buildout.py');
  const [python, args] = version === '2.13' ? [PYTHON, [script, '-']] : [PYTHON5, [script, '-', '--buildout5', BUILDOUT5_SRC]];
  const r = spawnSync(python, args, { input: JSON.stringify({ configs, extendsCache: cache, perSection }), encoding: 'utf8', maxBuffer: 512 << 20, cwd: tmpdir() });
  if (r.status !== 0) throw new Error(`real_buildout.py ${version}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { executable: string; results: RealOutcome[] };
}

/** Ours in the shape of a real full resolution. */
export function ours(config: string, mode: Mode, cache: string, executable?: string): RealOutcome {
  const o = tryResolve(config, { mode, extendsCache: cache, ...(mode === '3' ? { buildoutVersion: '5.2.0' } : {}), ...(executable ? { executable } : {}) });
  return o.ok
    ? { config, ok: true, parts: o.resolved.parts, installOrder: o.resolved.installOrder, sections: o.resolved.sections }
    : { config, ok: false, kind: o.error.kind, message: o.error.message };
}

/** What check reports for one root, as a user runs it (no extends cache: URLs read as empty and noted). */
export function findingsOf(c: Corpus, root: CorpusRoot): Finding[] {
  const dir = join(c.dir, root.buildout);
  return runProjectCheck({ dir, profiles: [root.target], buildout: root.mode === '3' ? '3' : '2.13' }).findings;
}

/** A finding's identity across runs: its place and words, without the scratch folder. */
export function findingId(c: Corpus, f: Finding): string {
  return `${relative(c.dir, f.file)}:${f.line}: ${f.severity}: ${f.code}: ${f.message.split(c.dir + '/').join('')}`;
}
