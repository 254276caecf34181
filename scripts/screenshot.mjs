// Regenerates docs/screenshot.png (the README's picture) from the built dist/:
//   make build && node scripts/screenshot.mjs
import { launchBrowser, openApp, serveDist, waitForTextContaining } from '../tests/e2e/harness.mjs';

const server = await serveDist();
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
const { page } = await openApp(context, server.url + '?lang=zh-CN');
await waitForTextContaining(page, 'preview', '尊敬的');
await page.screenshot({ path: new URL('../docs/screenshot.png', import.meta.url).pathname });
await browser.close();
await server.close();
