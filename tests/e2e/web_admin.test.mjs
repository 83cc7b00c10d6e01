// Administration and audit through the pages in Chromium: an administrator creates an agency and a
// user (a form with errors keeps what was typed and says what to fix beside each field), and an
// auditor filters the trail by action and by period. Every page is checked with axe-core in English
// and in Polish, and photographed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHaven } from './lib/haven.mjs';
import { launch } from './lib/browser.mjs';
import { addAgency, addUser, enrol } from './lib/signin.mjs';
import { checkPage, setLanguage } from './lib/page.mjs';

let server, browser, admin, auditor;

before(async () => {
  server = await startHaven();
  addAgency(server.db, 'Malmö barn och unga');
  addUser(server.db, 'ada', 'admin', 'Malmö barn och unga');
  addUser(server.db, 'otto', 'auditor', 'Malmö barn och unga');
  browser = await launch();
  admin = await browser.context.newPage();
  await enrol(admin, server.url, 'ada');
  const other = await launch();
  auditor = { browser: other, page: await other.context.newPage() };
  await enrol(auditor.page, server.url, 'otto');
});
after(async () => {
  await auditor?.browser.close();
  await browser?.close();
  await server?.stop();
});

test('the administrator\'s home page links to users and agencies', async () => {
  await admin.goto(`${server.url}/`);
  assert.ok(await admin.isVisible('nav a[href="/admin/users"]'));
  assert.ok(await admin.isVisible('main a[href="/admin/agencies"]'));
  assert.equal(await admin.isVisible('nav a[href="/audit"]'), false);
  await checkPage(admin, 'admin-home-en');
});

test('an administrator creates an agency', async () => {
  await admin.goto(`${server.url}/admin/agencies`);
  await checkPage(admin, 'admin-agencies-en');
  await admin.fill('#field-name', 'Rīgas bāriņtiesa');
  await admin.selectOption('#field-kind', 'child_protection');
  await admin.fill('#field-country', 'LV');
  await admin.click('form[action="/admin/agencies"] button[type=submit]');
  await admin.waitForURL(/\/admin\/agencies$/);
  assert.match(await admin.textContent('[role=status]'), /agency has been created/);
  assert.match(await admin.textContent('table'), /Rīgas bāriņtiesa/);
});

test('a user form with errors keeps its input and explains each field', async () => {
  await admin.goto(`${server.url}/admin/users`);
  await checkPage(admin, 'admin-users-en');
  await admin.fill('#field-username', 'nora.berg');
  await admin.fill('#field-display_name', 'Nora Berg');
  await admin.selectOption('#field-role', 'caseworker');
  await admin.fill('#field-password', 'short');
  await admin.click('form[action="/admin/users"] button[type=submit]');
  await admin.waitForSelector('.error-summary');
  // What was typed is still there; the summary links to the fields that need fixing.
  assert.equal(await admin.inputValue('#field-username'), 'nora.berg');
  assert.equal(await admin.inputValue('#field-display_name'), 'Nora Berg');
  assert.equal(await admin.inputValue('#field-role'), 'caseworker');
  assert.ok(await admin.isVisible('.error-summary a[href="#field-password"]'));
  assert.ok(await admin.isVisible('.error-summary a[href="#field-agency"]'));
  assert.equal(await admin.getAttribute('#field-password', 'aria-invalid'), 'true');
  assert.match(await admin.textContent('#field-password-error'), /at least 12 characters/);
  assert.match(await admin.title(), /^Error:/);
  await checkPage(admin, 'admin-users-errors-en');
  // Fixed, it is created.
  const agencyValue = await admin.$eval('#field-agency', (s) =>
    [...s.options].find((o) => o.textContent.includes('Malmö')).value);
  await admin.selectOption('#field-agency', agencyValue);
  await admin.fill('#field-password', 'quiet harbour 93 lanterns');
  await admin.click('form[action="/admin/users"] button[type=submit]');
  await admin.waitForURL(/\/admin\/users$/);
  assert.match(await admin.textContent('[role=status]'), /user has been created/);
  assert.match(await admin.textContent('table'), /nora\.berg/);
});

test('the administration pages in Polish pass axe', async () => {
  await setLanguage(admin, 'pl');
  assert.match(await admin.textContent('h1'), /Użytkownicy|Strona główna/);
  for (const [path, name] of [['/', 'admin-home-pl'], ['/admin/users', 'admin-users-pl'],
    ['/admin/agencies', 'admin-agencies-pl'], ['/account', 'account-pl']]) {
    await admin.goto(`${server.url}${path}`);
    assert.equal(await admin.getAttribute('html', 'lang'), 'pl');
    await checkPage(admin, name);
  }
  await admin.goto(`${server.url}/admin/users`);
  await admin.click('form[action="/admin/users"] button[type=submit]');
  await admin.waitForSelector('.error-summary');
  assert.match(await admin.textContent('.error-summary h2'), /Popraw/);
  await checkPage(admin, 'admin-users-errors-pl');
});

test('an administrator cannot open the audit trail', async () => {
  const res = await admin.goto(`${server.url}/audit`);
  assert.equal(res.status(), 403);
});

test('the auditor filters the trail by action and by period', async () => {
  const page = auditor.page;
  await page.goto(`${server.url}/audit`);
  await checkPage(page, 'audit-en');
  const actions = await page.$$eval('tbody tr td:nth-child(3)', (tds) => tds.map((t) => t.textContent));
  assert.ok(actions.includes('user.create'), 'the trail lists the user the administrator created');
  await page.fill('#field-action', 'auth.login');
  await page.click('form[action="/audit"] button[value="1"]');
  await page.waitForLoadState('load');
  const filtered = await page.$$eval('tbody tr td:nth-child(3)', (tds) => tds.map((t) => t.textContent));
  assert.ok(filtered.length >= 2);
  assert.ok(filtered.every((a) => a === 'auth.login'), filtered.join(','));
  assert.equal(await page.inputValue('#field-action'), 'auth.login', 'the filter stays filled in');
  assert.equal(new URL(page.url()).search, '', 'no filter values in the address');
  // A period long ago has no events; a wrong date is explained beside the field.
  await page.fill('#field-from', '2001-01-01');
  await page.fill('#field-to', '2001-01-31');
  await page.click('form[action="/audit"] button[value="1"]');
  await page.waitForLoadState('load');
  assert.match(await page.textContent('main'), /No events match/);
  await checkPage(page, 'audit-empty-en');
  await setLanguage(page, 'pl');
  await page.goto(`${server.url}/audit`);
  await checkPage(page, 'audit-pl');
});
