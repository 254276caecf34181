// Mail merge in the browser (issue #8): the merge page used as a person
// would (a 2,000-row list with bad rows, progress, the errors filter, one
// recipient's preview, the results CSV downloaded and read), and the files
// worker driven directly: chunks, the results line by line, a template that
// runs away, a GBK list decoded by the browser's own decoder.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { test } from 'node:test';

import { appSuite, mergeInWorker, openSettings, templateOf, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
const { freshApp } = suite;

const SCHEMA = {
  fields: [
    { path: 'customer.name', label: '姓名', required: true },
    { path: 'customer.phone', label: '手机', format: 'phone' },
  ],
};
const SMS = templateOf({
  channel: 'sms',
  body: '【星河科技】{{ customer.name }}您好，您的服务将于本周六升级，届时暂停两小时，请提前安排。详询 400-800-1234',
});

/** 2,000 recipients, semicolon-separated with a BOM; rows 500 and 1500 lack a name, 1000 has a bad phone. */
function list() {
  const lines = ['\ufeff姓名;手机'];
  for (let i = 1; i <= 2000; i++) {
    const name = i === 500 || i === 1500 ? '' : `客户${i}`;
    const phone = i === 1000 ? '12345' : `138${String(i).padStart(8, '0')}`;
    lines.push(`${name};${phone}`);
  }
  lines.push('多余;字段;在这里'); // line 2002: too many fields
  lines.push('"没有闭合;13800000000'); // line 2003: a quote that never closes
  return Buffer.from(lines.join('\n') + '\n');
}

test('a 2,000-row list merges chunk by chunk; bad rows are named in the results CSV', async () => {
  const { context, page, errors } = await freshApp();
  const run = await mergeInWorker(page, { list: list(), template: SMS, schema: SCHEMA, wantCsv: true });
  const loaded = run.loaded.Ok;
  assert.deepEqual(loaded.columns, ['姓名', '手机']);
  assert.deepEqual(loaded.mapping, ['customer.name', 'customer.phone']);
  assert.equal(loaded.rows, 2000);
  assert.deepEqual(loaded.unread.map((m) => m.en), [
    'line 2002: 3 fields where the header has 2',
    'line 2003: a quote that never closes; nothing after it could be read',
  ]);

  // Progress: several chunks, each further on, the last at 2,000.
  const done = run.chunks.map((c) => c.done);
  assert.ok(done.length >= 4, `${done.length} chunks`);
  assert.deepEqual(done, [...done].sort((a, b) => a - b));
  assert.equal(done.at(-1), 2000);
  assert.deepEqual(run.chunks.at(-1).tally, { ok: 1997, warning: 0, error: 3 });
  const bad = run.chunks.flatMap((c) => c.rows).filter((r) => r.status === 'error');
  assert.deepEqual(bad.map((r) => [r.row, r.line]), [[500, 501], [1000, 1001], [1500, 1501]]);
  assert.deepEqual(bad[0].rules, ['empty-value']);

  // The results file: header, the two unread lines, then a line per recipient.
  const lines = run.csv.replace(/^\ufeff/, '').trimEnd().split('\r\n');
  assert.equal(lines[0], 'row,line,customer.name,customer.phone,subject,body,sms_segments,status,rules,problems');
  assert.equal(lines.length, 1 + 2 + 2000);
  assert.match(lines[1], /^,2002,.*,error,,line 2002: 3 fields where the header has 2$/);
  assert.match(lines[3], /^1,2,客户1,13800000001,,【星河科技】客户1您好，.*,1,ok,,$/);
  assert.match(lines[2 + 500], /^500,501,,13800000500,.*,error,empty-value,the required field “[^”]+” \(customer\.name\) is missing$/);
  assert.match(lines[2 + 1000], /^1000,1001,客户1000,12345,.*,error,,"“[^”]+” \(customer\.phone\) “12345” is wrong: a mobile number has 11 digits, this has 5"$/);
  // One recipient in full, for the preview.
  assert.equal(run.first.body, '【星河科技】客户1您好，您的服务将于本周六升级，届时暂停两小时，请提前安排。详询 400-800-1234');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a template that runs away stops the merge after the first recipient, saying why', async () => {
  const { context, page, errors } = await freshApp();
  const runaway = templateOf({ channel: 'sms', body: '{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}' });
  const run = await mergeInWorker(page, { list: list(), template: runaway, schema: SCHEMA });
  assert.equal(run.chunks.length, 1);
  assert.equal(run.chunks[0].done, 1);
  assert.match(run.chunks[0].stopped.en, /the merge stopped/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a GBK list from a Chinese spreadsheet is decoded in the worker; bytes that are no text are refused', async () => {
  const { context, page, errors } = await freshApp();
  // "姓名\n张伟\n" in GBK.
  const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x0a, 0xd5, 0xc5, 0xce, 0xb0, 0x0a]);
  const run = await mergeInWorker(page, { list: gbk, template: SMS, schema: SCHEMA });
  assert.equal(run.loaded.Ok.gbk, true);
  assert.deepEqual(run.loaded.Ok.columns, ['姓名']);
  assert.match(run.first.body, /^【星河科技】张伟您好/);

  const refused = await mergeInWorker(page, { name: 'list.csv', list: Buffer.from([0xff, 0xfe, 0x00, 0x81]), template: SMS, schema: SCHEMA });
  assert.equal(refused.loaded.Err.en, 'list.csv: neither UTF-8 nor GBK text; no recipients read');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the merge page: pick a template and a list, merge with progress, filter to the bad rows, preview one, download the results', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByTestId('name').fill('Merge test');
  await openSettings(page);
  await page.getByTestId('channel').selectOption('sms');
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill(SMS.body);
  await page.getByTestId('mail-merge').click();
  await page.getByTestId('merge-file').waitFor({ state: 'attached' });
  assert.match(await page.getByTestId('privacy').textContent(), /unless you choose to save the list, nothing of it is written to the browser's storage/);
  await page.getByTestId('merge-template').selectOption({ label: 'Merge test · SMS' });
  await page.getByTestId('merge-file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: list() });
  const mapping = page.getByTestId('mapping');
  await mapping.waitFor();
  assert.match(await mapping.locator('h2').textContent(), /2000 recipients/);
  assert.deepEqual(await page.getByTestId('unread').locator('li').allTextContents(), [
    'line 2002: 3 fields where the header has 2',
    'line 2003: a quote that never closes; nothing after it could be read',
  ]);
  // The gallery's schema knows customer.name, so 姓名 maps to it; 手机 is set by hand.
  await page.getByRole('combobox', { name: '手机' }).selectOption('customer.phone');

  // Progress shows while it runs (recorded as it happens: the merge is quick).
  await page.evaluate(() => {
    window.__sawProgress = false;
    new MutationObserver(() => { if (document.querySelector('[data-testid=merge-progress]')) window.__sawProgress = true; })
      .observe(document.body, { subtree: true, childList: true });
  });
  await page.getByTestId('merge-start').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=merge-status]')?.textContent.includes('The merge is done.'), null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => window.__sawProgress), true, 'a progress bar was shown');
  assert.match(await page.getByTestId('merge-results').locator('h2').textContent(), /3 errors/);

  // By rule: the rules that fired are offered; empty-value picks the two rows without a name.
  await page.getByTestId('merge-filter').selectOption('empty-value');
  assert.deepEqual(await page.getByTestId('merge-rows').locator('tbody tr td:first-child').allTextContents(), ['500', '1500']);
  await page.getByTestId('merge-filter').selectOption('errors');
  const bad = page.getByTestId('merge-rows').locator('tbody tr');
  assert.equal(await bad.count(), 3);
  assert.deepEqual(await bad.locator('td:first-child').allTextContents(), ['500', '1000', '1500']);
  await bad.first().getByRole('button').click();
  const preview = page.getByTestId('merge-preview');
  await preview.waitFor();
  assert.match(await preview.textContent(), /the required field “Customer name” \(customer\.name\) is missing/);
  assert.equal(await preview.locator('[data-rule="empty-value"]').count(), 1);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('merge-download').click()]);
  const csv = (await fs.readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '');
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines.length, 1 + 2 + 2000);
  // The row with no name, and only what is wrong with it: an SMS is not held
  // to use every required field (unused-field is off for the channel).
  assert.match(lines[2 + 500], /^500,501,,13800000500,.*,error,empty-value,the required field “[^”]+” \(customer\.name\) is missing$/);
  // Recipient data was never stored.
  assert.equal(await page.evaluate(() => Object.values(localStorage).some((v) => v.includes('客户1000'))), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('before a merge each field says where it comes from; a campaign-wide value fills a field no column has; rows name their recipient in the page\'s language', async () => {
  const { context, page, errors } = await freshApp('?lang=zh-CN');
  await page.getByTestId('new-template').click();
  await page.getByTestId('name').fill('工单完成短信');
  await openSettings(page);
  await page.getByTestId('channel').selectOption('sms');
  await page.getByTestId('template-body').fill('【星河科技】{{ customer.name }}您好，您的工单 {{ request.id }} 已处理完毕。详询 400-800-1234');
  await page.getByTestId('mail-merge').click();
  await page.getByTestId('merge-template').selectOption({ label: '工单完成短信 · 短信' });
  await page.getByTestId('merge-file').setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名,手机号,城市\n张伟,13800000001,北京\n李娜,13900000002,上海\n') });
  const sources = page.getByTestId('field-sources');
  await sources.waitFor();
  // By label, with the column that fills each; the ticket number has none, and says so.
  assert.match(await sources.locator('tr[data-path="customer.name"]').textContent(), /客户姓名.*列“姓名”/);
  const ticket = sources.locator('tr[data-path="request.id"]');
  assert.match(await ticket.textContent(), /工单编号/);
  assert.equal(await ticket.getByTestId('source-warning').textContent(), '字段“工单编号”（request.id）没有对应的列，也没有统一值：每条消息里它都是空的。');
  assert.equal(await page.getByTestId('unused-columns').textContent(), '模板不读取这些列：手机号、城市');
  // The column select names fields by label too.
  assert.match(await page.getByRole('combobox', { name: '姓名' }).locator('option:checked').textContent(), /^客户姓名 · customer\.name$/);

  await ticket.getByTestId('fixed-value').fill('SR-2026-001');
  await page.waitForFunction(() => document.querySelector('tr[data-path="request.id"] [data-testid=source-warning]')?.textContent === '');
  await page.getByTestId('merge-start').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=merge-status]')?.textContent.includes('合并完成'));
  const rows = page.getByTestId('merge-rows').locator('tbody tr');
  assert.deepEqual(await rows.locator('td:nth-child(3)').allTextContents(), ['张伟 · 13800000001', '李娜 · 13900000002']);
  const kinds = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.status));
  assert.ok(!kinds.includes('error'), `the ticket number filled, no row fails: ${kinds}`);
  assert.deepEqual(await rows.locator('td:nth-child(4)').allTextContents(), kinds.map((k) => ({ ok: '正常', warning: '警告', error: '错误' })[k]));
  // Filters by status: the rows with warnings, and none with errors.
  const shownRows = (n) => page.waitForFunction((n) => document.querySelectorAll('[data-testid=merge-rows] tbody tr').length === n, n);
  assert.ok(kinds.includes('warning'), 'the SMS has warnings to filter by');
  await page.getByTestId('merge-filter').selectOption('warnings');
  await shownRows(kinds.filter((k) => k === 'warning').length);
  await page.getByTestId('merge-filter').selectOption('errors');
  await shownRows(0);
  await page.getByTestId('merge-filter').selectOption('');
  await shownRows(2);
  await rows.nth(1).getByRole('button').click();
  assert.match(await page.getByTestId('merge-preview').textContent(), /李娜您好，您的工单 SR-2026-001 已处理完毕/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a dropped list is stored only when the user saves it; the saved list comes back after a reload and can be deleted', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('mail-merge').click();
  await page.getByTestId('merge-file').waitFor({ state: 'attached' });
  // Dropped on the drop zone, as from a file manager.
  await page.getByTestId('merge-drop').evaluate((zone, text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'customers.csv', { type: 'text/csv' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, list().toString('utf8'));
  await page.getByTestId('mapping').waitFor();
  assert.match(await page.getByTestId('mapping').locator('h2').textContent(), /2000 recipients/);
  const stored = () => page.evaluate(() => localStorage.getItem('notice-studio.merge-list'));
  assert.equal(await stored(), null, 'nothing is stored until the user saves the list');

  await page.getByTestId('save-list').click();
  await waitForTextContaining(page, 'saved-note', 'The list is saved in this browser');
  const kept = JSON.parse(await stored());
  assert.equal(kept.name, 'customers.csv');
  assert.match(kept.text, /\n客户999;13800000999\n/);

  await page.reload();
  const saved = page.getByTestId('saved-list');
  await saved.waitFor();
  assert.match(await saved.textContent(), /Saved in this browser: customers\.csv · \d+ KB · /);
  await page.getByTestId('use-saved-list').click();
  await page.getByTestId('mapping').waitFor();
  assert.match(await page.getByTestId('mapping').locator('h2').textContent(), /2000 recipients/);
  assert.equal(await page.getByTestId('unread').locator('li').count(), 2);

  await page.getByTestId('delete-saved-list').click();
  await waitForTextContaining(page, 'saved-note', 'The saved list is deleted');
  assert.equal(await stored(), null);
  assert.equal(await saved.count(), 0);
  // The list itself stays loaded for this page.
  assert.equal(await page.getByTestId('merge-start').isEnabled(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a long merge can be cancelled: it stops after the chunk in hand and says how far it got', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('mail-merge').click();
  await page.getByTestId('merge-file').waitFor({ state: 'attached' });
  const rows = ['姓名,手机号'];
  for (let i = 0; i < 60_000; i++) rows.push(`客户${i},138${String(i).padStart(8, '0')}`);
  await page.getByTestId('merge-file').setInputFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.getByTestId('mapping').waitFor();
  await page.getByTestId('merge-start').click();
  await page.getByTestId('merge-progress').waitFor();
  await page.getByTestId('merge-cancel').click();
  await page.waitForFunction(() => /Cancelled after \d+ of 60000/.test(document.querySelector('[data-testid=merge-status]')?.textContent ?? ''), null, { timeout: 30_000 });
  const done = Number((await page.getByTestId('merge-status').textContent()).match(/after (\d+) of/)[1]);
  assert.ok(done > 0 && done < 60_000, `stopped at ${done}`);
  // Every row done so far is in the results; the merge can start again.
  assert.equal(await page.getByTestId('merge-start').isEnabled(), true);
  assert.deepEqual(errors, []);
  await context.close();
});
