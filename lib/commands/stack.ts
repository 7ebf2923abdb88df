// `plonefactory stack [LEVEL COMPONENT]` / `yo plonefactory:stack`: switches the component of
// one stack level in every profile that runs the stack; with a word missing, shows the chain
// and asks (in a terminal). What changes is the re-planned project (lib/profiles/transition.ts).
import { LEVELS, type Level } from '../catalog/stack.js';
import { requireProjectRoot } from '../generator/find-project.js';
import { DirectIO } from '../generator/project-io.js';
import { loadProject } from '../generator/project-state.js';
import { AnswerError } from '../project/answers.js';
import { switchStack } from '../stack/apply-switch.js';
import { describeStack } from '../stack/describe.js';
import { choicesOf, parseLevel, parseSwitch, USAGE, type StackSwitch } from '../stack/switch.js';
import { FORCE_OPTION, type CommandSpec, type RunContext } from './command.js';
import { runInProject } from './project-run.js';

async function askSwitch(ctx: RunContext, root: string, given: Level | undefined): Promise<StackSwitch> {
  const a = loadProject(new DirectIO(root, false)).answers;
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
  options: { force: FORCE_OPTION },
  examples: ['', 'cache squid', 'balancer none'],
  run: async (input, ctx) => {
    const root = requireProjectRoot(ctx.cwd);
    const { level, component } = input.args;
    let target: StackSwitch;
    if (level !== undefined && component !== undefined) target = parseSwitch(level, component);
    else {
      // Check what was given before showing or asking anything.
      const given = level === undefined ? undefined : parseLevel(level);
      const project = loadProject(new DirectIO(root, false));
      ctx.out(describeStack(project.answers, project.profiles));
      target = await askSwitch(ctx, root, given);
    }
    await runInProject(ctx, root, input.options['force'] === true, ({ io, note }) => {
      const same = switchStack(io, target);
      if (same) note(same);
    });
    const after = loadProject(new DirectIO(root, false));
    ctx.out(describeStack(after.answers, after.profiles));
    return 0;
  },
} as const satisfies CommandSpec;
