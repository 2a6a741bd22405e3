import { openStore } from '../electron/core/store/open-database';
const t = performance.now();
const { db, schemaVersion } = openStore(process.argv[2]!);
console.log('migrated to', schemaVersion, Math.round(performance.now() - t), 'ms', db.prepare('select count(*) from object_keys').pluck().get());
db.close();
