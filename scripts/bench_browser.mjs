// Browser benchmarks on the built dist/ in headless Chromium (part of `make bench`):
// loading a library of 1,000 realistic templates from local storage.
//   node scripts/bench_browser.mjs FIXTURE.json
// FIXTURE is what `cargo run -p notice-engine --example realistic_library` prints.
// Figures are printed against their targets; a slow machine does not fail anything.
import fs from 'node:fs/promises';
import { launchBrowser, serveDist } from '../tests/e2e/harness.mjs';

const RUNS = 10;
const TARGET_MS = 200;
const QUOTA_UNITS = 5 * 1024 * 1024; // what Chromium allows an origin, in UTF-16 units

const fixture = JSON.parse(await fs.readFile(process.argv[2], 'utf8'));
const server = await serveDist();
const browser = await launchBrowser();
const page = await (await browser.newContext()).newPage();
await page.goto(server.url + '?lang=en');
const units = await page.evaluate((entries) => {
  localStorage.clear();
  for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
  return Object.entries(entries).reduce((n, [k, v]) => n + k.length + v.length, 0);
}, fixture);

const load = [];
const ready = [];
for (let run = 0; run < RUNS; run++) {
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('.template-list li').length >= 1000, null, { timeout: 30_000 });
  const [measure, interactive] = await page.evaluate(() => [
    performance.getEntriesByName('notice-studio:library-load')[0]?.duration,
    performance.now(),
  ]);
  load.push(measure);
  ready.push(interactive);
}
await browser.close();
await server.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const count = Object.keys(fixture).filter((k) => k.startsWith('notice-studio.template.')).length;
console.log(`\nlibrary of ${count} templates: ${(units / 1e6).toFixed(2)} M UTF-16 units stored, ${((units / QUOTA_UNITS) * 100).toFixed(0)}% of Chromium's local-storage quota`);
const verdict = (ms) => (ms <= TARGET_MS ? 'meets target' : 'OVER TARGET');
const row = (name, ms, tail) => console.log(`${name.padEnd(52)} ${ms.toFixed(1).padStart(8)}ms  ${tail}`);
row(`decode library from storage (median of ${RUNS})`, median(load), `target ${TARGET_MS}ms: ${verdict(median(load))}`);
row('navigation to the 1,000-row list shown (median)', median(ready), '(for information)');
