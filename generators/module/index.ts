// `yo plonefactory:module`: the Yeoman shell around lib/commands/module.ts, which declares the
// command once for both entry points.
import { MODULE_COMMAND } from '../../lib/commands/module.js';
import { yeomanShell } from '../yeoman-shell.js';

export default yeomanShell(MODULE_COMMAND);
