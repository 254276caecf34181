// A panic (issue #9): it cannot take the page down silently. The build under
// test is the crash-test build (scripts/test.py makes it with
// NOTICE_CRASH_TEST set, into target/dist-crash), where typing `panic!!` at
// the end of a field panics; no other build can be made to.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { appSuite } from './harness.mjs';

const suite = appSuite(path.resolve(import.meta.dirname, '../../target/dist-crash'));

for (const [lang, title, reload] of [
  ['en', 'Notice Studio stopped because of an internal error', 'Reload'],
  ['zh-CN', 'Notice Studio 遇到内部错误，已停止运行', '重新加载'],
]) {
  test(`a panic shows why the page stopped and a way back; the last saved work is intact (${lang})`, async () => {
    const { context, page, errors } = await suite.freshApp(`?lang=${lang}`);
    await page.getByTestId('new-template').click();
    const body = '尊敬的{{ customer.name }}：您的续费已完成。';
    await page.getByTestId('template-body').fill(body);
    await page.waitForTimeout(700); // stored after the 500 ms pause

    await page.getByTestId('name').fill('续费 panic!!');
    const crash = page.getByRole('alertdialog', { name: title });
    await crash.waitFor();
    assert.ok(errors.some((e) => e.includes('crash test: panic!! typed')), errors.join('\n'));
    const button = crash.getByRole('button', { name: reload });
    assert.equal(await button.evaluate((b) => b === document.activeElement), true, 'the way back has the focus');

    await button.click();
    await page.getByTestId('template-body').waitFor();
    assert.equal(await page.getByRole('alertdialog').count(), 0);
    // The session reopens the template as it was last saved.
    assert.equal(await page.getByTestId('template-body').inputValue(), body);
    await context.close();
  });
}
