// Hromada's pulse open data against its published schema: for the installation,
// every region and every community, the JSON download is checked against
// /pulse/schema.json (the JSON Schema the server publishes) and the CSV download
// against the same columns, row by row equal to the JSON. The pulse's pages
// themselves are checked by the crawl (suite.mjs), which reaches them from the
// footer of every page.
//
//   BASE_URL=http://127.0.0.1:8080 node browser/pulse.mjs
//
// Environment:
//   BASE_URL   the server (required)
//
// Checks (each failure is printed with the URL):
//   schema     /pulse/schema.json answers 200 as application/schema+json
//   json       each …/pulse.json answers 200, parses, and conforms to the schema
//              (type, const, enum, pattern, required, additionalProperties,
//              properties, items — the parts of JSON Schema the schema uses)
//   csv        each …/pulse.csv answers 200 as text/csv, is offered as a download,
//              starts with the schema's columns, and has one line per JSON row with
//              the same values (empty for null)
//   licence    both carry the licence (Link rel="license" to CC BY 4.0) and the
//              JSON names it with the time of its snapshot

import { requiredEnv } from './lib.mjs';

const [BASE_URL] = requiredEnv('BASE_URL');
const base = new URL(BASE_URL);
const failures = [];
const fail = (url, check, detail) => failures.push({ url, check, detail });

async function get(path) {
  const r = await fetch(new URL(path, base), { redirect: 'manual' });
  return { status: r.status, headers: r.headers, body: await r.text() };
}

/** The errors of `value` against `schema` (the subset of JSON Schema the server's schema uses). */
function conform(value, schema, at = '$') {
  const errors = [];
  const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  if ('const' in schema && JSON.stringify(value) !== JSON.stringify(schema.const)) {
    errors.push(`${at}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const t = typeOf(value);
    const ok = types.some((want) => want === t || (want === 'number' && (t === 'integer' || t === 'number')));
    if (!ok) errors.push(`${at}: ${JSON.stringify(value)} is not of type ${types.join('|')}`);
  }
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    errors.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  }
  if (typeOf(value) === 'object') {
    for (const name of schema.required || []) {
      if (!(name in value)) errors.push(`${at}: ${name} is missing`);
    }
    for (const [name, v] of Object.entries(value)) {
      const sub = schema.properties && schema.properties[name];
      if (sub) errors.push(...conform(v, sub, `${at}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: ${name} is not in the schema`);
    }
  }
  if (schema.items && Array.isArray(value)) {
    value.forEach((item, i) => errors.push(...conform(item, schema.items, `${at}[${i}]`)));
  }
  return errors;
}

/** RFC 4180 lines of a CSV text, each as its fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const schemaResponse = await get('/pulse/schema.json');
if (schemaResponse.status !== 200) {
  console.error(`/pulse/schema.json answered ${schemaResponse.status}`);
  process.exit(1);
}
if (!(schemaResponse.headers.get('content-type') || '').startsWith('application/schema+json')) {
  fail('/pulse/schema.json', 'schema', `content-type ${schemaResponse.headers.get('content-type')}`);
}
const schema = JSON.parse(schemaResponse.body);
const columns = schema.properties.columns.const;

// The installation's data names its regions; each region's names its communities.
const pages = ['/pulse'];
const seen = new Set(pages);
let checked = 0;
while (pages.length) {
  const page = pages.shift();
  const json = await get(`${page}.json`);
  if (json.status !== 200) {
    fail(`${page}.json`, 'json', `answered ${json.status}`);
    continue;
  }
  if (!/rel="license"/.test(json.headers.get('link') || '') || !/creativecommons\.org\/licenses\/by\/4\.0/.test(json.headers.get('link') || '')) {
    fail(`${page}.json`, 'licence', `Link header: ${json.headers.get('link')}`);
  }
  let doc;
  try {
    doc = JSON.parse(json.body);
  } catch (e) {
    fail(`${page}.json`, 'json', `does not parse: ${e.message}`);
    continue;
  }
  const errors = conform(doc, schema);
  if (errors.length) fail(`${page}.json`, 'json', errors.slice(0, 5).join('\n'));
  if (doc.licence?.name !== 'CC BY 4.0' || !doc.snapshot_at) fail(`${page}.json`, 'licence', 'no licence or snapshot time');

  const csv = await get(`${page}.csv`);
  if (csv.status !== 200) {
    fail(`${page}.csv`, 'csv', `answered ${csv.status}`);
  } else {
    if (!(csv.headers.get('content-type') || '').startsWith('text/csv')) fail(`${page}.csv`, 'csv', `content-type ${csv.headers.get('content-type')}`);
    if (!(csv.headers.get('content-disposition') || '').startsWith('attachment')) fail(`${page}.csv`, 'csv', 'not offered as a download');
    if (!/rel="license"/.test(csv.headers.get('link') || '')) fail(`${page}.csv`, 'licence', 'no Link rel="license"');
    const lines = parseCsv(csv.body);
    if (JSON.stringify(lines[0]) !== JSON.stringify(columns)) fail(`${page}.csv`, 'csv', `header ${lines[0]} is not ${columns}`);
    const rows = doc.rows || [];
    if (lines.length - 1 !== rows.length) fail(`${page}.csv`, 'csv', `${lines.length - 1} lines, ${rows.length} JSON rows`);
    rows.slice(0, lines.length - 1).forEach((row, i) => {
      const fields = lines[i + 1];
      columns.forEach((column, j) => {
        const want = row[column];
        const got = fields[j];
        const same = want === null ? got === '' : typeof want === 'number' ? Number(got) === want && got !== '' : got === String(want);
        if (!same) fail(`${page}.csv`, 'csv', `line ${i + 2}, ${column}: ${JSON.stringify(got)}, JSON has ${JSON.stringify(want)}`);
      });
    });
  }
  checked++;

  for (const row of doc.rows || []) {
    const next = row.scope_type === 'region' ? `/pulse/${row.scope}` : row.scope_type === 'community' ? `/${row.scope}/pulse` : null;
    if (next && !seen.has(next)) {
      seen.add(next);
      pages.push(next);
    }
  }
}

for (const f of failures) console.log(`FAIL ${f.check} ${f.url}\n  ${f.detail.replace(/\n/g, '\n  ')}`);
console.log(`pulse open data: ${checked} places checked (JSON and CSV), ${failures.length} failure(s)`);
process.exit(failures.length ? 1 : 0);
