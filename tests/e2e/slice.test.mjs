// The first vertical slice, driven as a person would: type a template and
// sample data, see the preview, reload, find everything as it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appSuite, openSettings, waitForText, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
const { freshApp } = suite;

test('a typed template and its sample data survive a reload with the same preview', async () => {
  const { context, page, errors } = await freshApp();
  const template = page.getByTestId('template-body');
  const sample = page.getByTestId('sample-data');

  await template.fill('');
  await template.pressSequentially('Hello {{ customer.name }},\nyour plan: {{ plan | upper }}.');
  await sample.fill('{"customer": {"name": "Ada"}, "plan": "pro"}');
  await waitForText(page, 'preview', 'Hello Ada,\nyour plan: PRO.');
  await waitForText(page, 'save-status', 'Saved in this browser');

  await page.reload();
  await page.getByTestId('template-body').waitFor();
  assert.equal(await template.inputValue(), 'Hello {{ customer.name }},\nyour plan: {{ plan | upper }}.');
  assert.equal(await sample.inputValue(), '{"customer": {"name": "Ada"}, "plan": "pro"}');
  await waitForText(page, 'preview', 'Hello Ada,\nyour plan: PRO.');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a syntax error is shown with its line and column while the last preview stays, marked stale; fixing it brings the preview back', async () => {
  const { context, page, errors } = await freshApp();
  const template = page.getByTestId('template-body');
  await template.fill('Line one\nHello {{ customer.name }');
  await waitForTextContaining(page, 'diagnostics', 'Template syntax error (line 2,');
  await page.getByTestId('preview-stale').waitFor();
  assert.equal(await page.getByTestId('preview-error').count(), 0, 'the pane does not go blank');

  await template.press('End');
  await template.pressSequentially('}');
  await waitForTextContaining(page, 'preview', 'Line one\nHello ');
  await page.getByTestId('preview-stale').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a template that has never rendered shows its syntax error in the preview', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByTestId('template-body').fill('Hello {{ customer.name }');
  // A new template's first text: nothing rendered before it, so nothing to keep.
  await page.reload();
  await waitForTextContaining(page, 'preview-error', 'Template syntax error (line 1,');
  assert.equal(await page.getByTestId('preview-stale').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('invalid sample JSON is pointed out by line and column, in Chinese too', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('sample-data').fill('{\n  "customer": {"name": "Ada"}\n  "plan": "pro"\n}');
  await waitForTextContaining(page, 'preview-error', 'Sample data is not valid JSON (line 3, column 3)');
  await page.getByTestId('lang-zh').click();
  await waitForTextContaining(page, 'preview-error', '样例数据不是有效的 JSON（第 3 行第 3 列）');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the language switch is remembered, and ?lang= in the address wins', async () => {
  const { context, page, errors } = await freshApp('');
  await page.getByTestId('lang-zh').click();
  assert.equal(await page.getByTestId('lang-zh').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  await waitForTextContaining(page, 'save-status', '已自动保存');

  await page.reload();
  await page.getByTestId('template-body').waitFor();
  await waitForTextContaining(page, 'save-status', '已自动保存');

  await page.goto(suite.url + '?lang=en');
  await waitForText(page, 'save-status', 'Saved in this browser');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a damaged stored draft is kept aside, the user is told, and the page works', async () => {
  const { context, page, errors } = await freshApp();
  await page.evaluate(() => localStorage.setItem('notice-studio.draft', '{"format":"notice-studio/draft","version":1,"body":'));
  await page.reload();
  await page.getByTestId('template-body').waitFor();

  await waitForTextContaining(page, 'quarantine-notice', 'could not be read');
  const kept = await page.evaluate(() => localStorage.getItem('notice-studio.quarantine.notice-studio.draft'));
  assert.equal(kept, '{"format":"notice-studio/draft","version":1,"body":');
  await page.getByTestId('template-body').fill('Still {{ "working" }}');
  await waitForText(page, 'preview', 'Still working');
  assert.deepEqual(errors, []);
  await context.close();
});

test('checks run as you type: an absolute claim in a marketing SMS, a readiness verdict, and a quick fix', async () => {
  const { context, page, errors } = await freshApp();
  await openSettings(page);
  await page.getByTestId('channel').selectOption('sms');
  await page.getByTestId('purpose').selectOption('marketing');
  await page.getByTestId('sample-data').fill('{"customer": {"name": "Ada", "phone": "13812345678"}}');
  await page.getByTestId('template-body').fill('Dear {{ customer.nmae }}, our best-ever 最佳 deal.');
  const diagnostics = page.getByTestId('diagnostics');
  await diagnostics.locator('[data-rule="absolute-term"]').waitFor();
  await diagnostics.locator('[data-rule="sms-signature"]').waitFor();
  await waitForTextContaining(page, 'readiness', 'Not ready');

  // The typo in a field name comes with a fix that rewrites the source.
  const typo = diagnostics.locator('[data-rule="undefined-variable"]');
  await typo.waitFor();
  await typo.getByTestId('apply-fix').click();
  assert.equal(await page.getByTestId('template-body').inputValue(), 'Dear {{ customer.name }}, our best-ever 最佳 deal.');
  await waitForTextContaining(page, 'preview', 'Dear Ada,');
  assert.equal(await diagnostics.locator('[data-rule="undefined-variable"]').count(), 0);

  // Clicking a finding takes the cursor to it in the editor.
  await diagnostics.locator('[data-rule="absolute-term"] .jump').click();
  const selected = await page.getByTestId('template-body').evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
  assert.equal(selected, '最佳');

  // The channel and purpose are part of the saved draft.
  await page.reload();
  await page.getByTestId('template-body').waitFor();
  assert.equal(await page.getByTestId('channel').inputValue(), 'sms');
  assert.equal(await page.getByTestId('purpose').inputValue(), 'marketing');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a finding in the rendered output is shown by selecting it in the preview', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('sample-data').fill('{"customer": {"name": "XXX"}}');
  await page.getByTestId('template-body').fill('Dear {{ customer.name }},\nplease log in to see your new plan.');
  const leftover = page.getByTestId('diagnostics').locator('[data-rule="placeholder-leftover"]');
  await leftover.waitFor();
  // The finding can arrive a frame before the preview shows the same answer.
  await waitForTextContaining(page, 'preview', 'Dear XXX');
  await leftover.locator('.jump').click();
  // The page selects in the next animation frame, after the preview shows the finding's profile.
  await page.waitForFunction(() => window.getSelection().toString() === 'XXX', null, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.evaluate(() => window.getSelection().toString()), 'XXX');
  assert.deepEqual(errors, []);
  await context.close();
});
