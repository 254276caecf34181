// Export and import (issue #6): the library leaves as a zip and as a bundle,
// and each brings the same library into another, new browser profile.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { appSuite, waitForTextContaining } from './harness.mjs';

const suite = appSuite();
const { freshApp } = suite;

/** The listed templates' names, sorted. */
async function names(page) {
  const items = page.getByTestId('template-list').locator('li');
  await items.first().waitFor();
  return (await items.allTextContents()).sort();
}

/** Clicks the export button `label` and saves the download; its path. */
async function exportAs(page, label, dir) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

async function importInto(file) {
  const { context, page, errors } = await freshApp('?lang=en');
  await names(page);
  await page.getByTestId('import').click();
  await page.getByTestId('import-files').setInputFiles(file);
  await page.getByTestId('import-plan').waitFor();
  await page.getByTestId('confirm-import').click();
  await waitForTextContaining(page, 'transfer-status', 'Imported: 1 templates added');
  return { context, page, errors };
}

test('the library exported as zip and as bundle imports into a new profile as the same library', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'notice-export-'));
  const { context, page, errors } = await freshApp('?lang=en');
  await names(page);
  await page.getByTestId('new-template').click();
  await page.getByTestId('name').fill('Round trip 往返');
  await page.getByTestId('template-body').fill('Hello {{ customer.name }}, 您好');
  await page.waitForTimeout(700); // the edit is stored after a 500 ms pause
  const library = await names(page);
  assert.ok(library.some((n) => n.includes('Round trip 往返')), library.join());

  await page.getByTestId('export').click();
  const zip = await exportAs(page, 'Zip (.zip, for git and Jinja2)', dir);
  const bundle = await exportAs(page, 'Library bundle (.json)', dir);
  assert.equal(path.basename(zip), 'notice-templates.zip');
  assert.equal((await fs.readFile(zip)).subarray(0, 2).toString(), 'PK');
  assert.equal(JSON.parse(await fs.readFile(bundle, 'utf8')).format, 'notice-studio/bundle');
  assert.deepEqual(errors, []);
  await context.close();

  for (const file of [zip, bundle]) {
    const imported = await importInto(file);
    assert.deepEqual(await names(imported.page), library, `${path.basename(file)}: same templates`);
    await imported.page.getByTestId('template-list').getByText('Round trip 往返').click();
    assert.equal(await imported.page.getByTestId('template-body').inputValue(), 'Hello {{ customer.name }}, 您好');
    assert.deepEqual(imported.errors, []);
    await imported.context.close();
  }
});

test('a file that is not an export is refused by name and changes nothing', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'notice-import-'));
  const file = path.join(dir, 'broken.json');
  await fs.writeFile(file, '{"format": "notice-studio/bundle", "version": 1, "templates": [,]}');
  const { context, page, errors } = await freshApp('?lang=en');
  const before = await names(page);
  await page.getByTestId('import').click();
  await page.getByTestId('import-files').setInputFiles(file);
  await waitForTextContaining(page, 'transfer-status', 'Nothing was imported and the library is unchanged: broken.json: line 1, column');
  assert.equal(await page.getByTestId('import-plan').count(), 0);
  assert.deepEqual(await names(page), before);
  assert.deepEqual(errors, []);
  await context.close();
});
