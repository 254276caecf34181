// Editor helpers (part of issue #5): undo and redo, the field palette, a
// sample profile generated from the template, and the colour theme.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appSuite, openSettings, waitForText, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
const { freshApp } = suite;

test('a field from the palette goes in at the cursor', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  await body.fill('Dear ,\nwelcome.');
  await body.evaluate((el) => el.setSelectionRange(5, 5));
  await page.getByTestId('field-palette').locator('summary').click();
  await page.getByTestId('field-palette').getByRole('button', { name: 'customer.name', exact: true }).click();
  assert.equal(await body.inputValue(), 'Dear {{ customer.name }},\nwelcome.');
  await page.waitForFunction(() => document.activeElement?.id === 'template-body');
  const caret = await body.evaluate((el) => [el.selectionStart, el.selectionEnd]);
  assert.deepEqual(caret, [24, 24], 'the caret follows the inserted field');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Generate from template makes a profile with every field the template reads, typed from the schema', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('{{ customer.name }} · {{ customer.open_requests }} · {{ coupon.code }}');
  await page.waitForTimeout(300);
  await page.getByTestId('generate-profile').click();
  const data = JSON.parse(await page.getByRole('textbox', { name: 'Sample data', exact: true }).inputValue());
  assert.deepEqual(data, { customer: { name: '张伟', open_requests: 1 }, coupon: { code: 'code' } });
  await waitForText(page, 'preview', '张伟 · 1 · code');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the colour theme follows the system until chosen, and the choice is remembered', async () => {
  const { context, page, errors } = await freshApp();
  const scheme = () => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
  assert.equal(await page.locator('html').getAttribute('data-theme'), null);
  await page.getByTestId('theme').selectOption('dark');
  assert.equal(await scheme(), 'dark');
  await page.reload();
  await page.getByTestId('template-body').waitFor();
  assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
  await page.getByTestId('theme').selectOption('system');
  assert.equal(await page.locator('html').getAttribute('data-theme'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('undo and redo: a burst of typing is one step, and a quick fix can be undone', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  await body.click();
  await page.keyboard.type('Dear ');
  await page.waitForTimeout(1200);
  await page.keyboard.type('{{ customer.nmae }}');
  await page.keyboard.press('Control+z');
  assert.equal(await body.inputValue(), 'Dear ');
  await page.keyboard.press('Control+z');
  assert.equal(await body.inputValue(), '');
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await body.inputValue(), 'Dear ');
  await page.keyboard.press('Control+y');
  assert.equal(await body.inputValue(), 'Dear {{ customer.nmae }}');

  const typo = page.getByTestId('diagnostics').locator('[data-rule="undefined-variable"]');
  await typo.getByTestId('apply-fix').click();
  assert.equal(await body.inputValue(), 'Dear {{ customer.name }}');
  await body.press('Control+z');
  assert.equal(await body.inputValue(), 'Dear {{ customer.nmae }}');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Alt+↓ goes to the next finding, and ? shows the keyboard shortcuts', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  await body.fill('Dear {{ nme }},\nthanks.');
  await page.getByTestId('diagnostics').locator('[data-rule="undefined-variable"]').waitFor();
  await body.evaluate((el) => el.setSelectionRange(0, 0));
  await page.keyboard.press('Alt+ArrowDown');
  const selected = await body.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
  assert.match(selected, /nme/, 'the first error is selected in the body');

  await page.getByRole('heading', { name: 'Library' }).click();
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  assert.match(await page.getByTestId('shortcuts').innerText(), /Alt\+↓/);
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('shortcuts').count(), 0);
  await body.press('?');
  assert.equal(await page.getByTestId('shortcuts').count(), 0, 'typing ? in the body is just a character');
  assert.deepEqual(errors, []);
  await context.close();
});

test('ignore here: a finding accepted with a reason leaves the list and the count, stays after a reload, and can come back', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('Dear {{ nme }},\nthanks.');
  const finding = page.getByTestId('diagnostics').locator('li[data-rule="undefined-variable"]');
  await finding.getByTestId('ignore-here').click();
  assert.equal(await finding.getByTestId('confirm-ignore').isDisabled(), true, 'a reason is required');
  await finding.getByTestId('ignore-reason').fill('The mailer fills it in');
  await finding.getByTestId('confirm-ignore').click();
  await page.getByTestId('ignored').waitFor();
  assert.equal(await page.getByTestId('diagnostics').locator('li[data-rule="undefined-variable"]').count(), 0);
  assert.match(await page.getByTestId('ignored').innerText(), /Ignored \(1\)/);

  await page.waitForTimeout(800);
  await page.reload();
  await page.getByTestId('ignored').waitFor();
  await page.getByTestId('ignored').locator('summary').click();
  assert.match(await page.getByTestId('ignored').innerText(), /The mailer fills it in/);
  await page.getByTestId('stop-ignoring').click();
  await page.getByTestId('diagnostics').locator('li[data-rule="undefined-variable"]').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the body is painted under the text: Jinja highlighted, lines numbered, findings underlined and marked in the gutter', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const source = 'Dear {{ nme }},\n{% if vip %}Thanks{% endif %}{# note #}\n\nBye';
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill(source);
  const painted = page.locator('.code-stack .highlight');
  await painted.locator('.mark-error').first().waitFor();
  assert.equal(await painted.locator('.mark-error').first().textContent(), 'nme');
  assert.equal(await painted.locator('.line').count(), 4);
  assert.equal(await painted.locator('.line').first().getAttribute('class'), 'line error');
  // A finding inside a tag splits it into pieces, all painted as the tag.
  assert.equal((await painted.locator('.stmt').allTextContents()).join(''), '{% if vip %}{% endif %}');
  assert.deepEqual(await painted.locator('.comment').allTextContents(), ['{# note #}']);
  const text = await painted.evaluate((el) => [...el.querySelectorAll('.line')].map((l) => l.textContent.replace('\u200b', '')).join('\n'));
  assert.equal(text, source, 'the painted copy is the text exactly');
  assert.deepEqual(errors, []);
  await context.close();
});

test('section snippets suit the channel and the template language', async () => {
  const { context, page, errors } = await freshApp('?lang=zh-CN');
  await page.getByTestId('new-template').click();
  await openSettings(page);
  await page.getByRole('combobox', { name: '渠道', exact: true }).selectOption('sms');
  const body = page.getByTestId('template-body');
  await body.fill('');
  await page.getByTestId('section-snippets').locator('summary').click();
  await page.getByTestId('section-snippets').getByRole('button', { name: '称呼' }).click();
  assert.match(await body.inputValue(), /^【\{\{ company\.short_name \}\}】/, 'an SMS greeting starts with the signature');

  await openSettings(page);
  await page.getByRole('combobox', { name: '渠道', exact: true }).selectOption('email');
  await page.getByRole('combobox', { name: '语言', exact: true }).selectOption('en');
  await body.fill('');
  await page.getByTestId('section-snippets').getByRole('button', { name: '联系方式' }).click();
  assert.equal(await body.inputValue(), '{% include "en/contact" %}\n\n{% include "en/signature" %}');
  // The partials reach the engine worker once; later keystrokes render them too.
  await waitForTextContaining(page, 'preview', 'Customer Success team');
  await body.press('End');
  await body.pressSequentially(' (typed)');
  await waitForTextContaining(page, 'preview', 'Customer Success team (typed)');
  assert.match(await page.getByTestId('preview').textContent(), /If you have any questions, contact your account manager/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('typing {{ offers the schema fields and, after |, the filters; the keyboard chooses', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  await body.fill('Dear ');
  await body.press('End');
  await body.pressSequentially('{{ customer.na');
  const list = page.getByRole('listbox', { name: 'Fields to insert' });
  await list.waitFor();
  const options = await list.getByRole('option').allTextContents();
  assert.ok(options.length >= 1 && options.every((o) => o.startsWith('customer.na')), options.join());
  assert.equal(await body.getAttribute('aria-activedescendant'), 'completion-0');
  await body.press('Enter');
  assert.equal(await body.inputValue(), `Dear {{ ${options[0]}`, 'Enter takes the choice instead of a line break');
  assert.equal(await list.isVisible(), false);

  await body.pressSequentially(' | up');
  const filters = page.getByRole('listbox', { name: 'Filters' });
  await filters.waitFor();
  assert.deepEqual(await filters.getByRole('option').allTextContents(), ['upper']);
  await body.press('Tab');
  assert.equal(await body.inputValue(), `Dear {{ ${options[0]} | upper`);

  await body.pressSequentially(' }} {{ c');
  await page.getByRole('listbox', { name: 'Fields to insert' }).waitFor();
  await body.press('ArrowDown');
  assert.equal(await body.getAttribute('aria-activedescendant'), 'completion-1');
  await body.press('Escape');
  assert.equal(await page.getByTestId('completion').isVisible(), false, 'Escape closes the list');
  assert.ok((await body.inputValue()).endsWith('{{ c'), 'and changes nothing');
  assert.deepEqual(errors, []);
  await context.close();
});
