// The Yeoman shell around one command declaration (lib/commands/): what yo parsed is turned
// back into a command line and parsed by the bin's own parser, so both entry points accept the
// same command lines and reject the same typos; the run is the command's own, writing through
// the same staged commit (all or nothing), asking through Yeoman's prompts.
// Not an index.ts: Yeoman's lookup would register it as a generator.
import Generator, { type BaseOptions } from 'yeoman-generator';
import type { CommandSpec, Question } from '../lib/commands/command.js';
import { commandHelp } from '../lib/commands/help.js';
import { parseCommand } from '../lib/commands/parse-args.js';
import { canPrompt } from '../lib/generator/can-prompt.js';
import { exitCodeOf } from '../lib/generator/usage-error.js';

/**
 * Keys Yeoman, yo and yeoman-test put in a generator's options themselves, never typed as
 * one of ours. Yeoman's own `--skip-install` & co. are not among them: they default to false
 * under their kebab names (yeoman-test sets only the camel ones), so a true one was typed,
 * and is refused as the bin refuses it.
 */
const NOT_TYPED = new Set([
  '_', '_meta', 'env', 'resolved', 'namespace', 'sharedData', 'sharedFs', 'forwardErrorToEnvironment', 'skipLocalCache',
  'localConfigOnly', 'initialGenerator', 'customInstallTask', 'help', 'skipInstall', 'skipCache', 'forceInstall', 'askAnswered',
  'insight', 'debug', 'localOnly', 'local-only', 'composedBy', 'destinationRoot', 'adapter',
]);

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The command line yo parsed (positional words, then options), as the bin would have seen it. */
export function commandLine(spec: CommandSpec, args: readonly string[], options: Record<string, unknown>): string[] {
  const words = [...args];
  const flags: string[] = [];
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(options)) {
    if (NOT_TYPED.has(key) || value === undefined || value === false) continue;
    const name = kebab(key);
    if (seen.has(name)) continue;
    seen.add(name);
    if (value === true) flags.push(`--${name}`);
    else if (spec.options[name]?.type === 'boolean') {
      // yo's parser gives a flag the word after it (`--defaults acme`): ours takes that word
      // as an argument (its place among the others is lost; the first is the likeliest)
      flags.push(`--${name}`);
      words.unshift(String(value));
    } else for (const v of Array.isArray(value) ? value : [value]) flags.push(`--${name}`, String(v));
  }
  return [...words, ...flags];
}

// (Its return type is inferred: a class expression, which `typeof Generator` cannot describe.)
export function yeomanShell(spec: CommandSpec) {
  return class CommandShell extends Generator {
    readonly words: string[];

    constructor(args: string[] | undefined, opts: BaseOptions) {
      // A buildout has no npm install step: say so, or Yeoman talks about package.json.
      super(args, opts, { customInstallTask: true });
      this.words = [...(args ?? [])];
    }

    // Called by yeoman-environment for --help, instead of its own (which lists options the
    // bin rejects and spells the usage for yo only).
    override help(): string {
      return commandHelp(spec, 'yo');
    }

    async plonefactory(): Promise<void> {
      try {
        const input = parseCommand(spec, commandLine(spec, this.words, this.options as Record<string, unknown>));
        const code = await spec.run(input, {
          cwd: this.env.cwd,
          out: (line) => this.log(line),
          // Yeoman's prompt typings are a union per question type; ours are built to match them
          ask: canPrompt(this.env.adapter) ? async (qs: readonly Question[]) => (await this.prompt(qs as unknown as Parameters<typeof this.prompt>[0])) as Record<string, unknown> : null,
          entry: 'yo',
        });
        if (code) process.exitCode = code;
      } catch (e) {
        // yo exits with the error's `code`: make it ours (2 usage, 130 interrupted, else 1)
        const error = e instanceof Error ? e : new Error(String(e));
        throw Object.assign(new Error(error.message), { code: exitCodeOf(error), exitCode: exitCodeOf(error) });
      }
    }
  };
}
