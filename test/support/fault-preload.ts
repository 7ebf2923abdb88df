// Preloaded into a plonefactory bin (node --import) to arm a fault from test/support/fault-fs.ts:
// PF_FS_FAULT holds the plan as JSON. The bin's bundle then calls the wrapped node:fs.
import { installFaultFs, type FaultPlan } from './fault-fs.js';

const plan = process.env['PF_FS_FAULT'];
if (plan) installFaultFs().arm(JSON.parse(plan) as FaultPlan);
