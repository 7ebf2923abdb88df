// `plonefactory module [NAME...]` / `yo plonefactory:module`: adds add-on modules to the
// project (profiles/modules/NAME.cfg, wired into the profiles' extends) or takes them out;
// with no name, lists the catalog. The checks and edits are lib/modules'.
import { resolve as resolvePath } from 'node:path';
import { requireProjectRoot } from '../generator/find-project.js';
import { loadProject } from '../generator/project-state.js';
import { changeModules } from '../modules/apply.js';
import { catalogListing } from '../modules/listing.js';
import { FOLLOW_SYMLINKS_OPTION, FORCE_OPTION, type CommandSpec } from './command.js';
import { projectReader, runFlags, runInProject, withProjects } from './project-run.js';

export const MODULE_COMMAND = {
  name: 'module',
  summary: 'add or remove an add-on module (profiles/modules/NAME.cfg)',
  args: [{ name: 'names', variadic: true, description: 'Modules to add (or, with --remove, to take out): catalog names, or one egg of your own with --pin. None: list the catalog' }],
  options: {
    remove: { type: 'boolean', description: 'Take the named modules out: their file and their extends lines, nothing else' },
    pin: { type: 'string', value: 'VERSION', description: 'Version of an egg of your own: module collective.foo --pin 1.2.3' },
    zcml: { type: 'boolean', description: 'The egg of your own needs a zcml slug' },
    'extends-cache': { type: 'string', value: 'DIR', description: "Folder of md5(url)-named copies of the release's pin files, to check pins against them offline" },
    force: { ...FORCE_OPTION, description: "Take this module's pins over conflicting ones, add eggs listed elsewhere already, overwrite hand edits in conflict" },
    'follow-symlinks': FOLLOW_SYMLINKS_OPTION,
  },
  examples: ['', 'ldap easyform', 'collective.foo --pin 1.2.3 --zcml', '--remove ldap'],
  run: async (input, ctx) => {
    const root = requireProjectRoot(ctx.cwd);
    const names = (input.args['names'] as string[] | undefined) ?? [];
    const o = input.options;
    const flags = runFlags(o);
    const force = flags.force;
    if (!names.length && o['remove'] !== true) {
      return withProjects(ctx, [root], async () => {
        const state = loadProject(projectReader(root, flags));
        for (const row of catalogListing(state.answers.plone, state.answers.modules)) ctx.out(row);
        return 0;
      });
    }
    const pin = typeof o['pin'] === 'string' ? o['pin'] : undefined;
    const cache = typeof o['extends-cache'] === 'string' ? o['extends-cache'] : undefined;
    return runInProject(ctx, root, flags, ({ io, note }) => {
      changeModules(
        io,
        { names, remove: o['remove'] === true, zcml: o['zcml'] === true, force, ...(pin === undefined ? {} : { pin }) },
        // the cache folder is typed from where the user stands
        cache === undefined ? {} : { extendsCache: cache === '' ? cache : resolvePath(ctx.cwd, cache) },
        note,
      );
    });
  },
} as const satisfies CommandSpec;
