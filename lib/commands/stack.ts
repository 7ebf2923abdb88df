// `plonefactory stack [LEVEL COMPONENT]` / `yo plonefactory:stack`: switches the component of
// one stack level in every profile that runs the stack; with a word missing, shows the chain
// and asks (in a terminal). What changes is the re-planned project (lib/profiles/transition.ts).
import { LEVELS, type Level } from '../catalog/stack.js';
import { requireProjectRoot } from '../generator/find-project.js';
import { loadProject } from '../generator/project-state.js';
import { AnswerError } from '../project/answers.js';
import { switchStack } from '../stack/apply-switch.js';
import { describeStack } from '../stack/describe.js';
import { choicesOf, parseLevel, parseSwitch, USAGE, type StackSwitch } from '../stack/switch.js';
import { FOLLOW_SYMLINKS_OPTION, FORCE_OPTION, type CommandSpec, type RunContext } from './command.js';
import { planAndCommit, projectReader, runFlags, withProjects, type RunFlags } from './project-run.js';

async function askSwitch(ctx: RunContext, root: string, flags: RunFlags, given: Level | undefined): Promise<StackSwitch> {
  const a = loadProject(projectReader(root, flags)).answers;
  if (!ctx.ask) throw new AnswerError(`no terminal to ask on: ${USAGE}`);
  const level = given ?? ((await ctx.ask([{ type: 'select', name: 'level', message: 'Level to switch', choices: LEVELS.map((l) => ({ name: `${l} (now ${a[l]})`, value: l })) }]))['level'] as Level);
  const { component } = await ctx.ask([{ type: 'select', name: 'component', message: `${level} component`, choices: choicesOf(level), default: a[level] }]);
  return parseSwitch(level, component);
}

export const STACK_COMMAND = {
  name: 'stack',
  summary: 'switch the component of a stack level: http, cache, balancer',
  args: [
    { name: 'level', description: `Stack level: ${LEVELS.join(', ')}` },
    { name: 'component', description: `Component: ${LEVELS.map((l) => `${l} ${choicesOf(l).join('|')}`).join(', ')}` },
  ],
  options: { force: FORCE_OPTION, 'follow-symlinks': FOLLOW_SYMLINKS_OPTION },
  examples: ['', 'cache squid', 'balancer none'],
  run: async (input, ctx) => {
    const root = requireProjectRoot(ctx.cwd);
    const { level, component } = input.args;
    const flags = runFlags(input.options);
    // Check what was given before locking, showing or asking anything.
    const given = component === undefined && level !== undefined ? parseLevel(level) : undefined;
    const named = level !== undefined && component !== undefined ? parseSwitch(level, component) : undefined;
    return withProjects(ctx, [root], async () => {
      let target = named;
      if (target === undefined) {
        const project = loadProject(projectReader(root, flags));
        ctx.out(describeStack(project.answers, project.profiles));
        target = await askSwitch(ctx, root, flags, given);
      }
      const chosen = target;
      await planAndCommit(ctx, root, flags, ({ io, note }) => {
        const same = switchStack(io, chosen);
        if (same) note(same);
      });
      const after = loadProject(projectReader(root, flags));
      ctx.out(describeStack(after.answers, after.profiles));
      return 0;
    });
  },
} as const satisfies CommandSpec;
