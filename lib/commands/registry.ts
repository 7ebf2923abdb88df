// Every command this package ships, in the order --help lists them: the bin dispatches on
// this list, and each generators/NAME/index.ts wraps one of them for Yeoman.
import { APP_COMMAND } from './app.js';
import { CHECK_COMMAND } from './check.js';
import type { CommandSpec } from './command.js';
import { FACTORY_COMMAND } from './factory.js';
import { MODULE_COMMAND } from './module.js';
import { PROFILE_COMMAND } from './profile.js';
import { STACK_COMMAND } from './stack.js';

export const COMMANDS: readonly CommandSpec[] = [APP_COMMAND, MODULE_COMMAND, STACK_COMMAND, PROFILE_COMMAND, CHECK_COMMAND, FACTORY_COMMAND];

export const commandNamed = (name: string): CommandSpec | undefined => COMMANDS.find((c) => c.name === name);
