// Template engines side by side in one Chromium page (part of `make bench`,
// after bench_merge.py wrote its list, template and schema to
// target/bench-merge/): 10,000 recipients x the 1 KB template rendered by
// Handlebars.js and LiquidJS (from npm, the same template in their syntax,
// render only) on the app's own page, and merged by Notice Studio's files
// worker (read + render + every check + results CSV) in that page; Python
// Jinja2's figure comes from bench_merge.py's run.
//   node scripts/bench_engines.mjs
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { launchBrowser, mergeInWorker, serveDist, templateOf } from '../tests/e2e/harness.mjs';

const DIR = path.resolve(import.meta.dirname, '../target/bench-merge');
const npm = createRequire(path.resolve(import.meta.dirname, '../tests/e2e/package.json'));
const version = (name) => npm(`${name}/package.json`).version;

const [template, schemaText, list, jinja2] = await Promise.all([
  fs.readFile(path.join(DIR, 'notice.email.j2'), 'utf8'),
  fs.readFile(path.join(DIR, 'schema.json'), 'utf8'),
  fs.readFile(path.join(DIR, 'recipients.csv')),
  fs.readFile(path.join(DIR, 'jinja2.json'), 'utf8').then(JSON.parse),
]);
const schema = JSON.parse(schemaText);

// The rows as the records Jinja2 gets (bench_merge.py's `nested`): the bench's cells hold no commas or quotes.
const [, ...lines] = list.toString('utf8').trimEnd().split('\n');
const records = lines.map((line) => {
  const record = {};
  line.split(',').forEach((cell, i) => {
    const field = schema.fields[i];
    const [head, name] = field.path.split('.');
    (record[head] ??= {})[name] = field.type === 'number' ? Number(cell) : cell;
  });
  return record;
});

// Liquid reads the Jinja template as it is; Handlebars has its own tags and
// no `==` (an `eq` helper), and prints unescaped with `noEscape`, as Jinja2 does.
const handlebarsSource = template
  .replace(/\{% if customer\.level == "金卡" %\}/, '{{#if (eq customer.level "金卡")}}')
  .replace('{% else %}', '{{else}}')
  .replace('{% endif %}', '{{/if}}')
  .replace(/\{\{ ([\w.]+) \}\}/g, '{{$1}}');

const server = await serveDist();
const browser = await launchBrowser();
// The engines are injected as scripts, which the app's policy refuses; the
// page's own code runs as shipped.
const page = await (await browser.newContext({ bypassCSP: true })).newPage();
await page.goto(server.url + '?lang=en');
await page.getByTestId('template-body').waitFor();
await page.addScriptTag({ path: npm.resolve('handlebars/dist/handlebars.min.js') });
await page.addScriptTag({ path: npm.resolve('liquidjs/dist/liquid.browser.min.js') });

const js = await page.evaluate(({ records, handlebarsSource, liquidSource }) => {
  const best = (render) => {
    let ms = Infinity;
    let out = null;
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      out = render();
      ms = Math.min(ms, performance.now() - start);
    }
    return { ms, out };
  };
  const handlebars = best(() => {
    const engine = Handlebars.create();
    engine.registerHelper('eq', (a, b) => a === b);
    const compiled = engine.compile(handlebarsSource, { noEscape: true });
    return records.map((r) => compiled(r));
  });
  const liquid = best(() => {
    const engine = new liquidjs.Liquid();
    const parsed = engine.parse(liquidSource);
    return records.map((r) => engine.renderSync(parsed, r));
  });
  const differ = handlebars.out.findIndex((text, i) => text !== liquid.out[i]);
  return { handlebars: handlebars.ms, liquid: liquid.ms, differ, sample: liquid.out[0] };
}, { records, handlebarsSource, liquidSource: template });
if (js.differ !== -1) throw new Error(`Handlebars and LiquidJS rendered recipient ${js.differ + 1} differently: not the same template`);

let notice = Infinity;
for (let run = 0; run < 3; run++) {
  const result = await mergeInWorker(page, { list, template: templateOf({ body: template }), schema });
  notice = Math.min(notice, result.totalMs);
}
const chromium = browser.version();
await browser.close();
await server.close();

console.log(`${records.length} recipients x ${Buffer.byteLength(template)} B template, in one Chromium ${chromium} page (best of 3):`);
const rows = [
  [`Notice Studio, wasm files worker (read + render + every check + results CSV)`, notice],
  [`Handlebars.js ${version('handlebars')} (render only)`, js.handlebars],
  [`LiquidJS ${version('liquidjs')} (render only)`, js.liquid],
  [`Python Jinja2, CPython on the same machine (render only; bench_merge.py's run)`, jinja2.seconds * 1000],
];
for (const [name, ms] of rows) {
  console.log(`  ${name.padEnd(84)} ${ms.toFixed(0).padStart(6)} ms  Notice Studio / this: ${(notice / ms).toFixed(2)}`);
}
