// The preview in each channel's shape (part of issue #5): e-mail subject,
// preheader and widths, the SMS count, profiles one at a time or side by side,
// and the names scripts and assistive technology find controls by.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appSuite, openSettings, waitForText, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
const { freshApp } = suite;

test('an e-mail shows its sender, rendered subject and preheader, at desktop and phone width', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByRole('textbox', { name: 'Subject', exact: true }).fill('Your plan, {{ name }}');
  await page.getByRole('textbox', { name: 'Preheader', exact: true }).fill('Renews on {{ date }}');
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('Dear {{ name }}, your plan renews soon.');
  await page.getByRole('textbox', { name: 'Sample data', exact: true }).fill('{"name": "Ann", "date": "1 Dec"}');
  await waitForText(page, 'preview-subject', 'Your plan, Ann');
  await waitForText(page, 'preview-preheader', 'Renews on 1 Dec');
  // A new answer updates the text in place: the preview is not built again.
  const shown = await page.getByTestId('preview').elementHandle();
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('Dear {{ name }}, your plan renews on {{ date }}.');
  await waitForText(page, 'preview', 'Dear Ann, your plan renews on 1 Dec.');
  assert.ok(await shown.evaluate((el) => el.isConnected), 'the same preview element shows the new text');
  await openSettings(page);
  await page.getByRole('textbox', { name: 'Sender', exact: true }).fill('Xinghe <service@xinghe.example.com>');
  await waitForText(page, 'preview-sender', 'Sender: Xinghe <service@xinghe.example.com>');

  const width = () => page.locator('.message.email').evaluate((el) => el.getBoundingClientRect().width);
  await page.getByTestId('width-mobile').click();
  assert.ok((await width()) <= 375, `phone width ${await width()}`);
  await page.getByTestId('width-desktop').click();
  assert.ok((await width()) > 375, `desktop width ${await width()}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an SMS shows its characters, encoding and parts as you type', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await openSettings(page);
  await page.getByRole('combobox', { name: 'Channel', exact: true }).selectOption('sms');
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  await body.fill('Hi {{ name }}, your code is 1234');
  await page.getByRole('textbox', { name: 'Sample data', exact: true }).fill('{"name": "Ann"}');
  await waitForTextContaining(page, 'sms-count', '25 characters · GSM-7 · 1 part(s)');
  await body.fill('【星河】' + '您好'.repeat(40));
  await waitForTextContaining(page, 'sms-count', '84 characters · UCS-2 · 2 part(s)');
  assert.deepEqual(errors, []);
  await context.close();
});

test('profiles: switch the previewed customer, or see all side by side', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('Hello {{ name }}');
  await page.getByRole('textbox', { name: 'Sample data', exact: true }).fill('{"name": "Ann"}');
  await page.getByTestId('add-profile').click();
  await page.getByRole('textbox', { name: 'Sample data', exact: true }).fill('{"name": "Bob"}');
  await waitForText(page, 'preview', 'Hello Bob');

  const first = await page.getByTestId('preview-profile').locator('option').first().getAttribute('value');
  await page.getByTestId('preview-profile').selectOption(first);
  await waitForText(page, 'preview', 'Hello Ann');
  assert.equal(await page.getByRole('textbox', { name: 'Sample data', exact: true }).inputValue(), '{"name": "Ann"}', 'the editor follows');

  await page.getByTestId('all-profiles').check();
  const all = page.getByTestId('all-previews').locator('.preview');
  assert.deepEqual(await all.allTextContents(), ['Hello Ann', 'Hello Bob']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the automation contract: named textboxes, comboboxes, buttons and regions; diagnostics carry their rule', async () => {
  const { context, page, errors } = await freshApp();
  for (const name of ['Template name', 'Subject', 'Preheader', 'Body', 'Sample data']) {
    assert.equal(await page.getByRole('textbox', { name, exact: true }).count(), 1, `textbox ${name}`);
  }
  await openSettings(page);
  for (const name of ['Channel', 'Purpose']) {
    assert.equal(await page.getByRole('combobox', { name, exact: true }).count(), 1, `combobox ${name}`);
  }
  for (const name of ['New template', 'Save version']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, `button ${name}`);
  }
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('Dear {{ nme }}');
  const checks = page.getByRole('region', { name: 'Checks' });
  await checks.locator('li[data-rule="undefined-variable"]').waitFor();
  assert.equal(await page.getByRole('region', { name: 'Preview' }).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an HTML e-mail renders in a sandboxed frame that runs nothing, with its plain text beside it', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByRole('textbox', { name: 'Sample data', exact: true }).fill('{"name": "Ann"}');
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill(
    '<p>Hello <b>{{ name }}</b></p><script>parent.document.title = "pwned"</script><img src=x onerror="parent.document.title=\'pwned\'">',
  );
  const frame = page.getByTestId('preview-html');
  await frame.waitFor();
  assert.equal(await frame.getAttribute('sandbox'), '');
  assert.equal(await page.frameLocator('[data-testid="preview-html"]').locator('b').textContent(), 'Ann');
  await waitForText(page, 'preview', '\nHello Ann\n');
  await page.waitForTimeout(300);
  assert.notEqual(await page.title(), 'pwned');
  await context.close();
  assert.ok(errors.every((e) => !e.includes('pwned')), errors.join('\n'));
});

test('the panes resize by keyboard and by dragging, and a narrow window shows one pane at a time', async () => {
  const { context, page, errors } = await freshApp();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByTestId('new-template').click();
  const width = (selector) => page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().width);
  const library = page.getByRole('separator', { name: /Resize the library pane/ });
  const before = await width('.library-pane');
  await library.focus();
  await library.press('ArrowRight');
  await library.press('ArrowRight');
  assert.ok(Math.abs((await width('.library-pane')) - (before + 32)) <= 1, 'two steps of 16 px');
  await library.press('Home');
  assert.ok(Math.abs((await width('.library-pane')) - 180) <= 1, 'Home: the narrowest');

  const editorBefore = await width('.editor-pane');
  const handle = page.getByRole('separator', { name: /Resize the editor and the preview/ });
  const box = await handle.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 150, box.y + 20, { steps: 5 });
  await page.mouse.up();
  const editorAfter = await width('.editor-pane');
  assert.ok(editorAfter < editorBefore - 100, `dragged left: ${editorBefore} -> ${editorAfter}`);
  assert.ok(Number(await handle.getAttribute('aria-valuenow')) < 50, 'the handle reports its new value (percent)');

  await page.setViewportSize({ width: 700, height: 900 });
  assert.equal(await handle.isVisible(), false, 'no handles in one column');
  assert.ok(await page.locator('.editor-pane').isVisible() && !(await page.locator('.preview-pane').isVisible()), 'the editor alone');
  await page.getByTestId('pane-preview').click();
  assert.ok(!(await page.locator('.editor-pane').isVisible()) && (await page.getByTestId('preview').isVisible()), 'the preview alone');
  await page.setViewportSize({ width: 1400, height: 900 });
  assert.ok((await page.locator('.editor-pane').isVisible()) && (await page.getByTestId('pane-tabs').isHidden()), 'wide again: every pane, no tab bar');
  assert.deepEqual(errors, []);
  await context.close();
});

