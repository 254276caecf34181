// The starter gallery (issue #7): what a first visit sees, starting from an
// example, and bringing the gallery back.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appSuite, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
const { freshApp } = suite;

test('a first visit opens a library of marked examples, one of them rendered and passing its checks', async () => {
  const { context, page, errors } = await freshApp('?lang=zh-CN');
  await waitForTextContaining(page, 'welcome', '示例模板');
  const items = page.getByTestId('template-list').locator('li');
  // The examples written in Chinese, the UI's language (first_minutes.test.mjs checks the names).
  assert.ok((await items.count()) >= 20, `${await items.count()} templates`);
  assert.equal(await page.getByTestId('template-list').locator('.badge').count(), await items.count(), 'every one is marked as an example');
  await waitForTextContaining(page, 'preview', '尊敬的');
  assert.doesNotMatch(await page.getByTestId('preview').textContent(), /\{\{|\{%/);
  await waitForTextContaining(page, 'readiness', '可发布');
  assert.equal(await page.getByTestId('diagnostics').locator('li.error, li.warning').count(), 0);
  await waitForTextContaining(page, 'guidance', '建议频率');
  assert.deepEqual(errors, []);
  await context.close();
});

test('New from gallery starts a copy; a deleted example comes back with Restore the gallery', async () => {
  const { context, page, errors } = await freshApp('?lang=en');
  const count = async () => page.getByTestId('template-list').locator('li').count();
  await page.getByRole('tab', { name: 'Templates' }).waitFor();
  const before = await count();

  await page.getByRole('tab', { name: 'New from gallery' }).click();
  const card = page.getByTestId('gallery').locator('.gallery-card').first();
  const name = await card.locator('h3').textContent();
  await card.getByRole('button', { name: 'Start from this' }).click();
  assert.equal(await page.getByTestId('name').inputValue(), `${name} (copy)`);
  assert.equal(await count(), before + 1);

  // The example and the copy go, for good; the gallery brings the example back.
  for (const gone of [name, `${name} (copy)`]) {
    await page.getByTestId('template-list').getByText(gone, { exact: true }).click();
    await page.getByTestId('delete').click();
  }
  await page.getByTestId('trash-tab').click();
  await page.getByTestId('empty-trash').click();
  await page.getByTestId('confirm-empty-trash').click();
  await page.getByRole('tab', { name: 'New from gallery' }).click();
  await page.getByTestId('restore-gallery').click();
  await waitForTextContaining(page, 'gallery-restored', 'Gallery templates restored: 1');
  await page.getByRole('tab', { name: 'Templates' }).click();
  assert.equal(await count(), before);
  assert.deepEqual(errors, []);
  await context.close();
});
