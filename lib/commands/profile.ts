// `plonefactory profile NAME [--from PROFILE]` / `yo plonefactory:profile`: adds the jenkins
// profile, or a custom one extending --from (default production) on its own ports. The
// profile's files are planned in lib/project/plan-profiles.ts, checked before writing.
import { requireProjectRoot } from '../generator/find-project.js';
import { loadProject } from '../generator/project-state.js';
import { AnswerError } from '../project/answers.js';
import { addProfile, requestedProfile } from '../profiles/add-profile.js';
import { allProfiles, checkStoredProfiles, JENKINS } from '../profiles/spec.js';
import { FOLLOW_SYMLINKS_OPTION, FORCE_OPTION, type CommandSpec } from './command.js';
import { planAndCommit, projectReader, runFlags, withProjects } from './project-run.js';

export const PROFILE_COMMAND = {
  name: 'profile',
  summary: 'add a profile: jenkins, or your own extending another',
  args: [{ name: 'name', description: `Profile name: ${JENKINS} (tests with XML reports, coverage, ruff, and a Jenkinsfile), or your own` }],
  options: {
    from: { type: 'string', value: 'PROFILE', description: 'Profile a custom profile extends (default production)' },
    force: FORCE_OPTION,
    'follow-symlinks': FOLLOW_SYMLINKS_OPTION,
  },
  examples: ['jenkins', 'staging --from preproduction'],
  run: async (input, ctx) => {
    const root = requireProjectRoot(ctx.cwd);
    const from = input.options['from'];
    const flags = runFlags(input.options);
    return withProjects(ctx, [root], async () => {
      let name = input.args['name'];
      if (name === undefined) {
        const probe = projectReader(root, flags);
        const extra = checkStoredProfiles(loadProject(probe).profiles);
        if (!ctx.ask) throw new AnswerError(`no terminal to ask on: pass NAME (${JENKINS}, or a name of your own) and optionally --from PROFILE (${allProfiles(extra).join(', ')})`);
        ({ name } = (await ctx.ask([{
          type: 'input', name: 'name', message: `Profile name (${JENKINS}, or your own)`,
          validate: (raw) => {
            try {
              requestedProfile(probe, raw, from);
              return true;
            } catch (e) {
              return (e as Error).message;
            }
          },
        }])) as { name: string });
      }
      const profile = String(name);
      return planAndCommit(ctx, root, flags, ({ io, note }) => {
        const spec = requestedProfile(io, profile, from);
        addProfile(io, profile, spec);
        const how = spec.kind === 'jenkins' ? 'built by ./Jenkinsfile with `bin/buildout -c jenkins.cfg`' : `extends ${spec.from}, ports from ${spec.portBase}`;
        note(`profile ${profile} ready: profiles/${profile}.cfg, ${how}`);
      });
    });
  },
} as const satisfies CommandSpec;
