// The template library (issue #3), driven as a person would: create, edit,
// reload, delete and undo, search, history, coverage, two tabs, a full
// storage, damaged and old stored values.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { test } from 'node:test';

import { appSuite, emptyFiller, fillStorage, openApp, openSettings, storedValues, waitForText, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
const { freshApp } = suite;

/** The names in the library list, in order. */
async function listedNames(page) {
  return page.getByTestId('template-list').locator('.name').allTextContents();
}

/** The (shown, total) numbers of the list's count line. */
async function listCount(page) {
  const [shown, total] = (await page.getByTestId('library-count').textContent()).match(/\d+/g).map(Number);
  return { shown, total };
}

/** Waits until every edit is written (the save pause is 500 ms). */
async function settle(page) {
  await page.waitForTimeout(800);
}

/** Storage keys of templates, as the app stored them. */
async function storedTemplates(page) {
  return storedValues(page, 'notice-studio.template.');
}

test('a new template with every field, two profiles and the chosen one survive a reload made right after typing', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByTestId('name').fill('Renewal reminder');
  await openSettings(page);
  await page.getByTestId('channel').selectOption('sms');
  await page.getByTestId('stage').selectOption('renewal');
  await page.getByTestId('scenario').selectOption('service-reminder');
  await page.getByTestId('tags').fill('vip, q4');
  await page.getByTestId('sample-data').fill('{"name": "Ann", "date": "1 Dec"}');
  await page.getByTestId('add-profile').click();
  await page.getByTestId('sample-data').fill('{"name": "Bob", "date": "2 Dec"}');
  // Typed last, and the page reloads at once: the pagehide write keeps it.
  await page.getByTestId('template-body').fill('Hi {{ name }}, renew by {{ date }}.');
  await waitForText(page, 'preview', 'Hi Bob, renew by 2 Dec.');
  await page.reload();
  await page.getByTestId('template-body').waitFor();

  assert.equal(await page.getByTestId('name').inputValue(), 'Renewal reminder');
  assert.equal(await page.getByTestId('channel').inputValue(), 'sms');
  assert.equal(await page.getByTestId('stage').inputValue(), 'renewal');
  assert.equal(await page.getByTestId('scenario').inputValue(), 'service-reminder');
  assert.equal(await page.getByTestId('tags').inputValue(), 'vip, q4');
  assert.equal(await page.getByTestId('template-body').inputValue(), 'Hi {{ name }}, renew by {{ date }}.');
  // The second profile was selected, and still is.
  assert.equal(await page.getByTestId('sample-data').inputValue(), '{"name": "Bob", "date": "2 Dec"}');
  await waitForText(page, 'preview', 'Hi Bob, renew by 2 Dec.');
  assert.ok((await listedNames(page)).includes('Renewal reminder'));
  assert.equal(await page.getByTestId('template-list').locator('[aria-current="true"] .name').textContent(), 'Renewal reminder');
  assert.deepEqual(errors, []);
  await context.close();
});

test('delete moves to the trash with an undo; restore from the trash; emptying it asks first and removes the stored value', async () => {
  const { context, page, errors } = await freshApp();
  const name = 'QA trash check';
  await page.getByTestId('new-template').click();
  await page.getByTestId('name').fill(name);
  await settle(page);
  const listed = async () => (await listedNames(page)).includes(name);

  await page.getByTestId('delete').click();
  await waitForTextContaining(page, 'undo-delete', name);
  assert.equal(await listed(), false);
  await page.getByTestId('undo').click();
  assert.equal(await listed(), true);

  // Deleted again, it waits in the trash until restored.
  await page.getByTestId('template-list').getByText(name).click();
  await page.getByTestId('delete').click();
  await page.getByTestId('trash-tab').click();
  assert.deepEqual(await page.getByTestId('trash-list').locator('.name').allTextContents(), [name]);
  await page.getByTestId('trash-list').getByRole('button', { name: 'Restore' }).click();
  assert.equal(await page.getByTestId('trash-list').locator('li').count(), 0);

  // And once more, emptied for good after a confirmation.
  await page.getByRole('tab', { name: 'Templates' }).click();
  await page.getByTestId('template-list').getByText(name).click();
  await page.getByTestId('delete').click();
  await page.getByTestId('trash-tab').click();
  await page.getByTestId('empty-trash').click();
  assert.equal(await page.getByTestId('trash-list').locator('li').count(), 1, 'nothing deleted before the confirmation');
  await page.getByTestId('confirm-empty-trash').click();
  assert.equal(await page.getByTestId('trash-list').locator('li').count(), 0);
  assert.ok(!(await storedTemplates(page)).some((t) => t.name === name), 'its stored value is gone');

  await page.reload();
  await page.getByTestId('template-body').waitFor();
  assert.equal(await listed(), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('search, filters with counts and sorting narrow the list', async () => {
  const { context, page, errors } = await freshApp();
  const before = await listCount(page);
  const smsOption = page.getByTestId('filter-channel').locator('option[value="sms"]');
  const smsBefore = Number((await smsOption.textContent()).match(/\((\d+)\)/)[1]);
  for (const [name, channel, body] of [
    ['QA parcel shipped', 'sms', 'Your parcel xyzzy is on its way'],
    ['QA welcome xyzzy', 'email', 'Welcome, {{ name }}'],
    ['QA 维护', 'notice', '系统将于周六凌晨 xyzzy 维护'],
  ]) {
    await page.getByTestId('new-template').click();
    await page.getByTestId('name').fill(name);
    await openSettings(page);
    await page.getByTestId('channel').selectOption(channel);
    await page.getByTestId('template-body').fill(body);
    await settle(page);
  }
  assert.deepEqual(await listCount(page), { shown: before.total + 3, total: before.total + 3 });

  await page.getByTestId('search').fill('parcel xyzzy');
  assert.deepEqual(await listedNames(page), ['QA parcel shipped'], 'every word must match');
  await page.getByTestId('search').fill('凌晨 xyzzy');
  assert.deepEqual(await listedNames(page), ['QA 维护'], 'body text is searched too');
  await page.getByTestId('search').fill('xyzzy');
  assert.equal((await listedNames(page)).length, 3);

  assert.equal(await smsOption.textContent(), `SMS (${smsBefore + 1})`);
  await page.getByTestId('filter-channel').selectOption('email');
  assert.deepEqual(await listedNames(page), ['QA welcome xyzzy']);
  await page.getByTestId('search').fill('');
  const emails = await listCount(page);
  assert.ok(emails.shown < emails.total, 'the channel filter alone narrows the list');
  await page.getByTestId('filter-channel').selectOption('');

  await page.getByTestId('sort').selectOption('edit');
  assert.equal((await listedNames(page))[0], 'QA 维护', 'the last edited comes first');
  assert.deepEqual(errors, []);
  await context.close();
});

test('history: saved versions with a label and Ctrl+S, a line diff, and restore keeps the replaced text', async () => {
  const { context, page, errors } = await freshApp();
  const body = page.getByTestId('template-body');
  await body.fill('Line one\nVersion one');
  await page.getByTestId('history').locator('summary').click();
  await page.getByTestId('version-label').fill('first draft');
  await page.getByTestId('save-version').click();
  await body.fill('Line one\nVersion two');
  await body.press('Control+s');
  // The first write of the template also kept an automatic snapshot.
  await waitForTextContaining(page, 'history', 'History (3)');

  await page.getByTestId('snapshots').getByText('first draft').click();
  const diff = await page.getByTestId('diff').innerText();
  assert.match(diff, /^ {2}Line one\n- Version one\n\+ Version two$/m);

  await page.getByTestId('restore-version').click();
  assert.equal(await body.inputValue(), 'Line one\nVersion one');
  await waitForTextContaining(page, 'history', 'History (4)');
  await page.reload();
  await page.getByTestId('template-body').waitFor();
  assert.equal(await page.getByTestId('template-body').inputValue(), 'Line one\nVersion one');
  await waitForTextContaining(page, 'history', 'History (4)');
  await page.getByTestId('history').locator('summary').click();
  assert.match(await page.getByTestId('snapshots').innerText(), /Before a restore/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the coverage matrix shows ready, draft and empty cells, and a cell opens its template', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByTestId('name').fill('Welcome series 1');
  await openSettings(page);
  await page.getByTestId('stage').selectOption('onboarding');
  await page.getByTestId('template-body').fill('Dear {{ name }}, welcome.');
  // It has errors (an undeclared field): ready only through the override, with a reason.
  await page.getByTestId('mark-ready').click();
  await page.getByTestId('ready-reason').fill('A coverage placeholder');
  await page.getByTestId('ready-override').click();
  await waitForText(page, 'status', 'Ready');
  await page.getByTestId('new-template').click();
  await page.getByTestId('name').fill('Come back offer');
  await openSettings(page);
  await page.getByTestId('channel').selectOption('sms');
  await page.getByTestId('stage').selectOption('win-back');
  await page.getByTestId('new-template').click();
  await page.getByTestId('name').fill('No stage yet');
  await settle(page);

  await page.getByRole('tab', { name: 'Coverage' }).click();
  const cell = (stage, channel) => page.getByTestId('coverage').locator(`td[data-stage="${stage}"][data-channel="${channel}"]`);
  assert.equal(await cell('onboarding', 'email').getAttribute('data-state'), 'ready');
  assert.equal(await cell('win-back', 'sms').getAttribute('data-state'), 'draft');
  assert.equal(await cell('awareness', 'notice').getAttribute('data-state'), 'empty');
  // Templates with no stage have a row of their own: none is left out.
  assert.deepEqual(await page.getByTestId('unstaged').locator('li').allTextContents(), ['No stage yet']);
  assert.equal(await page.getByTestId('unstaged').locator('td[data-channel="email"]').getAttribute('data-state'), 'draft');
  await cell('onboarding', 'email').getByText('Welcome series 1').click();
  assert.equal(await page.getByTestId('name').inputValue(), 'Welcome series 1');
  await page.waitForFunction(() => document.activeElement?.id === 'template-body');

  // A gap starts its template: that stage, that channel, opened in the editor.
  await page.getByRole('tab', { name: 'Coverage' }).click();
  await cell('awareness', 'notice').getByRole('button', { name: 'None: create: Awareness · Formal notice' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'template-body');
  assert.equal(await page.getByTestId('stage').inputValue(), 'awareness');
  assert.equal(await page.getByTestId('channel').inputValue(), 'notice');
  await page.getByRole('tab', { name: 'Coverage' }).click();
  assert.equal(await cell('awareness', 'notice').getAttribute('data-state'), 'draft');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs: a clean tab follows the other, and edits made in both at once become a conflict the user settles', async () => {
  const context = await suite.browser.newContext();
  const a = await openApp(context, suite.url + '?lang=en');
  const b = await openApp(context, suite.url + '?lang=en');
  await settle(a.page);
  const before = await listCount(b.page);

  await a.page.getByTestId('template-body').fill('Edited in A');
  await waitForText(b.page, 'preview', 'Edited in A');
  assert.equal(await b.page.getByTestId('template-body').inputValue(), 'Edited in A');

  // B writes first; A, with its own unwritten edit, must not lose it.
  await b.page.getByTestId('template-body').fill('Written by B');
  await a.page.getByTestId('template-body').fill('Typed in A');
  await a.page.getByTestId('conflict').waitFor();
  await a.page.getByTestId('keep-both').click();
  assert.equal(await a.page.getByTestId('template-body').inputValue(), 'Written by B');
  await settle(a.page);
  const bodies = (await storedTemplates(a.page)).map((t) => t.body).filter((body) => ['Typed in A', 'Written by B'].includes(body));
  assert.deepEqual(bodies.sort(), ['Typed in A', 'Written by B']);
  await waitForTextContaining(b.page, 'library-count', `${before.total + 1} / ${before.total + 1}`);

  // Keep mine: A's text wins and B, which changed nothing since, follows.
  await b.page.getByTestId('template-body').fill('B again');
  await a.page.getByTestId('template-body').fill('A wins');
  await a.page.getByTestId('conflict').waitFor();
  await a.page.getByTestId('keep-mine').click();
  await waitForText(b.page, 'preview', 'A wins');

  // Deleted in A, the template closes in B too, which opens another.
  await a.page.getByTestId('delete').click();
  await waitForTextContaining(b.page, 'library-count', `${before.total} / ${before.total}`);
  assert.notEqual(await b.page.getByTestId('template-body').inputValue(), 'A wins');
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await context.close();
});

test('another tab rewriting every template as it was (a repack) neither redraws this tab\'s list nor recounts storage per value', async () => {
  const context = await suite.browser.newContext();
  const a = await openApp(context, suite.url + '?lang=en');
  const b = await openApp(context, suite.url + '?lang=en');
  await settle(a.page);
  await settle(b.page);
  const templates = await storedTemplates(a.page);
  const keyCount = await b.page.evaluate(() => localStorage.length);
  await b.page.evaluate(() => {
    window.__events = 0;
    window.__mutations = 0;
    window.__keyReads = 0;
    addEventListener('storage', () => window.__events++);
    new MutationObserver((records) => (window.__mutations += records.length))
      .observe(document.querySelector('[data-testid=template-list]'), { subtree: true, childList: true, characterData: true, attributes: true });
    const key = Storage.prototype.key;
    Storage.prototype.key = function (i) {
      window.__keyReads++;
      return key.call(this, i);
    };
  });
  // The same templates, written in another encoding (the release before packing's).
  await a.page.evaluate((templates) => {
    for (const t of templates) localStorage.setItem(`notice-studio.template.${t.id}`, JSON.stringify({ format: 'notice-studio/template', version: 3, ...t }));
  }, templates);
  await b.page.waitForFunction((n) => window.__events === n, templates.length);
  await b.page.waitForTimeout(400);
  const { mutations, keyReads } = await b.page.evaluate(() => ({ mutations: window.__mutations, keyReads: window.__keyReads }));
  assert.equal(mutations, 0, 'the list is left as it was');
  assert.ok(keyReads <= 2 * keyCount, `${keyReads} key reads for ${templates.length} events over ${keyCount} keys`);
  // The one recount is the true figure, in bytes (two per UTF-16 unit).
  const [shown, stored] = await b.page.evaluate(() => [
    Number(document.querySelector('#storage-meter').value),
    Object.entries(localStorage).reduce((n, [k, v]) => n + 2 * (k.length + v.length), 0),
  ]);
  assert.equal(shown, stored);
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await context.close();
});

test('a full storage is reported in plain words, the edit stays on the page, and a backup can be exported', async () => {
  const { context, page, errors } = await freshApp();
  await settle(page);
  await fillStorage(page);
  await page.getByTestId('template-body').fill('An edit that does not fit ' + 'y'.repeat(2000));
  await waitForTextContaining(page, 'save-error', "The browser's storage is full");
  assert.match(await page.getByTestId('template-body').inputValue(), /^An edit that does not fit/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-library').click()]);
  const backup = JSON.parse(await fs.readFile(await download.path(), 'utf8'));
  assert.equal(backup.format, 'notice-studio/backup');
  assert.ok(Object.keys(backup.entries).some((k) => k.startsWith('notice-studio.template.')));

  // Once there is room again, the next edit is written and the error goes.
  await emptyFiller(page);
  await page.getByTestId('template-body').fill('Fits now');
  await waitForText(page, 'save-status', 'Saved in this browser');
  assert.equal(await page.getByTestId('save-error').count(), 0);
  await page.reload();
  await page.getByTestId('template-body').waitFor();
  assert.equal(await page.getByTestId('template-body').inputValue(), 'Fits now');
  assert.deepEqual(errors, []);
  await context.close();
});

test('when storage is full, the open template\'s old snapshots give way to the edit, and the user is told', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const body = page.getByTestId('template-body');
  // Text that does not compress, so that its versions take room when packed.
  let seed = 7;
  const noise = (length) =>
    Array.from({ length }, () => String.fromCodePoint(0x4e00 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16) % 20000)).join('');
  const big = noise(20_000);
  const tail = noise(1000);
  for (let i = 0; i < 3; i++) {
    await body.fill(`v${i} ${big}`);
    await page.getByTestId('save-version').click();
  }
  await settle(page);
  await fillStorage(page);
  await body.fill(`v3 ${big}${tail}`);
  await waitForTextContaining(page, 'history-pruned', 'Versions deleted: ');
  await waitForText(page, 'save-status', 'Saved in this browser');
  await emptyFiller(page);
  await page.reload();
  await page.getByTestId('template-body').waitFor();
  assert.ok((await page.getByTestId('template-body').inputValue()).endsWith(tail), 'the edit was kept');
  assert.deepEqual(errors, []);
  await context.close();
});

test('damaged values are kept aside and exportable while the rest loads; an old draft becomes a template', async () => {
  const { context, page, errors } = await freshApp();
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('notice-studio.template.broken', '{"format":"notice-studio/template","version":3,"name":');
    localStorage.setItem(
      'notice-studio.draft',
      JSON.stringify({ format: 'notice-studio/draft', version: 2, body: 'Old {{ x }}', sample: '{"x": "draft"}', channel: 'sms', purpose: 'notification' }),
    );
  });
  await page.reload();
  await page.getByTestId('template-body').waitFor();
  await waitForTextContaining(page, 'quarantine-notice', 'notice-studio.template.broken');
  assert.equal(await page.getByTestId('template-body').inputValue(), 'Old {{ x }}');
  assert.equal(await page.getByTestId('channel').inputValue(), 'sms');
  await waitForText(page, 'preview', 'Old draft');
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.ok(keys.includes('notice-studio.quarantine.notice-studio.template.broken'));
  assert.ok(!keys.includes('notice-studio.draft'), 'the draft key goes once its template is written');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-quarantine').click()]);
  const kept = JSON.parse(await fs.readFile(await download.path(), 'utf8'));
  assert.equal(
    kept.entries['notice-studio.quarantine.notice-studio.template.broken'],
    '{"format":"notice-studio/template","version":3,"name":',
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('a library stored by the release before packing (format 3) loads, and is stored packed against a dictionary of its own', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.getByTestId('name').fill('Shape');
  await settle(page);
  const [shape] = (await storedTemplates(page)).filter((t) => t.name === 'Shape');
  const shared = '您的订单已发货，请留意查收。如有疑问，请致电客服热线 400-800-1234（工作日 9:00—18:00）。';
  const templates = Array.from({ length: 12 }, (_, i) => ({
    ...shape,
    id: `v3-${i}`,
    name: `旧模板 ${i}`,
    body: `尊敬的{{ customer.name }}：第 ${i} 号通知。${shared.repeat(12)}`,
    created_ms: shape.created_ms + i,
  }));
  await page.evaluate((templates) => {
    localStorage.clear();
    for (const t of templates) localStorage.setItem(`notice-studio.template.${t.id}`, JSON.stringify({ format: 'notice-studio/template', version: 3, ...t }));
  }, templates);
  const before = await page.evaluate(() => Object.entries(localStorage).reduce((n, [k, v]) => n + k.length + v.length, 0));
  await page.reload();
  await page.getByTestId('template-body').waitFor();

  assert.deepEqual((await listedNames(page)).sort(), templates.map((t) => t.name).sort());
  const stored = await page.evaluate(() => Object.entries(localStorage));
  const dictionaries = stored.filter(([k]) => k.startsWith('notice-studio.dictionary.'));
  assert.equal(dictionaries.length, 1, 'one dictionary, cut from the library');
  const id = dictionaries[0][0].slice('notice-studio.dictionary.'.length);
  for (const [key, value] of stored.filter(([k]) => k.startsWith('notice-studio.template.'))) {
    const { version, dictionary } = JSON.parse(value);
    assert.deepEqual({ version, dictionary }, { version: 4, dictionary: id }, key);
  }
  // Node's zlib reads back exactly what was planted.
  const unpacked = (await storedTemplates(page)).sort((a, b) => a.created_ms - b.created_ms);
  assert.deepEqual(unpacked, templates);
  const after = stored.reduce((n, [k, v]) => n + k.length + v.length, 0);
  assert.ok(after * 3 < before, `${after} UTF-16 units stored, ${before} before`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('without the engine worker the page still edits and saves, and says why there is no preview', async () => {
  const context = await suite.browser.newContext();
  await context.route('**/notice-worker_loader.js', (route) => route.fulfill({ status: 404, body: '' }));
  const page = await context.newPage();
  await page.goto(suite.url + '?lang=en');
  // The starter gallery comes from the worker too: a first visit starts empty and says why.
  await waitForTextContaining(page, 'engine-stopped', 'The preview and checks engine stopped');
  await page.getByTestId('new-template').click();
  await page.getByTestId('template-body').fill('Written without a preview');
  await settle(page);
  await page.reload();
  await page.getByTestId('template-body').waitFor();
  assert.equal(await page.getByTestId('template-body').inputValue(), 'Written without a preview');
  await context.close();
});
