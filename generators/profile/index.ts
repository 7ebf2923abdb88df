// `yo plonefactory:profile`: the Yeoman shell around lib/commands/profile.ts, which declares the
// command once for both entry points.
import { PROFILE_COMMAND } from '../../lib/commands/profile.js';
import { yeomanShell } from '../yeoman-shell.js';

export default yeomanShell(PROFILE_COMMAND);
