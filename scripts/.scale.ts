import { scaleDefaults } from '../electron/emulators/scenarios/scale/scale-scenario';
import { collectScaleDatabase } from '../bench/cases/reconcile-scale';
const r = await collectScaleDatabase(scaleDefaults, '/work/scale');
process.stdout.write(JSON.stringify(r) + '\n');
