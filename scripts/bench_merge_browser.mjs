// Mail merge in headless Chromium (part of `make bench`, after bench_merge.py
// wrote its list, template and schema to target/bench-merge/): the files
// worker of the built dist/ (wasm) loads 10,000 recipients and renders and
// checks them chunk by chunk, driven the way the page drives it; then
// 100,000 recipients, with the tab's memory (the renderer processes' RSS).
//   node scripts/bench_merge_browser.mjs
import fs from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { launchBrowser, serveDist } from '../tests/e2e/harness.mjs';

const DIR = path.resolve(import.meta.dirname, '../target/bench-merge');
const TARGET_MS = 1000;
const MEMORY_TARGET_MB = 500;

const [template, schema, list] = await Promise.all([
  fs.readFile(path.join(DIR, 'notice.email.j2'), 'utf8'),
  fs.readFile(path.join(DIR, 'schema.json'), 'utf8'),
  fs.readFile(path.join(DIR, 'recipients.csv')),
]);
const jinja2 = JSON.parse(await fs.readFile(path.join(DIR, 'jinja2.json'), 'utf8').catch(() => 'null'));

const server = await serveDist();
const browser = await launchBrowser();

/** Opens the app in a new tab of its own. */
async function freshPage() {
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.url + '?lang=en');
  await page.getByTestId('template-body').waitFor();
  return page;
}

/** Runs one merge in the files worker of `page`; returns its timings and counts. */
async function merge(page, csvBytes, repeat) {
  return page.evaluate(async ({ template, schema, csv, repeat }) => {
    const worker = new Worker('./notice-files_loader.js');
    const answers = [];
    let wake = null;
    worker.onmessage = (event) => { answers.push(event.data); wake?.(); };
    const next = async () => {
      while (!answers.length) await new Promise((r) => (wake = r));
      return answers.shift();
    };
    await next(); // ready
    // The list as the page would read it from a picked file: header once, rows `repeat` times.
    const text = new TextDecoder().decode(new Uint8Array(csv));
    const [header, ...rows] = text.trimEnd().split('\n');
    const body = rows.join('\n') + '\n';
    const bytes = new TextEncoder().encode(header + '\n' + body.repeat(repeat));
    const parsedSchema = JSON.parse(schema);
    const start = performance.now();
    worker.postMessage([JSON.stringify({ Merge: { Load: { name: 'recipients.csv', schema: parsedSchema } } }), bytes]);
    const loaded = JSON.parse(await next()).Loaded.Ok;
    const loadedAt = performance.now();
    const common = { shared: { schema: parsedSchema, partials: {} }, settings: {} };
    const tmpl = {
      id: 'bench', name: 'bench', channel: 'email', purpose: 'notification', audience: 'all', locale: 'zh-CN',
      subject: '', body: template, samples: [], send_at: null, holiday: null,
    };
    const fields = loaded.mapping.filter(Boolean);
    worker.postMessage(JSON.stringify({ Merge: { Start: { template: tmpl, common, mapping: loaded.mapping, fields, lang: 'zh-CN' } } }));
    const parts = [];
    let chunk;
    for (;;) {
      const [json, csvPart] = await next();
      chunk = JSON.parse(json).Chunk;
      // Each chunk's lines become a Blob at once: the browser keeps Blob
      // data outside the page's heap, so 100,000 messages never sit in it.
      parts.push(new Blob([csvPart]));
      if (chunk.done >= chunk.total) break;
      worker.postMessage(JSON.stringify({ Merge: 'Next' }));
    }
    const results = new Blob(parts, { type: 'text/csv' });
    const end = performance.now();
    worker.terminate();
    return { rows: loaded.rows, loadMs: loadedAt - start, totalMs: end - start, tally: chunk.tally, bytes: results.size };
  }, { template, schema, csv: [...csvBytes], repeat });
}

/** Resident memory of Chromium's renderer processes (the page and its workers), in MB. */
function rendererRssMb() {
  const out = execFileSync('ps', ['-eo', 'rss,args'], { encoding: 'utf8' });
  return Math.max(...out.split('\n').filter((l) => l.includes('--type=renderer')).map((l) => Number(l.trim().split(/\s+/)[0]) / 1024));
}

// 100,000 recipients first, in a tab of their own, sampling its memory.
const page = await freshPage();
const idle = rendererRssMb();
let peak = 0;
const sampler = setInterval(() => { peak = Math.max(peak, rendererRssMb()); }, 200);
const big = await merge(page, list, 10);
clearInterval(sampler);
peak = Math.max(peak, rendererRssMb());

const runs = [];
for (let i = 0; i < 3; i++) runs.push(await merge(await freshPage(), list, 1));
const best = runs.reduce((a, b) => (a.totalMs < b.totalMs ? a : b));
console.log(`mail merge in Chromium (wasm files worker): ${best.rows} recipients x ${Buffer.byteLength(template)} B template`);
console.log(`  read the list ${best.loadMs.toFixed(0)} ms; read + render + check + results CSV ${best.totalMs.toFixed(0)} ms`
  + ` (${(best.rows / best.totalMs * 1000).toFixed(0)} rows/s; target <= ${TARGET_MS} ms: ${best.totalMs <= TARGET_MS ? 'ok' : 'MISSED'})`);
console.log(`  ${best.tally.ok} ok, ${best.tally.warning} warning, ${best.tally.error} error; results ${(best.bytes / 1048576).toFixed(1)} MB`);
if (jinja2) console.log(`  ratio wasm / Python Jinja2 (render only, same machine, same run): ${(best.totalMs / 1000 / jinja2.seconds).toFixed(2)}`);

console.log(`  ${big.rows} recipients: ${(big.totalMs / 1000).toFixed(1)} s, tab peak ${peak.toFixed(0)} MB`
  + ` (target <= ${MEMORY_TARGET_MB} MB: ${peak <= MEMORY_TARGET_MB ? 'ok' : 'MISSED'}; ${idle.toFixed(0)} MB before it)`);

await browser.close();
await server.close();
