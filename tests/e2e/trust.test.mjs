// Verdicts the user can trust (issue #18): "ready" means ready, an SMS that
// begins with a placeholder has no signature in the page as in the CLI, and
// typing a new field key by key is met with words in the page's language, a
// preview that stays, and an offer to declare the field.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appSuite, openSettings, storedValues, waitForText, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
const { freshApp } = suite;

const finding = (page, rule) => page.getByTestId('diagnostics').locator(`li[data-rule="${rule}"]`);

test('marking ready: an empty body never is; errors need a reason the history and the library keep; an edit that changes the findings makes it a draft', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const body = page.getByTestId('template-body');

  // Nothing to send: refused, with no way around it; Escape gives the focus back.
  await body.fill('  ');
  await page.waitForFunction(() => !document.querySelector('[data-testid=mark-ready]')?.disabled);
  await page.getByTestId('mark-ready').click();
  const dialog = page.getByTestId('ready-dialog');
  await dialog.waitFor();
  assert.match(await dialog.getByRole('alert').innerText(), /The body is empty/);
  assert.equal(await dialog.getByTestId('ready-override').count(), 0, 'no override for an empty body');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'ready-cancel');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'mark-ready');
  await waitForText(page, 'status', 'Draft');

  // An SMS that begins with the customer's name has no signature: an error, in the page as in the CLI.
  await openSettings(page);
  await page.getByTestId('channel').selectOption('sms');
  await body.fill('{{ customer.name }}您好，您的包裹已发出，请留意查收。详询 400-800-1234');
  await finding(page, 'sms-signature').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=mark-ready]')?.disabled);

  // With the keyboard alone: the dialog lists the error and takes the focus; the override needs a reason.
  await page.getByTestId('mark-ready').focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  assert.equal(await dialog.locator('li[data-rule="sms-signature"]').count(), 1, 'the errors are listed');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'ready-reason');
  assert.equal(await dialog.getByTestId('ready-override').isDisabled(), true, 'a reason is required');
  await page.keyboard.type('The platform adds our signature');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'ready-override');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await waitForText(page, 'status', 'Ready');

  // The library shows the exception and its reason; the history keeps the reason.
  const badge = page.getByTestId('ready-overridden');
  await badge.waitFor();
  assert.equal(await badge.getAttribute('title'), 'The platform adds our signature');
  await page.getByTestId('history').locator('summary').click();
  await waitForTextContaining(page, 'snapshots', 'Marked ready · The platform adds our signature');
  const stored = JSON.stringify(await storedValues(page, 'notice-studio.template.'));
  assert.match(stored, /The platform adds our signature/, 'the override is stored with the template');

  // An edit that leaves the findings as they were keeps it ready …
  await body.fill('{{ customer.name }}您好，您的包裹已寄出，请留意查收。详询 400-800-1234');
  await page.waitForTimeout(600);
  await waitForText(page, 'status', 'Ready');
  // … one that changes them (a misspelt field) makes it a draft again.
  await body.fill('{{ customer.name }}您好，您的包裹已寄出，请留意查收。详询 400-800-1234 {{ customer.nmae }}');
  await waitForText(page, 'status', 'Draft');
  await page.getByTestId('ready-overridden').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('typing a new field key by key in zh-CN: the last preview stays, marked stale; the problem is said in Chinese; one click declares the field', async () => {
  const { context, page, errors } = await freshApp('?lang=zh-CN');
  await page.getByTestId('new-template').click();
  const body = page.getByTestId('template-body');
  await body.fill('您好，');
  await waitForText(page, 'preview', '您好，');
  await body.press('End');
  let sawStale = false;
  let lastGood = '您好，';
  for (const key of '{{ customer.vip_level }}') {
    await page.keyboard.type(key);
    await page.waitForTimeout(120);
    // The preview never goes blank, and no English engine text reaches the Chinese screen.
    assert.equal(await page.getByTestId('preview-error').count(), 0, `after ${JSON.stringify(key)}`);
    const checks = await page.getByTestId('diagnostics').innerText();
    assert.doesNotMatch(checks, /unexpected|expected|end of input/, `after ${JSON.stringify(key)}: ${checks}`);
    const shown = await page.getByTestId('preview').innerText();
    if (await page.getByTestId('preview-stale').count()) {
      sawStale = true;
      assert.equal(shown, lastGood, 'the last preview that rendered stays');
      assert.match(checks, /还没有写完|右花括号/);
    } else {
      lastGood = shown;
    }
  }
  assert.ok(sawStale, 'while the tag was unfinished the preview was marked stale');
  await page.getByTestId('preview-stale').waitFor({ state: 'detached' });

  // The field is simply unknown: offered to be added, in Chinese.
  const unknown = finding(page, 'undefined-variable');
  await unknown.waitFor();
  const add = unknown.getByTestId('declare-field');
  assert.equal(await add.innerText(), '添加到字段表和样例');
  await add.click();
  await finding(page, 'undefined-variable').waitFor({ state: 'detached' });
  await waitForTextContaining(page, 'preview', '您好，');
  assert.equal(await finding(page, 'empty-value').count(), 0, 'the samples have a value for it');
  const schema = await page.evaluate(() => localStorage.getItem('notice-studio.library'));
  assert.match(schema, /customer\.vip_level/, 'the schema has the field');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a sample value that is no real value of its format is named beside its input and in the checks', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByTestId('template-body').fill('Dear {{ customer.name }}, we will call {{ customer.phone }}.');
  await page.getByTestId('add-profile').click();
  // 11 digits from 1, but 12 is no mainland mobile prefix.
  await page.getByTestId('sample-data').fill('{"customer": {"name": "Ann", "phone": "12345678901"}}');
  await finding(page, 'field-format').waitFor();
  assert.match(await finding(page, 'field-format').innerText(), /“123” is no mobile prefix/);
  await page.getByTestId('sample-view-form').click();
  await waitForTextContaining(page, 'field-flaw', '“123” is no mobile prefix');
  await page.getByTestId('sample-view-json').click();
  await page.getByTestId('sample-data').fill('{"customer": {"name": "Ann", "phone": "138 0013 8000"}}');
  await finding(page, 'field-format').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});
