// `plonefactory check [PROFILE...]` / `yo plonefactory:check`: lint every profile of a buildout
// for its traps, with file:line. Exit 0 clean, 1 findings, 2 usage (via UsageError). Options and
// printing only; the check is lib/buildout/check-project-cli.ts.
import Generator, { type BaseOptions } from 'yeoman-generator';
import { resolve } from 'node:path';
import { runCheck } from '../../lib/generator/run-check.js';

export default class CheckGenerator extends Generator {
  constructor(args: string[], opts: BaseOptions) {
    // nothing to install, nothing written
    super(args, opts, { customInstallTask: true });
    this.argument('profiles', { type: Array, required: false, description: 'What to check: config files (.cfg) or names of profiles/*.cfg (default: the entry points: root .cfg files no other extends, profiles/*.cfg)' });
    this.option('json', { type: Boolean, description: 'Print the findings as a JSON array (file, line, code, severity, message), nothing else' });
    this.option('all', { type: Boolean, description: 'Also show info findings (true but harmless); default: errors and warnings' });
    this.option('strict', { type: Boolean, description: 'Exit 1 on warnings too (zc.buildout 2.13 and 3.x differ); default: on errors only' });
    this.option('buildout', { type: String, description: 'zc.buildout rules to read the files with (2.13|3); default: the Plone line\'s in .yo-rc.json, else 2.13' });
    this.option('manifest', { type: String, description: 'A factory manifest: check every site of it, and the ports sites share on a host' });
    this.option('extends-cache', { type: String, description: 'Folder of md5(url)-named copies of extends URLs (zc.buildout\'s extends-cache); never downloads' });
  }

  check(): void {
    const o = this.options as Record<string, unknown>;
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const cache = str(o['extends-cache'] ?? o['extendsCache']);
    const profiles = Array.isArray(o['profiles']) ? (o['profiles'] as unknown[]).map(String) : [];
    const manifest = str(o['manifest']);
    const { output, exitCode } = runCheck({
      // The project is yo's destination root; paths the user typed are from the shell's cwd.
      cwd: this.destinationRoot(), profiles, json: o['json'] === true, all: o['all'] === true, strict: o['strict'] === true, buildout: str(o['buildout']),
      ...(cache === undefined ? {} : { extendsCache: resolve(this.env.cwd, cache) }),
      ...(manifest === undefined ? {} : { manifest: resolve(this.env.cwd, manifest) }),
    });
    process.stdout.write(output);
    if (exitCode) process.exitCode = exitCode;
  }
}
