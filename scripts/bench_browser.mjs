// Browser benchmarks on the built dist/ in headless Chromium (part of `make bench`):
// loading a library of 10,000 realistic templates from local storage, the time
// from a keystroke to the updated preview for a 2 KB template with 5 profiles,
// and from typing a runaway template to its render-limit message.
//   node scripts/bench_browser.mjs FIXTURE.json
// FIXTURE is what `cargo run -p notice-engine --example realistic_library` prints.
// Figures are printed against their targets; a slow machine does not fail anything.
import fs from 'node:fs/promises';
import { launchBrowser, RUNAWAYS, serveDist } from '../tests/e2e/harness.mjs';

const RUNS = 10;
const TARGET_MS = 300;
const QUOTA_UNITS = 5 * 1024 * 1024; // what Chromium allows an origin, in UTF-16 units

const fixture = JSON.parse(await fs.readFile(process.argv[2], 'utf8'));
const count = Object.keys(fixture).filter((k) => k.startsWith('notice-studio.template.')).length;
const server = await serveDist();
const browser = await launchBrowser();
const page = await (await browser.newContext()).newPage();
// The fixture goes in from a file of the origin that is not the app: on an
// empty storage the app installs the gallery, which would race with it.
await page.goto(server.url + 'notice-worker_loader.js');
const units = await page.evaluate((entries) => {
  localStorage.clear();
  for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
  return Object.entries(entries).reduce((n, [k, v]) => n + k.length + v.length, 0);
}, fixture);

const load = [];
const ready = [];
for (let run = 0; run < RUNS; run++) {
  await page.goto(server.url + '?lang=en');
  await page
    .waitForFunction((count) => document.querySelector('[data-testid=library-count]')?.textContent.includes(`/ ${count} `), count, { timeout: 60_000 })
    .catch(async (err) => {
      const shown = await page.evaluate(() => [document.title, document.querySelector('[data-testid=library-count]')?.textContent, document.body.innerText.slice(0, 400), localStorage.length]);
      throw new Error(`run ${run}: the library never showed ${count} templates; the page showed ${JSON.stringify(shown)}`, { cause: err });
    });
  const [measure, interactive] = await page.evaluate(() => [
    performance.getEntriesByName('notice-studio:library-load')[0]?.duration,
    performance.now(),
  ]);
  load.push(measure);
  ready.push(interactive);
}
// Keystroke → preview: a fresh profile, a 2 KB template, five sample customers.
// Each keystroke is also split: the page until it posts to the engine worker,
// the page's own work after posting (which the answer waits behind), the
// worker's answer arriving, and the preview updated; medians and p95s.
const context = await browser.newContext();
await context.addInitScript(() => {
  window.__phases = [];
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => window.__phases.push(['answer', performance.now()]));
    }
    postMessage(message) {
      window.__phases.push(['post', performance.now()]);
      // When the page's own work after posting ends (a task queued now runs then):
      // the worker's answer waits for it.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.__phases.push(['page free', performance.now()]);
      channel.port2.postMessage(null);
      return super.postMessage(message);
    }
  };
});
const fresh = await context.newPage();
await fresh.goto(server.url + '?lang=en');
await fresh.getByTestId('new-template').click();
const paragraph = 'Thank you for choosing {{ company }}. Your plan {{ plan | upper }} renews on {{ date }}; nothing changes for you. ';
await fresh.getByTestId('template-body').fill('Dear {{ name }},\n' + paragraph.repeat(18));
const profile = (i) => JSON.stringify({ name: `Customer ${i}`, company: 'Xinghe', plan: 'pro', date: `${i} Dec` });
await fresh.getByTestId('sample-data').fill(profile(1));
for (let i = 2; i <= 5; i++) {
  await fresh.getByTestId('add-profile').click();
  await fresh.getByTestId('sample-data').fill(profile(i));
}
await fresh.getByTestId('preview').waitFor();
const keystrokes = await fresh.evaluate(async (count) => {
  const area = document.getElementById('template-body');
  const pane = document.querySelector('.preview-pane');
  const times = [];
  for (let i = 0; i < count; i++) {
    const marker = `k${i}`;
    const shown = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-testid="preview"]')?.textContent.endsWith(marker)) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(pane, { subtree: true, childList: true, characterData: true });
    });
    const start = performance.now();
    window.__phases.push(['input', start]);
    area.value = area.value.replace(/ ?k\d+$/, '') + ' ' + marker;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await shown;
    times.push(performance.now() - start);
    window.__phases.push(['shown', performance.now()]);
  }
  return times;
}, 200);
// The first post and answer after each input, paired with its shown time.
const phases = [];
let current = null;
for (const [what, at] of await fresh.evaluate(() => window.__phases)) {
  if (what === 'input') current = { input: at };
  else if (current && !current[what]) current[what] = at;
  if (what === 'shown' && current?.post && current?.answer) phases.push(current);
}
// Runaway templates: from the input to the render-limit message shown (best of 5 each).
const runaways = [];
for (const [name, template, message] of RUNAWAYS) {
  const times = await fresh.evaluate(async ({ template, message }) => {
    const area = document.getElementById('template-body');
    const times = [];
    for (let i = 0; i < 5; i++) {
      for (const text of ['reset {{ 1 }}', template]) {
        const start = performance.now();
        const wanted = text === template ? message : 'reset 1';
        await new Promise((resolve) => {
          const done = () => {
            const shown = document.querySelector('[data-testid="preview-error"]')?.textContent ?? document.querySelector('[data-testid="preview"]')?.textContent ?? '';
            if (shown.includes(wanted)) { observer.disconnect(); resolve(); }
          };
          const observer = new MutationObserver(done);
          observer.observe(document.querySelector('.preview-pane'), { subtree: true, childList: true, characterData: true });
          area.value = text;
          area.dispatchEvent(new Event('input', { bubbles: true }));
        });
        if (text === template) times.push(performance.now() - start);
      }
    }
    return times;
  }, { template, message });
  runaways.push([name, Math.min(...times)]);
}
await browser.close();
await server.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\nlibrary of ${count} templates: ${(units / 1e6).toFixed(2)} M UTF-16 units stored, ${((units / QUOTA_UNITS) * 100).toFixed(0)}% of Chromium's local-storage quota`);
const verdict = (ms) => (ms <= TARGET_MS ? 'meets target' : 'OVER TARGET');
const row = (name, ms, tail) => console.log(`${name.padEnd(52)} ${ms.toFixed(1).padStart(8)}ms  ${tail}`);
row(`decode library from storage (median of ${RUNS})`, median(load), `target ${TARGET_MS}ms: ${verdict(median(load))}`);
row(`navigation to the ${count}-template list shown (median)`, median(ready), '(for information)');
const p95 = [...keystrokes].sort((a, b) => a - b)[Math.floor(keystrokes.length * 0.95)];
const KEYSTROKE_TARGET_MS = 8;
row(`keystroke to preview, 2 KB x 5 profiles (p95 of ${keystrokes.length})`, p95, `target ${KEYSTROKE_TARGET_MS}ms: ${p95 <= KEYSTROKE_TARGET_MS ? 'meets target' : 'OVER TARGET'}`);
row('keystroke to preview (median)', median(keystrokes), '(for information)');
const RUNAWAY_TARGET_MS = 100;
for (const [name, ms] of runaways) {
  row(`runaway stopped and shown: ${name}`, ms, `target ${RUNAWAY_TARGET_MS}ms: ${ms <= RUNAWAY_TARGET_MS ? 'meets target' : 'OVER TARGET'}`);
}
for (const [name, from, to] of [['page until it posts to the worker', 'input', 'post'], ['page busy after posting', 'post', 'page free'], ['until the answer is handled', 'post', 'answer'], ['until the preview shows it', 'answer', 'shown']]) {
  const times = phases.map((p) => p[to] - p[from]);
  row(`  ${name} (median)`, median(times), '(for information)');
  row(`  ${name} (p95)`, [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)], '(for information)');
}
