// The first ten minutes (issue #21): the body first on a laptop, one pane per
// tap on a phone, the keyboard alone, one language per screen, gallery copies.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appSuite, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
const LAPTOP = { viewport: { width: 1366, height: 768 } };
const PHONE = { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true };
const GREETING = { 'zh-CN': '尊敬的', en: 'Dear' };
const HAN = /\p{Script=Han}/u;

/** Where things are on screen, in CSS pixels. */
const boxes = (page) => page.evaluate(() => {
  const box = (selector) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: r.height, shown: r.height > 0 && getComputedStyle(el).visibility !== 'hidden' };
  };
  return {
    body: box('#template-body'), editor: box('.editor-pane'), preview: box('.preview-section'), checks: box('.checks-section'),
    library: box('.library-pane'), header: box('.app-header'), viewport: innerHeight,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
});

const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el?.id || el?.dataset.testid || el?.tagName;
});

for (const lang of ['zh-CN', 'en']) {
  test(`on a laptop the body editor, the preview and the checks are on the first screen; the settings fold away (${lang})`, async () => {
    const { context, page, errors } = await suite.freshApp(`?lang=${lang}`, LAPTOP);
    await waitForTextContaining(page, 'preview', GREETING[lang]);
    // The first visit's welcome banner is up too: the worst case.
    await page.getByTestId('welcome').waitFor();
    const at = await boxes(page);
    assert.ok(at.body.top >= 0 && at.body.bottom <= at.viewport, `the whole body editor is on screen: ${JSON.stringify(at.body)}`);
    assert.ok(at.body.height >= 0.6 * at.editor.height, `the body takes ${at.body.height} of the pane's ${at.editor.height} px`);
    assert.ok(at.checks.top < at.viewport - 80, `the checks start at ${at.checks.top} px`);
    assert.ok(at.preview.top < at.viewport / 2, `the preview starts at ${at.preview.top} px`);
    assert.equal(await page.evaluate(() => scrollY), 0);

    // Subject and preheader sit with the body; channel, purpose and the rest are in the folded settings.
    assert.ok(await page.getByTestId('subject').isVisible());
    assert.ok(await page.getByTestId('preheader').isVisible());
    assert.ok(!(await page.getByTestId('channel').isVisible()), 'the channel is folded away');
    await page.getByTestId('template-details').locator('summary').click();
    await page.getByTestId('channel').selectOption('sms');
    assert.ok(!(await page.getByTestId('subject').isVisible()), 'an SMS has no subject');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the keyboard alone: skip link first, into the body on open, Ctrl+K to the search, into dialogs and back', async () => {
  const { context, page, errors } = await suite.freshApp('?lang=zh-CN', LAPTOP);
  await waitForTextContaining(page, 'preview', '尊敬的');
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'skip-link', 'the first Tab stop');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'template-body');

  await page.keyboard.press('Control+k');
  await page.waitForFunction(() => document.activeElement?.id === 'library-search');
  // Opening a template from the list moves the caret into its body.
  const item = page.getByTestId('template-list').locator('.template-item').nth(2);
  const name = await item.locator('.name').textContent();
  await item.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'template-body');
  assert.equal(await page.getByTestId('name').inputValue(), name);

  // The import dialog takes the focus, and gives it back when closed.
  await page.getByTestId('import').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=transfer]')?.contains(document.activeElement));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'import');

  // So does the shortcut sheet, which lists Ctrl+K.
  await page.keyboard.press('?');
  await page.waitForFunction(() => document.querySelector('[data-testid=shortcuts]')?.contains(document.activeElement));
  assert.match(await page.getByTestId('shortcuts').textContent(), /Ctrl\+K/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'import');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const lang of ['zh-CN', 'en']) {
  test(`every form control has a name of its own (${lang})`, async () => {
    const { context, page, errors } = await suite.freshApp(`?lang=${lang}`, LAPTOP);
    await waitForTextContaining(page, 'preview', GREETING[lang]);
    await page.getByTestId('template-details').locator('summary').click();
    const snapshot = await page.locator('body').ariaSnapshot();
    const controls = [...snapshot.matchAll(/- (textbox|combobox|searchbox|spinbutton|checkbox|slider)(?: "([^"]*)")?/g)];
    assert.ok(controls.length >= 10, snapshot);
    const nameless = controls.filter((c) => !c[2]?.trim()).map((c) => c[0]);
    assert.deepEqual(nameless, [], 'no control without a name');
    const names = controls.map((c) => c[2]);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    assert.deepEqual(twice, [], `names used twice: ${twice}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('on a phone: no sideways scroll, a folded header, and library, editor, preview and checks one tap each', async () => {
  for (const lang of ['zh-CN', 'en']) {
    const { context, page, errors } = await suite.freshApp(`?lang=${lang}`, PHONE);
    await waitForTextContaining(page, 'preview', GREETING[lang]);
    let at = await boxes(page);
    assert.equal(at.overflow, 0, `${lang}: the first screen`);
    assert.ok(at.header.height <= 56, `${lang}: the header takes ${at.header.height} px`);
    assert.ok(at.body.shown && at.body.top < at.viewport - 120, `${lang}: the body starts at ${at.body.top} px`);
    assert.ok(!at.library.shown && !at.preview.shown, `${lang}: one pane at a time`);

    await page.getByTestId('pane-library').tap();
    at = await boxes(page);
    assert.ok(at.library.shown && !at.body.shown, `${lang}: the library tab`);
    assert.equal(at.overflow, 0, `${lang}: the library`);
    // One tap on a template opens it in the editor, its body on the first screen.
    const item = page.getByTestId('template-list').locator('.template-item').nth(1);
    const name = await item.locator('.name').textContent();
    await item.tap();
    await page.waitForFunction(() => document.querySelector('[data-testid=pane-editor]').getAttribute('aria-pressed') === 'true');
    assert.equal(await page.getByTestId('name').inputValue(), name);
    at = await boxes(page);
    assert.ok(at.body.shown && at.body.top < at.viewport - 120, `${lang}: the opened body starts at ${at.body.top} px`);

    await page.getByTestId('pane-preview').tap();
    at = await boxes(page);
    assert.ok(at.preview.shown && !at.checks.shown && !at.body.shown, `${lang}: the preview tab`);
    await page.getByTestId('pane-checks').tap();
    at = await boxes(page);
    assert.ok(at.checks.shown && !at.preview.shown, `${lang}: the checks tab`);
    assert.ok(await page.getByTestId('readiness').isVisible());
    assert.equal(at.overflow, 0, `${lang}: the checks`);

    // A field typed into the body is offered for the schema right under it, on the first screen.
    await page.getByTestId('pane-editor').tap();
    const body = page.getByTestId('template-body');
    await body.fill(`${await body.inputValue()}{{ order.tracking_no }}`);
    const undeclared = page.getByTestId('undeclared-fields');
    await undeclared.waitFor();
    const strip = await undeclared.boundingBox();
    assert.ok(strip.y + strip.height <= at.viewport, `${lang}: the offer ends at ${strip.y + strip.height} px`);
    await undeclared.getByRole('button').tap();
    await undeclared.waitFor({ state: 'detached' });
    // The shared partials, under the library tab: each including template's verdict beside its name.
    await page.getByTestId('pane-library').tap();
    await page.getByTestId('partials-tab').tap();
    await page.getByTestId('partial-list').getByText(`${lang.slice(0, 2)}/contact`, { exact: true }).tap();
    await page.getByTestId('partial-users').locator('.verdict.ready').first().waitFor();
    assert.equal((await boxes(page)).overflow, 0, `${lang}: the partials`);

    // The gallery lives under the library tab; starting from an example brings the editor.
    await page.getByTestId('pane-library').tap();
    await page.getByRole('tab', { name: lang === 'en' ? 'New from gallery' : '从示例新建' }).tap();
    await page.getByTestId('gallery').locator('.gallery-card button').first().tap();
    await page.waitForFunction(() => document.querySelector('[data-testid=pane-editor]').getAttribute('aria-pressed') === 'true');
    assert.ok((await boxes(page)).body.shown, `${lang}: the copy is open`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

for (const lang of ['zh-CN', 'en']) {
  test(`the library and the gallery speak the UI's language; gallery copies get names of their own and no example badge (${lang})`, async () => {
    const { context, page, errors } = await suite.freshApp(`?lang=${lang}`, LAPTOP);
    await waitForTextContaining(page, 'preview', GREETING[lang]);
    const list = page.getByTestId('template-list');
    const names = await list.locator('.name').allTextContents();
    assert.ok(names.length >= 5);
    for (const name of names) assert.equal(HAN.test(name), lang === 'zh-CN', `${lang}: ${name}`);

    const gallery = lang === 'en' ? 'New from gallery' : '从示例新建';
    await page.getByRole('tab', { name: gallery }).click();
    const titles = await page.getByTestId('gallery').locator('.gallery-card h3').allTextContents();
    for (const title of titles) assert.equal(HAN.test(title), lang === 'zh-CN', `${lang}: gallery card ${title}`);
    const card = page.getByTestId('gallery').locator('.gallery-card').first();
    const name = await card.locator('h3').textContent();
    const copies = [];
    for (let i = 0; i < 2; i++) {
      await page.getByRole('tab', { name: gallery }).click();
      await card.locator('button').click();
      copies.push(await page.getByTestId('name').inputValue());
    }
    assert.deepEqual(copies, lang === 'en' ? [`${name} (copy)`, `${name} (copy 2)`] : [`${name}（副本）`, `${name}（副本 2）`]);
    for (const copy of copies) {
      const entry = list.locator('.template-item', { has: page.getByText(copy, { exact: true }) });
      assert.equal(await entry.count(), 1, copy);
      assert.equal(await entry.locator('.badge').count(), 0, `${copy} is no example`);
    }
    assert.equal(await list.locator('.template-item', { has: page.getByText(name, { exact: true }) }).locator('.badge').count(), 1, 'the example keeps its badge');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the merge page on a phone: no sideways scroll with a list read, its fields listed, and after the merge', async () => {
  const { context, page, errors } = await suite.freshApp('?lang=zh-CN', PHONE);
  await page.getByTestId('pane-library').tap();
  await page.getByTestId('mail-merge').tap();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.getByTestId('merge-file').waitFor({ state: 'attached' });
  assert.equal(await overflow(), 0, 'before a list');
  const list = '姓名,手机号,截止日期,备注\n张伟,13800138000,2026-12-31,老客户\n李娜,13900139000,2027-01-15,\n';
  await page.getByTestId('merge-file').setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(list) });
  await page.getByTestId('field-sources').waitFor();
  assert.equal(await overflow(), 0, 'the fields and the mapping');
  await page.getByTestId('merge-start').tap();
  await page.getByTestId('merge-rows').waitFor();
  assert.equal(await overflow(), 0, 'the results');
  assert.deepEqual(errors, []);
  await context.close();
});

test('shared partials: listed with their users, checked where they are used, edited into the preview, renamed with their includes, a bad name refused in the page\'s language', async () => {
  const { context, page, errors } = await suite.freshApp('?lang=zh-CN', LAPTOP);
  await waitForTextContaining(page, 'preview', '尊敬的');
  await page.getByTestId('partials-tab').click();
  const list = page.getByTestId('partial-list');
  await list.getByText('zh/contact', { exact: true }).click();
  const userNames = () => page.getByTestId('partial-users').getByRole('button').allTextContents();
  const users = await userNames();
  assert.ok(users.length >= 2, `${users}`);
  // A partial no template includes says so.
  await list.getByText('en/contact', { exact: true }).click();
  await page.getByTestId('no-partial-users').waitFor();
  await list.getByText('zh/contact', { exact: true }).click();
  assert.deepEqual(await userNames(), users);

  // Each including template is checked with the partial as it reads now:
  // the examples are ready; a broken partial breaks every one, and says why.
  const verdicts = page.getByTestId('partial-users').locator('.verdict');
  const settled = async (cls) => page.waitForFunction(([n, cls]) => {
    const all = [...document.querySelectorAll('[data-testid=partial-users] .verdict')];
    return all.length === n && all.every((v) => v.classList.contains(cls));
  }, [users.length, cls]);
  await settled('ready');
  assert.match(await verdicts.first().textContent(), /可发布/);
  const contact = await page.getByTestId('partial-text').inputValue();
  await page.getByTestId('partial-text').fill(`${contact}{% if %}`);
  await settled('not-ready');
  for (const verdict of await verdicts.allTextContents()) assert.match(verdict, /[1-9]\d* 个错误，.* · .+/, verdict);
  await page.getByTestId('partial-text').fill(contact);
  await settled('ready');

  await page.getByTestId('partial-name').fill('zh/联 系');
  await page.getByTestId('rename-partial').click();
  assert.match(await page.getByTestId('partial-problem').textContent(), /片段名不能为空，也不能含空格/);
  await page.getByTestId('partial-name').fill('zh/联系方式');
  await page.getByTestId('partial-name').press('Enter');
  await list.getByText('zh/联系方式', { exact: true }).waitFor();
  assert.equal(await list.getByText('zh/contact', { exact: true }).count(), 0);
  assert.deepEqual(await userNames(), users, 'the includes followed the name');

  await page.getByTestId('partial-text').fill('如有疑问，请致电 400-000-0000。');
  // A template that includes it: its body names the new name and its preview shows the new text.
  await page.getByTestId('partial-users').getByRole('button', { name: users[0] }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'template-body');
  assert.match(await page.getByTestId('template-body').inputValue(), /\{% include "zh\/联系方式" %\}/);
  await waitForTextContaining(page, 'preview', '如有疑问，请致电 400-000-0000。');
  // And all of it was stored: after a reload the partial is there under its new name.
  await page.reload();
  await page.getByTestId('partials-tab').click();
  await page.getByTestId('partial-list').getByText('zh/联系方式', { exact: true }).click();
  assert.equal(await page.getByTestId('partial-text').inputValue(), '如有疑问，请致电 400-000-0000。');
  assert.deepEqual(errors, []);
  await context.close();
});

test('checks are grouped by rule, the gravest first, counted and clickable to their place; a field just typed is offered inline for the schema and samples', async () => {
  const { context, page, errors } = await suite.freshApp('?lang=zh-CN', LAPTOP);
  await page.getByTestId('new-template').click();
  const body = '尊敬的{{ customer.name }}：\n最佳服务，{{ customer.vip_level }}。\n最佳体验。';
  await page.getByTestId('template-body').fill(body);
  const diagnostics = page.getByTestId('diagnostics');
  await diagnostics.locator('li[data-rule="undefined-variable"]').waitFor();
  await diagnostics.locator('li[data-rule="absolute-term"]').nth(1).waitFor();

  // One group per rule, in order of their gravest finding; each heading names the rule and counts its findings.
  const groups = await diagnostics.locator('section').evaluateAll((sections) => sections.map((s) => ({
    rule: s.dataset.ruleGroup,
    heading: s.querySelector('h3').textContent,
    severity: ['error', 'warning', 'info'].findIndex((c) => s.querySelector('h3').classList.contains(c)),
    items: [...s.querySelectorAll('li.diagnostic')].map((li) => li.dataset.rule),
  })));
  assert.equal(groups[0].rule, 'undefined-variable');
  assert.equal(new Set(groups.map((g) => g.rule)).size, groups.length, 'one group per rule');
  for (const [i, g] of groups.entries()) {
    assert.ok(g.items.length > 0 && g.items.every((r) => r === g.rule), JSON.stringify(g));
    assert.ok(g.heading.includes(`(${g.items.length})`) && g.heading.includes(g.rule), g.heading);
    if (i > 0) assert.ok(groups[i - 1].severity <= g.severity, `${groups[i - 1].rule} before ${g.rule}`);
  }
  const absolute = groups.find((g) => g.rule === 'absolute-term');
  assert.match(absolute.heading, /^绝对化用语 \(2\)/);
  assert.match(groups[0].heading, /^未声明的字段 \(1\)/);

  // The second 最佳 is where its finding takes the caret.
  await diagnostics.locator('li[data-rule="absolute-term"]').nth(1).locator('.jump').click();
  const selected = await page.getByTestId('template-body').evaluate((el) => [el.selectionStart, el.selectionEnd]);
  const second = body.lastIndexOf('最佳');
  assert.deepEqual(selected, [second, second + 2]);
  assert.equal(await focused(page), 'template-body');

  // Under the body: the undeclared field, one click from the schema and the samples.
  const undeclared = page.getByTestId('undeclared-fields');
  assert.match(await undeclared.innerText(), /字段表中没有：\s*customer\.vip_level/);
  await undeclared.getByRole('button', { name: '添加到字段表和样例' }).click();
  await undeclared.waitFor({ state: 'detached' });
  await diagnostics.locator('li[data-rule="undefined-variable"]').waitFor({ state: 'detached' });
  await page.getByTestId('schema-editor').locator('summary').click();
  await page.getByTestId('schema-fields').locator('tbody tr').first().waitFor();
  const paths = await page.getByTestId('schema-fields').locator('tbody tr input').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.ok(paths.includes('customer.vip_level'), paths.join(' '));
  // The findings name the record made from the schema in the page's language.
  const shown = await diagnostics.innerText() + await page.getByTestId('preview').innerText();
  assert.ok(!shown.includes('generated') && shown.includes('字段表示例'), shown);
  assert.deepEqual(errors, []);
  await context.close();
});
