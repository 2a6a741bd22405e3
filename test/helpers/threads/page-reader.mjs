// Pages through the provisioning log on a read-only connection of its own (another thread, as the
// query worker is), timing each page. Plain JavaScript: a worker thread cannot load TypeScript.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

import Database from 'better-sqlite3';

const { path, pageSize, pauseMs } = workerData;
const db = new Database(path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const page = db.prepare(
  `SELECT activity_date_time AS t, id FROM provisioning_events
    WHERE (activity_date_time, id) > (?, ?) ORDER BY activity_date_time, id LIMIT ?`,
);
const pause = new Int32Array(new SharedArrayBuffer(4));
const pages = [];
const ids = [];
let after = ['', ''];
parentPort.postMessage({ started: true });
for (;;) {
  const start = Date.now();
  const t0 = performance.now();
  const rows = page.all(after[0], after[1], pageSize);
  pages.push({ start, ms: performance.now() - t0 });
  if (rows.length === 0) break;
  for (const row of rows) ids.push(row.id);
  const last = rows[rows.length - 1];
  after = [last.t, last.id];
  Atomics.wait(pause, 0, 0, pauseMs);
}
db.close();
parentPort.postMessage({ pages, ids });
