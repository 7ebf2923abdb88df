// `yo plonefactory:stack`: the Yeoman shell around lib/commands/stack.ts, which declares the
// command once for both entry points.
import { STACK_COMMAND } from '../../lib/commands/stack.js';
import { yeomanShell } from '../yeoman-shell.js';

export default yeomanShell(STACK_COMMAND);
