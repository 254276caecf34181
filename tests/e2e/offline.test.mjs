// Offline use and deployment (issue #9): after the first visit the service
// worker serves the editor and the merge page with no network; a new release
// installs beside the running one and says "reload to update"; dist/ works
// from a sub-path of any static host.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { appSuite, DIST, openApp, serveDist, waitForTextContaining } from './harness.mjs';

const suite = appSuite();

/** Waits until the service worker is active, then reloads so that it controls the page. */
async function underServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.getByTestId('template-body').waitFor();
  assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true);
}

test('after the first visit the editor and the merge page work with no network', async () => {
  const { context, page, errors } = await suite.freshApp();
  await underServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('template-body').waitFor();
  await page.getByTestId('new-template').click();
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('离线也能写：{{ 40 + 2 }}');
  await waitForTextContaining(page, 'preview', '离线也能写：42');
  assert.equal(await page.getByTestId('update').count(), 0, 'no update is offered on the release that runs');

  await page.getByTestId('mail-merge').click();
  await page.getByTestId('merge-file').waitFor({ state: 'attached' });
  await page.getByTestId('merge-file').setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名\n张伟\n') });
  await page.getByTestId('mapping').waitFor();
  await page.getByTestId('merge-start').click();
  await waitForTextContaining(page, 'merge-status', 'The merge is done.');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a new release, published under a sub-path, is offered with "reload to update" and taken on the click', async () => {
  // A static host serving dist/ under /tools/notice/.
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'notice-host-'));
  const dist = path.join(root, 'tools', 'notice');
  await fs.cp(DIST, dist, { recursive: true });
  const server = await serveDist(0, root);
  const context = await suite.browser.newContext();
  const { page, errors } = await openApp(context, `${server.url}tools/notice/?lang=en`);
  await underServiceWorker(page);

  // The next release: its service worker differs, as every release's does.
  const worker = path.join(dist, 'sw.js');
  await fs.writeFile(worker, (await fs.readFile(worker, 'utf8')).replace(/const VERSION = "[^"]+"/, 'const VERSION = "next-release"'));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  const update = page.getByTestId('update');
  await update.waitFor();
  assert.match(await update.textContent(), /A new version of Notice Studio is ready\.\s*Reload to update/);
  await Promise.all([page.waitForEvent('load'), update.getByRole('button', { name: 'Reload to update' }).click()]);
  await page.getByTestId('template-body').waitFor();
  assert.deepEqual(await page.evaluate(() => caches.keys()), ['notice-studio-next-release'], 'the old release is gone from the cache');
  assert.equal(await page.getByTestId('update').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});
