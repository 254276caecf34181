// axe-core (from npm) on every main view of the page, in both languages: no
// serious or critical accessibility violation (issue #5's bar).
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { appSuite, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
// axe is injected as an inline script, which the page's policy refuses: the
// test's own browser context lets it in (the page's code is unchanged).
const freshApp = (query, options = {}) => suite.freshApp(query, { bypassCSP: true, ...options });
const AXE = await fs.readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The serious and critical violations axe finds on the page as it is now. */
async function violations(page) {
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

for (const lang of ['zh-CN', 'en']) {
  test(`no serious or critical violation in the editor, coverage, gallery, trash, dark theme and a conversion for Liquid (${lang})`, async () => {
    const { context, page } = await freshApp(`?lang=${lang}`);
    await waitForTextContaining(page, 'preview', lang === 'en' ? 'Dear' : '尊敬的');
    const found = [...(await violations(page))];
    await page.getByTestId('schema-editor').locator('summary').click();
    await page.getByTestId('sample-view-form').click();
    await page.getByTestId('sample-form').waitFor();
    found.push(...(await violations(page)).map((v) => `[field schema, sample form] ${v}`));
    for (const tab of lang === 'en' ? ['Coverage', 'New from gallery', 'Partials'] : ['触点覆盖', '从示例新建', '共享片段']) {
      await page.getByRole('tab', { name: tab }).click();
      found.push(...(await violations(page)).map((v) => `[${tab}] ${v}`));
    }
    await page.getByTestId('trash-tab').click();
    found.push(...(await violations(page)).map((v) => `[trash] ${v}`));
    await page.getByTestId('theme').selectOption('dark');
    await page.getByRole('tab', { name: lang === 'en' ? 'Templates' : '模板' }).click();
    await waitForTextContaining(page, 'preview', lang === 'en' ? 'Dear' : '尊敬的');
    found.push(...(await violations(page)).map((v) => `[dark] ${v}`));
    // The export dialog with a conversion for a sending system in it.
    await page.getByTestId('export').click();
    await page.getByTestId('export-for').getByRole('button', { name: /^Liquid/ }).click();
    await page.locator('[data-testid^=converted-], [data-testid^=refusal-]').first().waitFor();
    found.push(...(await violations(page)).map((v) => `[export for] ${v}`));
    assert.deepEqual([...new Set(found)], []);
    await context.close();
  });
}

for (const lang of ['zh-CN', 'en']) {
  test(`no serious or critical violation on the mail-merge page, before and after a merge (${lang})`, async () => {
    const { context, page } = await freshApp(`?lang=${lang}`);
    await page.getByTestId('mail-merge').click();
    await page.getByTestId('merge-file').waitFor({ state: 'attached' });
    const found = [...(await violations(page))];
    await page.getByTestId('merge-file').setInputFiles({ name: 'c.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名,手机号\n张伟,13800000001\n,1\n') });
    await page.getByTestId('mapping').waitFor();
    await page.getByTestId('merge-start').click();
    await page.getByTestId('merge-rows').locator('tbody tr button').first().click();
    await page.getByTestId('merge-preview').waitFor();
    found.push(...(await violations(page)).map((v) => `[after a merge] ${v}`));
    assert.deepEqual(found, []);
    await context.close();
  });
}

for (const lang of ['zh-CN', 'en']) {
  test(`no serious or critical violation on a phone: each pane of the tab bar, the library's views and the merge page (${lang})`, async () => {
    const { context, page } = await freshApp(`?lang=${lang}`, { viewport: { width: 375, height: 812 }, bypassCSP: true });
    await waitForTextContaining(page, 'preview', lang === 'en' ? 'Dear' : '尊敬的');
    const found = [];
    for (const pane of ['editor', 'preview', 'checks', 'library']) {
      await page.getByTestId(`pane-${pane}`).click();
      found.push(...(await violations(page)).map((v) => `[${pane}] ${v}`));
    }
    await page.getByRole('tab', { name: lang === 'en' ? 'New from gallery' : '从示例新建' }).click();
    await page.getByTestId('gallery').locator('.gallery-card').first().waitFor();
    found.push(...(await violations(page)).map((v) => `[gallery] ${v}`));
    for (const tab of lang === 'en' ? ['Coverage', 'Partials'] : ['触点覆盖', '共享片段']) {
      await page.getByRole('tab', { name: tab }).click();
      found.push(...(await violations(page)).map((v) => `[${tab}] ${v}`));
    }
    await page.getByTestId('trash-tab').click();
    found.push(...(await violations(page)).map((v) => `[trash] ${v}`));
    await page.getByTestId('mail-merge').click();
    await page.getByTestId('merge-file').setInputFiles({ name: 'c.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名,手机号\n张伟,13800000001\n,1\n') });
    await page.getByTestId('mapping').waitFor();
    await page.getByTestId('merge-start').click();
    await page.getByTestId('merge-rows').waitFor();
    found.push(...(await violations(page)).map((v) => `[merge] ${v}`));
    assert.deepEqual([...new Set(found)], []);
    await context.close();
  });
}

test('on a phone the page never scrolls sideways, in either language', async () => {
  for (const lang of ['zh-CN', 'en']) {
    const { context, page, errors } = await suite.freshApp(`?lang=${lang}`, { viewport: { width: 375, height: 812 } });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(await overflow(), 0, `${lang}: the first screen`);
    await page.getByTestId('pane-library').click();
    await page.getByTestId('new-template').click();
    await page.getByTestId('template-body').fill('尊敬的{{ customer.name }}：{% for line in order.items %}{{ line.name }}{% endfor %}');
    await page.getByTestId('diagnostics').locator('li[data-rule="jinja2-compat"]').first().waitFor({ state: 'attached' });
    assert.equal(await overflow(), 0, `${lang}: editing, with findings`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
