// Mail merge in headless Chromium (part of `make bench`, after bench_merge.py
// wrote its list, template and schema to target/bench-merge/): the files
// worker of the built dist/ (wasm) loads 10,000 recipients and renders and
// checks them chunk by chunk, driven the way the page drives it; then
// 100,000 recipients, with the tab's memory (the renderer processes' RSS).
//   node scripts/bench_merge_browser.mjs
import fs from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { launchBrowser, mergeInWorker, serveDist, templateOf } from '../tests/e2e/harness.mjs';

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

/** Runs one merge of `list` (rows repeated `repeat` times) in the files worker of `page`. */
async function merge(page, list, repeat) {
  const result = await mergeInWorker(page, { list, repeat, template: templateOf({ body: template }), schema: JSON.parse(schema) });
  return { rows: result.loaded.Ok.rows, loadMs: result.loadMs, totalMs: result.totalMs, tally: result.chunks.at(-1).tally, bytes: result.size };
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
