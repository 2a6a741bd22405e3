// Commits batches of rows as fast as it can until told to stop, publishing the last batch it
// committed; a backup taken meanwhile must hold every batch committed before it began, whole.
import { workerData } from 'node:worker_threads';

import Database from 'better-sqlite3';

const { path, shared, batchRows } = workerData;
const state = new Int32Array(shared); // [0]: stop flag, [1]: last committed batch
const db = new Database(path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const insert = db.prepare(
  `INSERT INTO job_status_changes (job_id, observed_at, status_code, quarantined, state)
   VALUES ('backup-proof', ?, 'Active', 0, ?)`,
);
const commit = db.transaction((batch) => {
  for (let i = 0; i < batchRows; i++)
    insert.run(String(batch).padStart(8, '0'), JSON.stringify({ batch, i }));
});
for (let batch = 1; Atomics.load(state, 0) === 0; batch++) {
  commit(batch);
  Atomics.store(state, 1, batch);
}
db.close();
