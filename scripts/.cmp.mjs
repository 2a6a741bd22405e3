import Database from 'better-sqlite3';
import zlib from 'node:zlib';
const db = new Database('/work/scale/scale-100000/profiles/default.sqlite', { readonly: true });
const rows = db.prepare("SELECT id, source_id, target_id, cycle_id, job_id, change_id, source_display_name, target_display_name, raw FROM provisioning_events WHERE seq % 200 = 7 LIMIT 5000").all();
console.log('rows', rows.length, 'avg raw', rows.reduce((s,r)=>s+Buffer.byteLength(r.raw),0)/rows.length);
console.log(rows[0].raw);
const dictSrc = rows.slice(0, 40).map(r=>r.raw).join('');
const dict = Buffer.from(dictSrc.slice(-32000));
const test = rows.slice(100);
for (const [name, f] of [
  ['deflate', r => zlib.deflateRawSync(r.raw, {level: 9})],
  ['brotli', r => zlib.brotliCompressSync(r.raw, {params:{[zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT}})],
  ['deflate+dict', r => zlib.deflateRawSync(r.raw, {level: 9, dictionary: dict})],
  ['deflate+dict+cols', r => zlib.deflateRawSync(r.raw, {level: 9, dictionary: Buffer.concat([dict, Buffer.from([r.job_id, r.cycle_id, r.change_id, r.source_display_name, r.target_display_name, r.source_id, r.target_id, r.id].join('"'))])})],
]) {
  const t = performance.now();
  const total = test.reduce((s, r) => s + f(r).length, 0);
  console.log(name, (total / test.length).toFixed(0), 'B avg', ((performance.now()-t)/test.length*1000).toFixed(1), 'us/entry');
}
