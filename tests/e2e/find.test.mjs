// Find in the body (Ctrl+F): the bar, its matches selected in the body while
// the typing stays in the bar, painted in the overlay, and scrolled to.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appSuite, waitForText, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
const { freshApp } = suite;

const selection = (body) => body.evaluate((el) => [el.selectionStart, el.selectionEnd]);
const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id);

/** Waits until the overlay paints `hits` matches, `current` of them current. */
async function waitForHits(page, hits, current) {
  await page.waitForFunction(
    ([hits, current]) => document.querySelectorAll('.highlight .find-hit').length === hits
      && document.querySelectorAll('.highlight .find-hit.find-current').length === current,
    [hits, current],
    { timeout: 10_000 },
  );
}

test('Ctrl+F opens the bar; typing selects the match at the caret, Enter and Shift+Enter go round', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  await body.fill('Dear name,\nyour Name and NAME.');
  await body.evaluate((el) => el.setSelectionRange(10, 10));
  await page.keyboard.press('Control+f');
  const find = page.getByRole('textbox', { name: 'Find', exact: true });
  await find.waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Find');

  await page.keyboard.type('name');
  await waitForText(page, 'find-count', '2 of 3');
  assert.deepEqual(await selection(body), [16, 20], 'the first match after the caret, whatever its case');
  assert.equal(await focused(page), 'Find', 'the typing stays in the bar');
  assert.equal(await find.inputValue(), 'name');
  await waitForHits(page, 3, 1);
  assert.equal(await page.locator('.highlight .find-current').textContent(), 'Name');

  await page.keyboard.press('Enter');
  await waitForText(page, 'find-count', '3 of 3');
  assert.deepEqual(await selection(body), [25, 29]);
  await page.keyboard.press('Enter');
  await waitForText(page, 'find-count', '1 of 3');
  assert.deepEqual(await selection(body), [5, 9], 'Enter after the last match goes back to the first');
  await page.keyboard.press('Shift+Enter');
  await waitForText(page, 'find-count', '3 of 3');
  assert.deepEqual(await selection(body), [25, 29], 'Shift+Enter before the first goes to the last');
  await page.getByTestId('find-bar').getByRole('button', { name: 'Previous', exact: true }).click();
  await waitForText(page, 'find-count', '2 of 3');
  assert.deepEqual(await selection(body), [16, 20]);
  await page.getByTestId('find-bar').getByRole('button', { name: 'Next', exact: true }).click();
  await waitForText(page, 'find-count', '3 of 3');
  assert.equal(await page.locator('.highlight .find-current').textContent(), 'NAME');
  assert.equal(await find.inputValue(), 'name');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Ctrl+F is the browser\'s own outside the editor pane, and is in the shortcut sheet', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  await page.evaluate(() => window.addEventListener('keydown', (e) => { window.lastKeyPrevented = e.defaultPrevented; }));
  await page.getByRole('heading', { name: 'Library' }).click();
  await page.keyboard.press('Control+f');
  assert.equal(await page.evaluate(() => window.lastKeyPrevented), false);
  assert.equal(await page.getByTestId('find-bar').isHidden(), true);
  await page.getByTestId('name').focus();
  await page.keyboard.press('Control+f');
  assert.equal(await page.evaluate(() => window.lastKeyPrevented), true, 'anywhere in the editor pane');
  await page.getByTestId('find-bar').waitFor();

  await page.getByRole('heading', { name: 'Library' }).click();
  await page.keyboard.press('?');
  await waitForTextContaining(page, 'shortcuts', 'Ctrl+F');
  assert.match(await page.getByTestId('shortcuts').innerText(), /Ctrl\+F\s+Find in the body/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('edits update the matches, and Escape goes back to the body with the match selected', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  await body.fill('one two one two one');
  await body.press('Control+f');
  const find = page.getByRole('textbox', { name: 'Find', exact: true });
  await find.fill('two');
  await waitForText(page, 'find-count', '1 of 2');
  assert.deepEqual(await selection(body), [4, 7], 'from the end of the body, round to the first');
  await waitForHits(page, 2, 1);

  await body.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' two');
  await waitForText(page, 'find-count', '1 of 3');
  await waitForHits(page, 3, 1);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('two ');
  await waitForText(page, 'find-count', '2 of 4');
  await waitForHits(page, 4, 1);
  assert.equal(await page.locator('.highlight .find-hit').first().textContent(), 'two');
  assert.equal(await page.locator('.highlight .find-current').evaluate((el) => el.closest('.line').textContent), 'two one two one two one two');
  assert.deepEqual(await selection(body), [4, 4], 'typing in the body is not interrupted');

  await page.keyboard.press('Control+f');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Find');
  assert.equal(await find.inputValue(), 'two', 'the query is kept');
  await page.keyboard.press('Enter');
  assert.deepEqual(await selection(body), [8, 11], 'the current match, after the caret, is selected first');
  await waitForText(page, 'find-count', '2 of 4');
  await page.keyboard.press('Enter');
  await waitForText(page, 'find-count', '3 of 4');
  assert.deepEqual(await selection(body), [16, 19]);
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('find-bar').isHidden(), true);
  await page.waitForFunction(() => document.activeElement?.id === 'template-body');
  assert.deepEqual(await selection(body), [16, 19], 'the match stays selected');
  await waitForHits(page, 0, 0);
  await page.keyboard.press('Control+f');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Find');
  assert.deepEqual(await find.evaluate((el) => [el.value, el.selectionStart, el.selectionEnd]), ['two', 0, 3], 'reopened on the last query, selected to type over');
  await waitForHits(page, 4, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a match far down a long body is scrolled into view', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  const lines = Array.from({ length: 150 }, (_, i) => `Line ${i + 1}: nothing to see here.`);
  await body.fill([...lines, 'The needle is here.'].join('\n'));
  await body.evaluate((el) => { el.setSelectionRange(0, 0); el.scrollTop = 0; });
  await page.waitForFunction(() => document.querySelector('.code-stack .highlight').scrollTop === 0);
  await body.press('Control+f');
  await page.getByRole('textbox', { name: 'Find', exact: true }).fill('needle');
  await waitForText(page, 'find-count', '1 of 1');
  await page.waitForFunction(() => document.getElementById('template-body').scrollTop > 0);
  // The overlay follows, so the painted match lies inside the editor's box.
  await page.waitForFunction(() => {
    const area = document.getElementById('template-body');
    return document.querySelector('.code-stack .highlight').scrollTop === area.scrollTop;
  });
  const [match, box] = await page.evaluate(() => [
    document.querySelector('.highlight .find-current').getBoundingClientRect().toJSON(),
    document.getElementById('template-body').getBoundingClientRect().toJSON(),
  ]);
  assert.ok(match.top >= box.top && match.bottom <= box.bottom, `match ${JSON.stringify(match)} inside ${JSON.stringify(box)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('no matches, and an empty query finds nothing', async () => {
  const { context, page, errors } = await freshApp();
  await page.getByTestId('new-template').click();
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  await body.fill('Dear {{ customer.name }},');
  await body.evaluate((el) => el.setSelectionRange(2, 2));
  await body.press('Control+f');
  const find = page.getByRole('textbox', { name: 'Find', exact: true });
  await find.fill('zebra');
  await waitForText(page, 'find-count', 'No matches');
  await waitForHits(page, 0, 0);
  assert.deepEqual(await selection(body), [2, 2], 'the caret stays where it was');
  await find.press('Enter');
  assert.deepEqual(await selection(body), [2, 2]);
  await find.fill('');
  await waitForText(page, 'find-count', '');
  await waitForHits(page, 0, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the find bar in Chinese', async () => {
  const { context, page, errors } = await freshApp('?lang=zh-CN');
  await page.getByTestId('new-template').click();
  const body = page.getByRole('textbox', { name: '正文', exact: true });
  await body.fill('您好，张三。张三的订单已发货。');
  await body.evaluate((el) => el.setSelectionRange(0, 0));
  await body.press('Control+f');
  await page.getByRole('textbox', { name: '查找', exact: true }).fill('张三');
  await waitForText(page, 'find-count', '第 1 处，共 2 处');
  assert.deepEqual(await selection(body), [3, 5]);
  await page.getByTestId('find-bar').getByRole('button', { name: '下一个', exact: true }).click();
  await waitForText(page, 'find-count', '第 2 处，共 2 处');
  assert.deepEqual(await selection(body), [6, 8]);
  await page.getByTestId('find-bar').getByRole('button', { name: '上一个', exact: true }).click();
  await waitForText(page, 'find-count', '第 1 处，共 2 处');
  await page.getByRole('textbox', { name: '查找', exact: true }).fill('李四');
  await waitForText(page, 'find-count', '无匹配');
  await page.getByTestId('find-bar').getByRole('button', { name: '关闭', exact: true }).click();
  assert.equal(await page.getByTestId('find-bar').isHidden(), true);
  await page.waitForFunction(() => document.activeElement?.id === 'template-body');
  assert.deepEqual(await selection(body), [3, 5]);
  assert.deepEqual(errors, []);
  await context.close();
});
