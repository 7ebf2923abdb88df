// `plonefactory [app] [NAME]` / `yo plonefactory`: creates or updates a site-factory buildout.
// Its options are the answers table's (lib/project/answers.ts), so an option, its prompt and
// its stored key are declared once.
import { answerQuestions } from '../generator/collect-answers.js';
import { appDoneMessage, resolveAppAnswers, writeApp } from '../generator/run-app.js';
import { ANSWER_KEYS, ANSWER_SPECS } from '../project/answers.js';
import { FOLLOW_SYMLINKS_OPTION, FORCE_OPTION, type CommandSpec, type OptionSpec } from './command.js';
import { runFlags, runInProject } from './project-run.js';

const EMPTY_CONTEXT = { dirname: 'NAME', extraProfiles: [] };

const answerOptions: Record<string, OptionSpec> = Object.fromEntries(ANSWER_KEYS.map((key) => {
  const spec = ANSWER_SPECS[key];
  const choices = spec.choices?.(EMPTY_CONTEXT);
  const shown = key === 'name' ? 'the directory\'s name' : String(spec.default(EMPTY_CONTEXT)) || 'none';
  return [spec.option, {
    type: 'string',
    value: choices ? choices.join('|') : spec.option.toUpperCase().replace('-', '_'),
    description: `${spec.description}; default ${shown}`,
  } satisfies OptionSpec];
}));

export const APP_COMMAND = {
  name: 'app',
  summary: 'create or update a site-factory buildout (the default)',
  args: [{ name: 'name', description: ANSWER_SPECS.name.description }],
  options: {
    ...answerOptions,
    defaults: { type: 'boolean', description: 'Answer every question not given as an option with its default' },
    force: FORCE_OPTION,
    'follow-symlinks': FOLLOW_SYMLINKS_OPTION,
  },
  examples: ['--defaults', 'acme --plone 6.1 --http apache --clients 4'],
  run: async (input, ctx) => {
    const options: Record<string, unknown> = { ...input.options };
    if (input.args['name'] !== undefined && options['name'] === undefined) options['name'] = input.args['name'];
    // The app writes where it is run, always: a folder below another project (this
    // repository's own .yo-rc.json holds reference answers) is a new project, not that one.
    const root = ctx.cwd;
    const ask = ctx.ask;
    return runInProject(ctx, root, runFlags(input.options), async ({ io, note }) => {
      const answers = await resolveAppAnswers(io, options, ask ? async (missing, c, known) => {
        const asked = await ask(answerQuestions(missing, c, known));
        return Object.fromEntries(missing.map((key) => [key, ANSWER_SPECS[key].parse(asked[key], c)]));
      } : undefined);
      for (const line of appDoneMessage(writeApp(io, answers))) note(line);
    });
  },
} as const satisfies CommandSpec;
