// Library-wide sample profiles (issue #5): a profile made library-wide
// previews every template, edits to it reach them all, it survives a reload,
// and it can be made one template's own again.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appSuite, waitForText } from './harness.mjs';

const suite = appSuite();
const { freshApp } = suite;

async function newTemplate(page, name, body) {
  await page.getByTestId('new-template').click();
  await page.getByTestId('name').fill(name);
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill(body);
}

const options = (page) => page.getByTestId('profile').locator('option').allTextContents();

test('a library-wide profile previews every template, follows its edits, and can be made one template\'s own again', async () => {
  const { context, page, errors } = await freshApp();
  await newTemplate(page, 'First', 'Dear {{ customer.name }}, thank you.');
  await page.getByTestId('sample-data').fill('{"customer": {"name": "Zhou Min"}}');
  await page.getByTestId('profile-name').fill('VIP');
  await page.getByTestId('profile-name').press('Tab');
  await waitForText(page, 'preview', 'Dear Zhou Min, thank you.');
  const shared = page.getByRole('checkbox', { name: /Library-wide/ });
  assert.equal(await shared.isChecked(), false);
  await shared.check();
  assert.deepEqual(await options(page), ['VIP · library-wide']);

  // A new template has no profile of its own: it is previewed and checked with the library's.
  await newTemplate(page, 'Second', 'Hello {{ customer.name }}.');
  await waitForText(page, 'preview', 'Hello Zhou Min.');
  assert.deepEqual(await options(page), ['VIP · library-wide']);
  assert.equal(await shared.isChecked(), true);
  // Its edit is the library's: the first template shows it too.
  await page.getByTestId('sample-data').fill('{"customer": {"name": ""}}');
  await page.getByTestId('diagnostics').locator('[data-rule="empty-value"]').first().waitFor();
  await page.getByTestId('sample-data').fill('{"customer": {"name": "Zhou Min Jr"}}');
  await waitForText(page, 'preview', 'Hello Zhou Min Jr.');
  await page.getByTestId('template-list').getByText('First').click();
  await waitForText(page, 'preview', 'Dear Zhou Min Jr, thank you.');

  // Kept in the browser: after a reload it is still library-wide.
  await page.waitForTimeout(700);
  await page.reload();
  await page.getByTestId('template-body').waitFor();
  await waitForText(page, 'preview', 'Dear Zhou Min Jr, thank you.');
  assert.equal(await shared.isChecked(), true);

  // Made the first template's own: the second no longer sees it.
  await shared.uncheck();
  assert.deepEqual(await options(page), ['VIP']);
  await page.getByTestId('template-list').getByText('Second').click();
  await page.getByTestId('template-body').waitFor();
  assert.deepEqual(await options(page), []);
  assert.equal(await shared.isDisabled(), true, 'nothing to share without a profile');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Chinese UI names the switch and marks library-wide profiles', async () => {
  const { context, page, errors } = await freshApp('?lang=zh-CN');
  await page.getByTestId('new-template').click();
  await page.getByTestId('sample-data').fill('{"customer": {"name": "周敏"}}');
  await page.getByRole('checkbox', { name: /全库共用/ }).check();
  const [option] = await options(page);
  assert.match(option, / · 全库共用$/);
  assert.deepEqual(errors, []);
  await context.close();
});
