// `yo plonefactory:factory`: the Yeoman shell around lib/commands/factory.ts, which declares the
// command once for both entry points.
import { FACTORY_COMMAND } from '../../lib/commands/factory.js';
import { yeomanShell } from '../yeoman-shell.js';

export default yeomanShell(FACTORY_COMMAND);
