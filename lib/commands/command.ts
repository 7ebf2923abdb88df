// The shape of one command's declaration (like jhipster's command.ts): its arguments, its
// options and its run. The bin's parser, both entry points' --help and the Yeoman shell are
// all derived from a declaration, so `plonefactory X` and `yo plonefactory:X` accept the
// same command lines and reject the same typos.

/** A question in inquirer's form, which Yeoman's adapter and the bin's terminal both ask. */
export interface Question {
  type: 'input' | 'select' | 'confirm';
  name: string;
  message: string;
  choices?: ReadonlyArray<string | { name: string; value: string }>;
  default?: string | boolean;
  /** Checked as the user types: true, or the one-line reason it is refused. */
  validate?: (input: unknown, answers?: Record<string, unknown>) => true | string;
}

/** Asks questions in a terminal; null where nobody can be asked (a pipe, CI). */
export type Ask = (questions: readonly Question[]) => Promise<Record<string, unknown>>;

/** Which entry point runs the command: it changes only how the usage line is spelt. */
export type Entry = 'plonefactory' | 'yo';

export interface RunContext {
  /** Where the user stands; sub-generators find their project from here, like git. */
  cwd: string;
  /** One line of the run's report on stdout. */
  out: (line: string) => void;
  ask: Ask | null;
  entry: Entry;
  /** Work done of total, on a terminal only (the bin sets it when stderr is one). */
  progress?: (done: number, total: number) => void;
}

export interface ArgSpec {
  name: string;
  description: string;
  /** Takes every remaining positional word. */
  variadic?: boolean;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in --help as VALUE; a string option's allowed values are checked by its run. */
  value?: string;
}

export interface ParsedCommand {
  args: Record<string, string | string[] | undefined>;
  options: Record<string, string | boolean | undefined>;
}

export interface CommandSpec {
  name: string;
  summary: string;
  args: readonly ArgSpec[];
  options: Readonly<Record<string, OptionSpec>>;
  examples: readonly string[];
  /** The exit code: 0 done, 1 refused or failed (most failures throw instead). */
  run: (input: ParsedCommand, ctx: RunContext) => Promise<number>;
}

/** Options every command that writes a project shares. */
export const FORCE_OPTION: OptionSpec = { type: 'boolean', description: 'Overwrite files whose hand edits conflict with this run' };

/** Every command that writes a project: symlinks leading out of it are refused unless this is given. */
export const FOLLOW_SYMLINKS_OPTION: OptionSpec = { type: 'boolean', description: 'Read and write through symlinks that lead out of the project (refused otherwise)' };
