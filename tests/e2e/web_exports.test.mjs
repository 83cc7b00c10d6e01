// "Download lists" (/exports) in Chromium: a supervisor signs in with TOTP and finds the list
// form and the subject-access export, with no personal data in the title or the address; the page
// is checked with axe-core in English and in Polish, and photographed in both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHaven } from './lib/haven.mjs';
import { launch } from './lib/browser.mjs';
import { checkPage } from './lib/page.mjs';
import { addAgency, addUser, enrol } from './lib/signin.mjs';

let server, browser, page;

const check = (name) => checkPage(page, name);

before(async () => {
  server = await startHaven();
  addAgency(server.db, 'Malmö barn och unga');
  addUser(server.db, 'sven', 'supervisor', 'Malmö barn och unga');
  browser = await launch();
  page = await browser.context.newPage();
  await enrol(page, server.url, 'sven');
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the download page in English offers the lists and the subject-access export', async () => {
  const res = await page.goto(`${server.url}/exports`);
  assert.equal(res.status(), 200);
  assert.equal(await page.textContent('h1'), 'Download lists');
  assert.ok(await page.isVisible('form[action="/exports"] button[type=submit]'));
  assert.ok(await page.isVisible('form[action="/exports/subject-access"]'));
  assert.equal(new URL(page.url()).search, '');
  await check('exports-en');
});

test('the download page in Polish', async () => {
  await page.selectOption('#header-lang', 'pl');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('.lang-form button')]);
  await page.goto(`${server.url}/exports`);
  assert.equal(await page.getAttribute('html', 'lang'), 'pl');
  assert.equal((await page.textContent('h1')).trim(), 'Pobierz listy');
  await check('exports-pl');
});
