// Jinja2 fidelity in the page (issue #19): the preview prints what Python
// Jinja2 prints, a difference is flagged where it is written in the screen's
// language, and a template the parser would recurse too deep on stops at a
// limit instead of killing the engine worker.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appSuite, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
const { freshApp } = suite;

const finding = (page, rule) => page.getByTestId('diagnostics').locator(`li[data-rule="${rule}"]`);

test('the preview prints as Jinja2 and flags, in Chinese, what Jinja2 would do otherwise', async () => {
  const { context, page, errors } = await freshApp('?lang=zh-CN');
  await page.getByTestId('new-template').click();
  const body = page.getByTestId('template-body');
  // Python prints 0.00001 as 1e-05 and escapes quotes as &#34;.
  await body.fill('尊敬的客户：利率 {{ 0.00001 }}，{{ \'"VIP"\'|escape }}，共 {{ "３"|int }} 件。');
  await waitForTextContaining(page, 'preview', '利率 1e-05，&#34;VIP&#34;，共 3 件。');
  // order.items is the dict's method in Jinja2, not the key: flagged at the word.
  await body.fill('尊敬的客户：{% for line in order.items %}{{ line }}{% endfor %}');
  const flagged = finding(page, 'jinja2-compat');
  await flagged.waitFor();
  assert.match(await flagged.first().innerText(), /Jinja2 把 \.items 读作字典的 items\(\) 方法/);
  assert.doesNotMatch(await flagged.first().innerText(), /Jinja2 reads/, 'one language per screen');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a thousand elif branches stop at the nesting limit, and the engine keeps working', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const body = page.getByTestId('template-body');
  const branches = Array.from({ length: 1000 }, (_, i) => `{% elif a == ${i + 1} %}${i + 1}`).join('');
  await body.fill(`Dear customer, {% if a == 0 %}0${branches}{% endif %}`);
  await finding(page, 'render-limit').waitFor();
  // The worker survived: the next edit is rendered.
  await body.fill('Dear customer, your parcel has shipped.');
  await waitForTextContaining(page, 'preview', 'your parcel has shipped.');
  assert.deepEqual(errors, []);
  await context.close();
});
