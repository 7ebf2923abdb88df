// `yo plonefactory`: the Yeoman shell around lib/commands/app.ts, which declares the
// command once for both entry points.
import { APP_COMMAND } from '../../lib/commands/app.js';
import { yeomanShell } from '../yeoman-shell.js';

export default yeomanShell(APP_COMMAND);
