// `plonefactory factory MANIFEST` / `yo plonefactory:factory`: tens of sites from one
// manifest, in one process; every site is checked and planned before any is written, and all
// are written in one commit.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseManifest } from '../factory/manifest.js';
import { formatSummary, runFactory } from '../factory/run-factory.js';
import { commitChanges } from '../generator/journal.js';
import { DirectIO } from '../generator/project-io.js';
import { ProjectPaths } from '../generator/safe-path.js';
import { UsageError } from '../generator/usage-error.js';
import { AnswerError } from '../project/answers.js';
import { FOLLOW_SYMLINKS_OPTION, FORCE_OPTION, type CommandSpec } from './command.js';
import { confirmConflicts, runFlags, withProjects } from './project-run.js';

export const FACTORY_COMMAND = {
  name: 'factory',
  summary: 'create or update many sites from one manifest',
  args: [{ name: 'manifest', description: 'Manifest (JSON or YAML): defaults, hosts, sites' }],
  options: { force: FORCE_OPTION, 'follow-symlinks': FOLLOW_SYMLINKS_OPTION },
  examples: ['sites.json'],
  run: async (input, ctx) => {
    const file = input.args['manifest'];
    if (typeof file !== 'string') throw new UsageError('give the manifest: plonefactory factory MANIFEST.json');
    let text: string;
    try {
      text = readFileSync(resolve(ctx.cwd, file), 'utf8');
    } catch {
      throw new AnswerError(`manifest ${JSON.stringify(file)} cannot be read; give the path of a JSON or YAML manifest`);
    }
    const flags = runFlags(input.options);
    const manifest = parseManifest(text, file);
    // a site's folder that is a symlink out of this one is refused like any other (--follow-symlinks)
    const here = new ProjectPaths(ctx.cwd, flags.followSymlinks);
    const roots = manifest.sites.map((s) => here.real(s.name));
    return withProjects(ctx, [ctx.cwd, ...roots], async () => {
      const ios: Array<{ prefix: string; io: DirectIO }> = [];
      const quiet = (): void => undefined;
      const results = await runFactory(manifest, ctx.cwd, (root) => {
        const io = new DirectIO(root, flags.force, quiet, { askLater: ctx.ask !== null, followSymlinks: flags.followSymlinks });
        ios.push({ prefix: root === ctx.cwd ? '' : `${root.slice(ctx.cwd.length + 1)}/`, io });
        return io;
      }, ctx.progress);
      await confirmConflicts(ctx, ios.flatMap(({ prefix, io }) => io.conflicts.map((p) => ({ label: `${prefix}${p}` }))));
      // one journal for every site and deploy/: the run writes all of them or none
      const changes = ios.flatMap(({ prefix, io }) => io.changes(prefix));
      commitChanges(ctx.cwd, [ctx.cwd, ...roots], changes);
      ctx.out(formatSummary(results, changes.map((c) => c.label)));
      return 0;
    });
  },
} as const satisfies CommandSpec;
