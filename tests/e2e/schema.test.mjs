// The field schema editor, and sample data edited as a form.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appSuite, waitForText, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
const { freshApp } = suite;

/** Opens the field schema panel; its rows. */
async function openSchema(page) {
  await page.getByTestId('schema-editor').locator('summary').click();
  const rows = page.getByTestId('schema-fields').locator('tbody tr');
  await rows.first().waitFor();
  return rows;
}

/** The sample data as JSON, parsed. */
async function sampleData(page) {
  return JSON.parse(await page.getByTestId('sample-data').inputValue());
}

test('a field added to the schema with its type, label and example reaches the palette and the checks, and survives a reload', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const rows = await openSchema(page);
  const n = (await rows.count()) + 1;
  const newPath = page.getByRole('textbox', { name: 'Path of the new field', exact: true });
  await newPath.fill('order.total');
  await newPath.press('Enter');
  await rows.nth(n - 1).waitFor();
  assert.equal(await newPath.inputValue(), '', 'the new-field input is emptied for the next one');
  const control = (role, column) => page.getByRole(role, { name: `${column} of field ${n}`, exact: true });
  assert.equal(await control('textbox', 'Path').inputValue(), 'order.total');
  await control('combobox', 'Type').selectOption('number');
  await control('textbox', 'Label').fill('Order total');
  await control('textbox', 'Example').fill('99.5');
  await control('checkbox', 'Required').check();
  await control('combobox', 'Format').selectOption({ label: 'None' });

  const palette = page.getByTestId('field-palette');
  await palette.locator('summary').click();
  const chip = palette.getByRole('button', { name: 'order.total', exact: true });
  assert.equal(await chip.getAttribute('title'), 'Order total');
  assert.match(await palette.locator('summary').textContent(), new RegExp(`\\(${n}\\)`));

  // The engine worker has the new field at once: a generated profile is typed from it.
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('Total: {{ order.total }}');
  await waitForText(page, 'preview', 'Total: 99.5');
  await page.getByTestId('generate-profile').click();
  assert.deepEqual(await sampleData(page), { order: { total: 99.5 } });

  await page.reload();
  await page.getByTestId('template-body').waitFor();
  await openSchema(page);
  assert.equal(await control('textbox', 'Path').inputValue(), 'order.total');
  assert.equal(await control('combobox', 'Type').inputValue(), 'number');
  assert.equal(await control('textbox', 'Label').inputValue(), 'Order total');
  assert.equal(await control('textbox', 'Example').inputValue(), '99.5');
  assert.equal(await control('checkbox', 'Required').isChecked(), true);
  assert.equal(await control('checkbox', 'Sensitive').isChecked(), false);

  // Deleting it takes it out of the palette, and focus stays in the table.
  await page.getByRole('button', { name: `Delete field ${n}`, exact: true }).press('Enter');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'new-field-path');
  assert.equal(await rows.count(), n - 1);
  assert.equal(await palette.getByRole('button', { name: 'order.total', exact: true }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an invalid field path is refused with a message in either language, and never saved', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const rows = await openSchema(page);
  const count = await rows.count();
  const first = page.getByRole('textbox', { name: 'Path of field 1', exact: true });
  const original = await first.inputValue();
  const second = await page.getByRole('textbox', { name: 'Path of field 2', exact: true }).inputValue();
  const problem = rows.first().getByRole('alert');

  await first.fill('customer..name');
  assert.match(await problem.textContent(), /^Not saved: a path is names joined by dots/);
  assert.equal(await first.getAttribute('aria-invalid'), 'true');
  await first.fill('');
  assert.equal(await problem.textContent(), 'Not saved: the path is empty.');
  await first.fill(second);
  assert.equal(await problem.textContent(), 'Not saved: another field has this path.');
  assert.equal(await first.inputValue(), second, 'what was typed stays to be corrected');

  const newPath = page.getByRole('textbox', { name: 'Path of the new field', exact: true });
  await newPath.fill('1st.name');
  await page.getByTestId('add-field').click();
  assert.match(await page.getByTestId('new-field-problem').textContent(), /^Not saved: a path is names/);
  await newPath.fill(original);
  await newPath.press('Enter');
  assert.equal(await page.getByTestId('new-field-problem').textContent(), 'Not saved: another field has this path.');
  assert.equal(await rows.count(), count, 'no field was added');

  await page.waitForTimeout(300);
  await page.reload();
  await page.getByTestId('template-body').waitFor();
  await openSchema(page);
  assert.equal(await first.inputValue(), original, 'the field kept its path');
  assert.equal(await rows.count(), count);

  await page.getByTestId('lang-zh').click();
  await page.getByRole('textbox', { name: '第 1 个字段的路径', exact: true }).fill(second);
  assert.equal(await problem.textContent(), '未保存：已有字段使用这个路径。');
  await page.getByRole('button', { name: '添加字段', exact: true }).click();
  assert.equal(await page.getByTestId('new-field-problem').textContent(), '未保存：路径不能为空。');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the form view edits the sample: the JSON and the preview follow, other keys keep their place', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('Hi {{ customer.name }}');
  await waitForText(page, 'preview', 'Hi 张伟');
  await page.getByTestId('sample-view-form').click();
  assert.equal(await page.getByTestId('sample-view-form').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('sample-data').isHidden(), true);
  const form = page.getByTestId('sample-form');
  const name = form.getByRole('textbox', { name: /customer\.name/ });
  // The fields the template uses come first, labelled from the schema.
  assert.match(await form.locator('label').first().textContent(), /Customer name.*customer\.name/);
  await name.fill('Ann');
  await waitForText(page, 'preview', 'Hi Ann');
  assert.deepEqual(await sampleData(page), { customer: { name: 'Ann' } });

  await page.getByTestId('sample-view-json').click();
  const json = page.getByTestId('sample-data');
  await json.fill('{"z": 1, "customer": {"vip": true, "name": "Ann", "tags": ["a"]}}');
  await page.getByTestId('sample-view-form').click();
  await name.fill('Bo');
  await waitForText(page, 'preview', 'Hi Bo');
  assert.equal(await json.inputValue(), '{"z":1,"customer":{"vip":true,"name":"Bo","tags":["a"]}}');
  // Only the fields the template uses are open; the rest of the schema is folded under them.
  const others = form.getByTestId('other-fields');
  assert.equal(await form.locator(':scope > label').count(), 1);
  assert.equal(await others.getAttribute('open'), null);
  assert.match(await others.locator('summary').textContent(), /^Other fields of the schema \(\d+\)$/);
  await others.locator('summary').click();
  // A sensitive field is marked.
  assert.match(await others.locator('label', { has: page.locator('code', { hasText: /^customer\.phone$/ }) }).textContent(), /Sensitive/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('form inputs are typed from the schema: a number is a JSON number, yes / no a boolean, a date its date', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('{{ customer.open_requests }} open');
  await page.getByTestId('sample-view-form').click();
  const form = page.getByTestId('sample-form');
  const requests = form.getByRole('spinbutton', { name: /customer\.open_requests/ });
  await requests.fill('3');
  await waitForText(page, 'preview', '3 open');
  assert.strictEqual((await sampleData(page)).customer.open_requests, 3);
  await requests.fill('2.5');
  await waitForText(page, 'preview', '2.5 open');
  assert.strictEqual((await sampleData(page)).customer.open_requests, 2.5);
  // Key by key, what is typed stays as typed: "1." is not rewritten to "1" under the caret.
  await requests.fill('');
  await requests.pressSequentially('1.50');
  for (let i = 0; i < 4; i++) await requests.press('Backspace');
  await requests.pressSequentially('-4');
  assert.equal(await requests.inputValue(), '-4');
  assert.strictEqual((await sampleData(page)).customer.open_requests, -4);
  await form.getByTestId('other-fields').locator('summary').click();
  await form.getByRole('checkbox', { name: /incident\.data_safe/ }).check();
  await form.getByLabel(/customer\.since/).fill('2026-01-05');
  const data = await sampleData(page);
  assert.strictEqual(data.incident.data_safe, true);
  assert.strictEqual(data.customer.since, '2026-01-05');
  assert.deepEqual(Object.keys(data), ['customer', 'incident'], 'new paths are added after the ones there');
  await form.getByRole('checkbox', { name: /incident\.data_safe/ }).uncheck();
  assert.strictEqual((await sampleData(page)).incident.data_safe, false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('JSON that does not parse shows its error in place of the form, and nothing is lost', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('Hi {{ customer.name }}');
  const json = page.getByTestId('sample-data');
  const broken = '{\n  "customer": {"name": "Ann",}\n}';
  await json.fill(broken);
  await page.getByTestId('sample-view-form').click();
  const problem = page.getByTestId('sample-form-error');
  assert.match(await problem.textContent(), /^Sample data is not valid JSON \(line 2, column \d+\)/);
  assert.equal(await page.getByTestId('sample-form').count(), 0);
  await page.getByTestId('sample-view-json').click();
  assert.equal(await json.inputValue(), broken);
  await json.fill('{\n  "customer": {"name": "Ann"}\n}');
  await page.getByTestId('sample-view-form').click();
  assert.equal(await page.getByTestId('sample-form').getByRole('textbox', { name: /customer\.name/ }).inputValue(), 'Ann');
  assert.equal(await problem.count(), 0);
  await waitForTextContaining(page, 'preview', 'Hi Ann');
  assert.deepEqual(errors, []);
  await context.close();
});
