// Regenerates the pictures in docs/ from the built dist/: every view at a
// laptop's 1366×768 and a phone's 375×812, in Chinese, and the editor in
// English; the README shows docs/screenshot.png and docs/screenshot-en.png.
//   make build && node scripts/screenshot.mjs
import { launchBrowser, openApp, serveDist, waitForTextContaining } from '../tests/e2e/harness.mjs';

const DOCS = new URL('../docs/', import.meta.url).pathname;
const SIZES = { laptop: { width: 1366, height: 768 }, phone: { width: 375, height: 812 } };
const LIST = '姓名,手机号,截止日期,备注\n张伟,13800138000,2026-12-31,老客户\n李娜,13900139000,2027-01-15,\n王芳,12345,2026-12-31,\n';

const server = await serveDist();
const browser = await launchBrowser();

async function open(size, lang) {
  const context = await browser.newContext({ viewport: SIZES[size], deviceScaleFactor: 1, hasTouch: size === 'phone' });
  const { page } = await openApp(context, `${server.url}?lang=${lang}`);
  await waitForTextContaining(page, 'preview', lang === 'en' ? 'Dear' : '尊敬的');
  await page.getByTestId('welcome').getByRole('button').click();
  return { context, page };
}

const shot = (page, name) => page.screenshot({ path: DOCS + name });

// The README's pictures: the editor on a laptop.
for (const [lang, file] of [['zh-CN', 'screenshot.png'], ['en', 'screenshot-en.png']]) {
  const { context, page } = await open('laptop', lang);
  await shot(page, file);
  await context.close();
}

for (const size of ['laptop', 'phone']) {
  const { context, page } = await open(size, 'zh-CN');
  const tab = async (pane) => size === 'phone' && page.getByTestId(`pane-${pane}`).click();
  await shot(page, `editor-${size}.png`);
  await tab('preview');
  if (size === 'phone') await shot(page, 'preview-phone.png');
  await tab('checks');
  if (size === 'phone') await shot(page, 'checks-phone.png');
  await tab('library');
  if (size === 'phone') await shot(page, 'library-phone.png');
  await page.getByRole('tab', { name: '从示例新建' }).click();
  await page.getByTestId('gallery').locator('.gallery-card').first().waitFor();
  await shot(page, `gallery-${size}.png`);
  await page.getByRole('tab', { name: '触点覆盖' }).click();
  await shot(page, `coverage-${size}.png`);
  await page.getByRole('tab', { name: '共享片段' }).click();
  await page.getByTestId('partial-list').getByText('zh/contact', { exact: true }).click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=partial-users] .verdict:not(.ready, .not-ready)'));
  await shot(page, `partials-${size}.png`);
  await page.getByRole('tab', { name: '模板' }).click();

  // The open e-mail converted for a sending system (Liquid), ready to copy.
  await tab('library');
  await page.getByTestId('export').click();
  await page.getByTestId('export-for').getByRole('button', { name: /^Liquid/ }).click();
  await page.locator('[data-testid^=converted-], [data-testid^=refusal-]').first().waitFor();
  await shot(page, `export-for-${size}.png`);
  await page.getByTestId('transfer-close').click();

  // The merge page: a list read, its fields matched, one field without a column.
  await page.getByTestId('mail-merge').click();
  await page.getByTestId('merge-file').setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST) });
  await page.getByTestId('field-sources').waitFor();
  await shot(page, `merge-${size}.png`);
  await page.getByTestId('merge-start').click();
  await page.getByTestId('merge-rows').waitFor();
  await page.getByTestId('merge-results').scrollIntoViewIfNeeded();
  await shot(page, `merge-results-${size}.png`);
  await context.close();
}

await browser.close();
await server.close();
