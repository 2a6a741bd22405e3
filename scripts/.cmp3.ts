import Database from 'better-sqlite3';
import { packEntry, unpackEntry } from '../electron/core/store/entry-codec';
const db = new Database('/work/scale/scale-100000/profiles/default.sqlite', { readonly: true });
const rows = db.prepare("SELECT id, source_id sourceId, target_id targetId, cycle_id cycleId, job_id jobId, change_id changeId, source_display_name sourceDisplayName, target_display_name targetDisplayName, raw FROM provisioning_events WHERE seq % 200 = 7 LIMIT 5000").all() as any[];
let t = performance.now(); let total = 0;
for (const r of rows) { const p = packEntry(r.raw, r); total += p.length; if (unpackEntry(p, r) !== r.raw) throw new Error('mismatch'); }
console.log('avg', total / rows.length, 'us', (performance.now() - t) / rows.length * 1000);
