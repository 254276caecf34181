// Regenerates the README's pictures from the built dist/, in both languages:
//   make build && node scripts/screenshot.mjs
import { launchBrowser, openApp, serveDist, waitForTextContaining } from '../tests/e2e/harness.mjs';

const server = await serveDist();
const browser = await launchBrowser();
for (const [lang, file, greeting] of [['zh-CN', 'screenshot.png', '尊敬的'], ['en', 'screenshot-en.png', 'Dear']]) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const { page } = await openApp(context, server.url + '?lang=' + lang);
  await waitForTextContaining(page, 'preview', greeting);
  await page.screenshot({ path: new URL(`../docs/${file}`, import.meta.url).pathname });
  await context.close();
}
await browser.close();
await server.close();
