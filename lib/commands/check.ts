// `plonefactory check [PROFILE...]` / `yo plonefactory:check`: lints a buildout for its traps,
// with file:line. Exit 0 clean, 1 findings, 2 usage. The check is lib/buildout's.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../generator/find-project.js';
import { runCheck } from '../generator/run-check.js';
import { writeStdout } from '../write-stdout.js';
import type { CommandSpec } from './command.js';

export const CHECK_COMMAND = {
  name: 'check',
  summary: 'lint every profile and root config for buildout traps, with file:line',
  args: [{ name: 'profiles', variadic: true, description: 'What to check: config files (.cfg) or names of profiles/*.cfg (default: the entry points: root .cfg files no other extends, profiles/*.cfg)' }],
  options: {
    json: { type: 'boolean', description: 'Print the findings as a JSON array (file, line, code, severity, message), nothing else' },
    all: { type: 'boolean', description: 'Also show info findings (true but harmless); default: errors and warnings' },
    strict: { type: 'boolean', description: 'Exit 1 on warnings too (zc.buildout 2.13 and 3.x differ); default: on errors only' },
    buildout: { type: 'string', value: '2.13|3', description: "zc.buildout rules to read the files with; default: the Plone line's in .yo-rc.json, else 2.13" },
    manifest: { type: 'string', value: 'FILE', description: 'A factory manifest: check every site of it, and the ports sites share on a host' },
    'extends-cache': { type: 'string', value: 'DIR', description: "Folder of md5(url)-named copies of extends URLs (zc.buildout's extends-cache); never downloads" },
  },
  examples: ['', 'production --json', '--manifest sites.json'],
  run: async (input, ctx) => {
    const o = input.options;
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const buildout = str(o['buildout']);
    const extendsCache = str(o['extends-cache']);
    const manifest = str(o['manifest']);
    // Below a project's root (in profiles/, say), the project; any buildout where it is run.
    const here = ctx.cwd;
    const buildoutHere = existsSync(join(here, 'buildout.cfg')) || existsSync(join(here, 'profiles'));
    const cwd = manifest === undefined && !buildoutHere ? (findProjectRoot(here) ?? here) : here;
    const { output, exitCode } = runCheck({
      cwd, profiles: (input.args['profiles'] as string[] | undefined) ?? [], json: o['json'] === true, all: o['all'] === true, strict: o['strict'] === true,
      ...(buildout === undefined ? {} : { buildout }),
      ...(extendsCache === undefined ? {} : { extendsCache }),
      ...(manifest === undefined ? {} : { manifest }),
      ...(ctx.progress ? { progress: ctx.progress } : {}),
    });
    writeStdout(output);
    return exitCode;
  },
} as const satisfies CommandSpec;
