import { collectScaleDatabase } from './cases/reconcile-scale';
import { scaleDefaults } from '../electron/emulators/scenarios/scale/scale-scenario';
const dir = process.argv[2]!;
const scale = Number(process.argv[3] ?? 1);
const opts = { ...scaleDefaults, users: scaleDefaults.users / scale, groups: scaleDefaults.groups / scale, memberships: scaleDefaults.memberships / scale, logEntries: scaleDefaults.logEntries / scale };
const r = await collectScaleDatabase(opts, dir);
console.log(JSON.stringify(r));
