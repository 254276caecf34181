// Sending systems (issue #22) in the page: "export for a sending system" in
// the export dialog converts the open template (Liquid, Handlebars, the SMS
// platforms' request bodies), shows it to copy, or says why not and takes the
// user to the line; the SMS sending platform chosen in the checks panel adds
// its review rules, for the library, across reloads. At laptop and phone size,
// by keyboard where a person would use it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Liquid } from 'liquidjs';

import { appSuite, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
const LAPTOP = { viewport: { width: 1366, height: 768 }, permissions: ['clipboard-read', 'clipboard-write'] };
const PHONE = { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true };

const BODY = '尊敬的{{ customer.name }}：\n{% if order.note %}备注：{{ order.note }}\n{% endif %}感谢您的支持。';
const DATA = { customer: { name: '王芳' }, order: { note: '' } };

async function newTemplate(page, body, data) {
  await page.getByTestId('new-template').click();
  await page.getByTestId('template-body').fill(body);
  await page.getByTestId('sample-data').fill(JSON.stringify(data));
  await page.waitForTimeout(700); // stored after a 500 ms pause
}

test('an e-mail converts for Liquid and Handlebars, to copy; a refusal takes the user to its line', async () => {
  const { context, page, errors } = await suite.freshApp('?lang=zh-CN', LAPTOP);
  await waitForTextContaining(page, 'preview', '尊敬的');
  await newTemplate(page, BODY, DATA);
  await page.getByTestId('subject').fill('{{ customer.name }}，您的订单已发货');
  await page.waitForTimeout(700);
  await page.getByTestId('export').click();
  const panel = page.getByTestId('export-for');
  await panel.getByRole('button', { name: 'Liquid (Braze, Customer.io, Knock, Novu)' }).click();
  const converted = page.getByTestId('converted-body');
  await converted.waitFor();
  // The subject is a template too: converted on its own.
  assert.equal(await page.getByTestId('converted-subject').inputValue(), '{{ customer.name }}，您的订单已发货');
  const liquid = await converted.inputValue();
  assert.equal(liquid, '尊敬的{{ customer.name }}：\n{% if order.note and order.note != empty %}备注：{{ order.note }}\n{% endif %}感谢您的支持。');
  // LiquidJS prints what the preview prints for this customer (an empty note is false in Jinja).
  assert.equal(await new Liquid().parseAndRender(liquid, DATA), '尊敬的王芳：\n感谢您的支持。');

  await page.getByTestId('copy-body').click();
  await waitForTextContaining(page, 'transfer-status', '已复制');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), liquid);

  // By keyboard: the Handlebars button, focused and pressed.
  await panel.getByRole('button', { name: 'Handlebars (SendGrid, Mailgun)' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="converted-body"]')?.value.includes('{{#if order.note}}'));
  assert.match(await converted.inputValue(), /^尊敬的\{\{\{customer\.name\}\}\}：\n\{\{#if order\.note\}\}/);
  assert.equal(await page.getByTestId('converted-subject').inputValue(), '{{{customer.name}}}，您的订单已发货');
  await page.getByTestId('transfer-close').click();

  // A construct that would change meaning: refused, with where and why, and the way there.
  const refused = '尊敬的{{ customer.name }}：\n您的积分：{{ points|default("0") }}';
  await page.getByTestId('template-body').fill(refused);
  await page.getByTestId('export').click();
  await page.getByTestId('export-for').getByRole('button', { name: /^Liquid/ }).click();
  await waitForTextContaining(page, 'refusal-body', '第 2 行第 16 列');
  assert.match(await page.getByTestId('refusal-body').textContent(), /\|default 无法原样转换为 Liquid：Jinja 只替换未定义的值/);
  assert.equal(await converted.count(), 0, 'no conversion is shown beside a refusal');
  await page.getByTestId('show-refusal').click();
  await page.waitForFunction(() => document.activeElement?.id === 'template-body');
  const selected = await page.evaluate(() => {
    const body = document.activeElement;
    return body.value.slice(body.selectionStart, body.selectionEnd);
  });
  assert.equal(selected, 'default("0")');
  assert.equal(await page.getByTestId('transfer').count(), 0, 'the dialog is closed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone: the sending platform adds its review rules for the library, and the SMS exports as its request', async () => {
  const { context, page, errors } = await suite.freshApp('?lang=zh-CN', PHONE);
  await waitForTextContaining(page, 'preview', '尊敬的');
  await page.getByTestId('pane-library').click();
  await page.getByTestId('new-template').click();
  await page.getByTestId('template-details').locator('summary').click();
  await page.getByTestId('channel').selectOption('sms');
  await page.getByTestId('template-body').fill('【星河科技】{{ customer.name }}您好，您的订单已发货★');
  await page.getByTestId('sample-data').fill('{"customer": {"name": "王芳"}}');
  await page.waitForTimeout(700);

  await page.getByTestId('pane-checks').click();
  const platform = page.getByTestId('sending-platform');
  assert.equal(await platform.inputValue(), '', 'no platform until one is chosen');
  assert.equal(await page.locator('[data-rule-group="platform-symbols"]').count(), 0);
  await platform.selectOption('tencent');
  await page.locator('[data-rule-group="platform-symbols"]').waitFor();
  assert.match(await page.locator('[data-rule-group="platform-symbols"]').textContent(), /平台：不接受的符号.*腾讯云不接受符号“★”/s);

  // The choice is the library's: it is there after a reload.
  await page.waitForTimeout(700);
  await page.reload();
  await waitForTextContaining(page, 'preview', '王芳');
  await page.getByTestId('pane-checks').click();
  assert.equal(await page.getByTestId('sending-platform').inputValue(), 'tencent');

  await page.getByTestId('pane-library').click();
  await page.getByTestId('export').click();
  await page.getByTestId('export-for').getByRole('button', { name: '腾讯云短信' }).click();
  await page.getByTestId('converted-body').waitFor();
  assert.equal(await page.getByTestId('converted-subject').count(), 0, 'an SMS has no subject');
  const request = JSON.parse(await page.getByTestId('converted-body').inputValue());
  assert.equal(request.TemplateContent, '{1}您好，您的订单已发货★');
  assert.equal(request.SignName, '星河科技');
  assert.equal(request.SmsType, 2);
  assert.deepEqual(request.variables, [{ placeholder: '{1}', expression: 'customer.name' }]);
  const box = await page.getByTestId('converted-body').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 375, `the converted text fits the phone: ${JSON.stringify(box)}`);
  assert.deepEqual(errors, []);
  await context.close();
});
