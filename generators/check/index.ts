// `yo plonefactory:check`: the Yeoman shell around lib/commands/check.ts, which declares the
// command once for both entry points.
import { CHECK_COMMAND } from '../../lib/commands/check.js';
import { yeomanShell } from '../yeoman-shell.js';

export default yeomanShell(CHECK_COMMAND);
