// Shared set-up for the end-to-end tests: serve the built dist/ on loopback
// and drive it in Debian's headless Chromium, the way a person would.
import { after, before } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';

import { DIST, serveDist } from './serve.mjs';

export { DIST, serveDist } from './serve.mjs';

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}

/**
 * Opens the app in a page of `context` and waits until it is mounted.
 * `errors` collects uncaught exceptions (a wasm panic among them) and console
 * errors, so a test can require that none happened.
 */
export async function openApp(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  page.on('response', (res) => res.status() >= 400 && errors.push(`${res.status()} ${res.url()}`));
  await page.goto(url);
  await page.getByTestId('template-body').waitFor();
  return { page, errors };
}

/** Waits until the element with data-testid `id` has exactly `text`. */
export async function waitForText(page, id, text) {
  await waitFor(page, id, (actual) => actual === text, `exactly ${JSON.stringify(text)}`);
}

/**
 * Opens the editor's folded template settings (channel, purpose, stage, tags,
 * sender…), which then stay open from template to template until closed.
 */
export async function openSettings(page) {
  const settings = page.getByTestId('template-details');
  if (!(await settings.evaluate((details) => details.open))) await settings.locator('summary').click();
}

/** Waits until the element with data-testid `id` contains `part`. */
export async function waitForTextContaining(page, id, part) {
  await waitFor(page, id, (actual) => actual.includes(part), `text containing ${JSON.stringify(part)}`);
}

async function waitFor(page, id, accept, wanted) {
  const locator = page.getByTestId(id);
  const deadline = Date.now() + 10_000;
  let actual = null;
  while (Date.now() < deadline) {
    actual = (await locator.count()) ? await locator.textContent() : null;
    if (actual !== null && accept(actual)) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`[data-testid=${id}] never had ${wanted}; last saw ${JSON.stringify(actual)}`);
}

/**
 * Registers the hooks every test file needs (serve `root`, by default dist/;
 * launch Chromium; close both) and returns the suite: `browser`, `url` and
 * `freshApp(query, options)`, which opens the app in a new, empty browser
 * profile as on a first visit (`options` for the browser context).
 */
export function appSuite(root = DIST) {
  const suite = {
    async freshApp(query = '?lang=en', options = {}) {
      const context = await suite.browser.newContext(options);
      const app = await openApp(context, suite.url + query);
      return { context, ...app };
    },
  };
  let server;
  before(async () => {
    server = await serveDist(0, root);
    suite.url = server.url;
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await server?.close();
  });
  return suite;
}

/** zlib's Adler-32 checksum of `bytes`. */
function adler32(bytes) {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** The bytes a packed value's `data` holds: 15 bits per character from U+3400. */
function unitsToBytes(data) {
  const bytes = [];
  let bits = 0;
  let count = 0;
  for (const c of data) {
    bits = (bits << 15) | (c.codePointAt(0) - 0x3400);
    count += 15;
    while (count >= 8) {
      count -= 8;
      bytes.push((bits >> count) & 0xff);
    }
    bits &= (1 << count) - 1;
  }
  return Buffer.from(bytes);
}

/**
 * The stored values whose keys start with `prefix`, parsed, as the app means
 * them: packed ones (template and history format 4) inflated by Node's own
 * zlib against the dictionary they name, so the tests read storage without
 * our decoder. Checks each packed value's size and Adler-32 checksum.
 */
export async function storedValues(page, prefix) {
  const entries = Object.fromEntries(await page.evaluate(() => Object.entries(localStorage)));
  const unpack = (value, dictionary) => {
    const raw = inflateRawSync(unitsToBytes(value.data), dictionary ? { dictionary } : {});
    if (raw.length !== value.size || adler32(raw) !== value.adler32) throw new Error(`packed value damaged: ${JSON.stringify(value).slice(0, 200)}`);
    return raw;
  };
  const dictionary = (id) => unpack(JSON.parse(entries[`notice-studio.dictionary.${id}`]));
  return Object.entries(entries)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, stored]) => {
      const value = JSON.parse(stored);
      if (value.version !== 4) return value;
      return JSON.parse(unpack(value, value.dictionary ? dictionary(value.dictionary) : undefined).toString('utf8'));
    });
}

/** Fills local storage to within a few characters of its quota with `filler-*` keys. */
export async function fillStorage(page) {
  await page.evaluate(() => {
    for (const size of [1 << 20, 1 << 16, 1 << 10, 16]) {
      const value = 'f'.repeat(size);
      try {
        for (let i = 0; ; i++) localStorage.setItem(`filler-${size}-${i}`, value);
      } catch {}
    }
  });
}

/** Removes what `fillStorage` wrote. */
export async function emptyFiller(page) {
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
}

/**
 * Runs a mail merge in the files worker of `page`, as the page drives it:
 * Load the list (its bytes beside the request), Start, then Next until every
 * row is done; each chunk's CSV lines become a Blob at once. `list` is the
 * list's bytes (an array of numbers) and `repeat` repeats its rows. Returns
 * what the worker said (`loaded`, each chunk's summary), timings in ms, the
 * results' size, and with `wantCsv` the results as text.
 */
export async function mergeInWorker(page, { name = 'recipients.csv', list, repeat = 1, template, schema, wantCsv = false }) {
  return page.evaluate(async ({ name, list, repeat, template, schema, wantCsv }) => {
    const worker = new Worker('./notice-files_loader.js');
    const answers = [];
    let wake = null;
    worker.onmessage = (event) => { answers.push(event.data); wake?.(); };
    const next = async () => {
      while (!answers.length) await new Promise((r) => (wake = r));
      return answers.shift();
    };
    await next(); // ready
    let bytes = new Uint8Array(list);
    if (repeat > 1) {
      const text = new TextDecoder().decode(bytes);
      const [header, ...rows] = text.trimEnd().split('\n');
      bytes = new TextEncoder().encode(header + '\n' + (rows.join('\n') + '\n').repeat(repeat));
    }
    const start = performance.now();
    // Handed over, not copied, as the page hands over a picked file's bytes.
    worker.postMessage([JSON.stringify({ Merge: { Load: { name, schema } } }), bytes], [bytes.buffer]);
    bytes = null;
    const loaded = JSON.parse(await next()).Loaded;
    const loadMs = performance.now() - start;
    if (!loaded.Ok) { worker.terminate(); return { loaded }; }
    const common = { shared: { schema, partials: {} }, settings: {} };
    const fields = loaded.Ok.mapping.filter(Boolean);
    worker.postMessage(JSON.stringify({ Merge: { Start: { template, common, mapping: loaded.Ok.mapping, fields, lang: 'en', eml: false, now_ms: 0 } } }));
    const chunks = [];
    const parts = [];
    for (;;) {
      const [json, csv] = await next();
      const chunk = JSON.parse(json).Chunk;
      chunks.push(chunk);
      // The browser keeps Blob data outside the page's heap.
      parts.push(new Blob([csv]));
      if (chunk.done >= chunk.total || chunk.stopped) break;
      worker.postMessage(JSON.stringify({ Merge: 'Next' }));
    }
    const results = new Blob(parts, { type: 'text/csv' });
    const totalMs = performance.now() - start;
    worker.postMessage(JSON.stringify({ Merge: { Row: { row: 1 } } }));
    const first = JSON.parse(await next()).Row;
    worker.terminate();
    return { loaded, chunks, first, loadMs, totalMs, size: results.size, csv: wantCsv ? await results.text() : null };
  }, { name, list: [...list], repeat, template, schema, wantCsv });
}

/**
 * Templates that run away, each with the start of the message that stops it
 * (issue #9): the e2e test and `make bench` use the same ones.
 */
export const RUNAWAYS = [
  ['nested loops with no end in sight', '{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}', 'Rendering stopped: the template does too much work'],
  ['range(10**9)', '{% for i in range(10**9) %}x{% endfor %}', 'Rendering stopped'],
  ['recursion with no base case', '{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}', 'Rendering stopped: nesting or recursion is too deep'],
  ['output explosion', '{% for i in range(100000) %}{{ "y" * 100000 }}{% endfor %}', 'Rendering stopped'],
];

/** A template as the page stores it: `fields` over a blank one. */
export function templateOf(fields) {
  return {
    id: 't', name: 't', channel: 'email', purpose: 'notification', audience: 'all', locale: 'zh-CN',
    subject: '', body: '', samples: [], send_at: null, holiday: null, ...fields,
  };
}
