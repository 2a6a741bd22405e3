import Database from 'better-sqlite3';
const db = new Database('/work/scale/scale-100000/profiles/default.sqlite', { readonly: true });
const r = db.prepare("SELECT count(*) n, avg(length(raw)) a FROM (SELECT raw FROM provisioning_events ORDER BY seq DESC LIMIT 300000) WHERE raw NOT LIKE '%scimwatch.synthetic%'").get();
console.log(r);
const s = db.prepare("SELECT raw FROM provisioning_events WHERE raw NOT LIKE '%scimwatch.synthetic%' AND status='failure' ORDER BY seq DESC LIMIT 1").get();
console.log(s?.raw);
