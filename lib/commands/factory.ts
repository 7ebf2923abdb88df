// `plonefactory factory MANIFEST` / `yo plonefactory:factory`: tens of sites from one
// manifest, in one process; every site is checked and planned before any is written.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseManifest } from '../factory/manifest.js';
import { formatSummary, runFactory } from '../factory/run-factory.js';
import { DirectIO } from '../generator/project-io.js';
import { keepSecretsPrivate } from '../generator/secrets-mode.js';
import { UsageError } from '../generator/usage-error.js';
import { AnswerError } from '../project/answers.js';
import { FORCE_OPTION, type CommandSpec } from './command.js';
import { confirmConflicts } from './project-run.js';

export const FACTORY_COMMAND = {
  name: 'factory',
  summary: 'create or update many sites from one manifest',
  args: [{ name: 'manifest', description: 'Manifest (JSON or YAML): defaults, hosts, sites' }],
  options: { force: FORCE_OPTION },
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
    const force = input.options['force'] === true;
    const ios: Array<{ site: string; io: DirectIO }> = [];
    const quiet = (): void => undefined;
    const results = await runFactory(parseManifest(text, file), ctx.cwd, (root) => {
      const io = new DirectIO(root, force, quiet, { askLater: ctx.ask !== null });
      ios.push({ site: root.slice(ctx.cwd.length + 1), io });
      return io;
    }, ctx.progress);
    await confirmConflicts(ctx, ios.flatMap(({ site, io }) => io.conflicts.map((p) => ({ label: `${site}/${p}` }))));
    for (const { io } of ios) io.commit();
    ctx.out(formatSummary(results));
    for (const { site, io } of ios) {
      const secrets = keepSecretsPrivate(io.root);
      if (secrets) ctx.out(`${site}/${secrets}`);
    }
    return 0;
  },
} as const satisfies CommandSpec;
