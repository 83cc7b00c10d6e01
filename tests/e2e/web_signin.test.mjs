// Signing in through the pages in Chromium: first-time TOTP enrolment with the secret read from the
// page, the ten recovery codes, sign-out, a recovery code instead of the app, a wrong code getting
// the one generic message, and an ended session sending the worker to sign-in and back to the page
// they were on. Each page is checked with axe-core and photographed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startHaven } from './lib/haven.mjs';
import { launch } from './lib/browser.mjs';
import { addAgency, addUser, enrol, signIn, totp } from './lib/signin.mjs';
import { checkPage } from './lib/page.mjs';

let server, browser, page;
const state = {};

before(async () => {
  server = await startHaven();
  addAgency(server.db, 'Malmö barn och unga');
  addUser(server.db, 'anna', 'caseworker', 'Malmö barn och unga');
  browser = await launch();
  page = await browser.context.newPage();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the sign-in page asks for username and password, in the browser\'s language', async () => {
  await page.goto(`${server.url}/signin`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok(await page.isVisible('label[for=field-username]'));
  await checkPage(page, 'signin-en');
});

test('first sign-in: enrol with the QR code or the key, then see ten recovery codes once', async () => {
  await page.fill('#field-username', 'anna');
  await page.fill('#field-password', 'granite lantern 47 oyster');
  await page.click('form[action="/signin"] button[type=submit]');
  await page.waitForSelector('#field-code');
  await checkPage(page, 'signin-code-en');
  await page.click('form[action="/signin/code"] button[type=submit]');
  await page.waitForSelector('#totp-secret');
  assert.ok(await page.isVisible('.qr svg'), 'the QR code is shown');
  await checkPage(page, 'enrol-en');
  // A wrong code keeps the same secret and says what to do.
  const secret = (await page.textContent('#totp-secret')).replace(/\s/g, '');
  await page.fill('#field-code', '000000');
  await page.click('form[action="/signin/enrol"] button[type=submit]');
  await page.waitForSelector('.error-summary');
  assert.equal((await page.textContent('#totp-secret')).replace(/\s/g, ''), secret);
  await checkPage(page, 'enrol-error-en');
  await page.fill('#field-code', totp(secret));
  await page.click('form[action="/signin/enrol"] button[type=submit]');
  await page.waitForSelector('ol.codes');
  const codes = await page.$$eval('ol.codes code', (els) => els.map((e) => e.textContent.trim()));
  assert.equal(codes.length, 10);
  await checkPage(page, 'recovery-codes-en');
  Object.assign(state, { secret, codes });
  await page.click('a:has-text("continue")');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.match(await page.textContent('main'), /Welcome, anna/);
  await checkPage(page, 'home-en');
});

test('sign-out is a form; afterwards the pages ask to sign in again', async () => {
  await page.click('form[action="/signout"] button');
  await page.waitForURL(/\/signin$/);
  assert.match(await page.textContent('[role=status]'), /signed out/);
  const res = await page.goto(`${server.url}/account`);
  assert.match(page.url(), /\/signin\?next=%2Faccount/);
  assert.equal(res.status(), 200);
});

test('a wrong code gets the one generic message and keeps the username', async () => {
  await signIn(page, server.url, 'anna', '123456');
  assert.match(await page.textContent('[role=alert]'), /username, password or code is not correct/);
  assert.equal(await page.inputValue('#field-username'), 'anna');
  assert.equal(await page.inputValue('#field-password'), '', 'the password is never sent back');
});

test('a recovery code signs in once, and the app code signs in too', async () => {
  await page.goto(`${server.url}/signin`);
  await signIn(page, server.url, 'anna', state.codes[0]);
  assert.equal(new URL(page.url()).pathname, '/');
  await page.click('form[action="/signout"] button');
  await page.waitForURL(/\/signin$/);
  await signIn(page, server.url, 'anna', state.codes[0]);
  assert.match(await page.textContent('[role=alert]'), /not correct/, 'a used code is refused');
  await signIn(page, server.url, 'anna', totp(state.secret, 1));
  assert.equal(new URL(page.url()).pathname, '/');
});

test('when the session ends, any page goes to sign-in and then back to that page', async () => {
  await page.goto(`${server.url}/account`);
  assert.equal(new URL(page.url()).pathname, '/account');
  // The session ends on the server (haven deletes a session row once it has expired).
  execFileSync('sqlite3', [server.db.replace(/^sqlite:/, ''), 'DELETE FROM sessions']);
  await page.reload();
  assert.match(page.url(), /\/signin\?next=%2Faccount&ended=1/);
  assert.match(await page.textContent('[role=alert]'), /session ended/);
  await signIn(page, server.url, 'anna', state.codes[1]);
  assert.equal(new URL(page.url()).pathname, '/account');
  assert.match(await page.textContent('main'), /Malmö barn och unga/);
  await checkPage(page, 'account-en');
});

test('the language is chosen per user and follows them to the next sign-in', async () => {
  await page.selectOption('#account-lang', 'sv');
  await page.click('form[action="/language"] >> text=Save language');
  await page.waitForURL(/\/account$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'sv');
  assert.match(await page.textContent('h1'), /Mitt konto/);
  await checkPage(page, 'account-sv');
  await page.goto(`${server.url}/`);
  await checkPage(page, 'home-sv');
  // A new browser profile without the cookie: after signing in, haven speaks Swedish.
  const other = await launch();
  try {
    const p = await other.context.newPage();
    await p.goto(`${server.url}/signin`);
    assert.equal(await p.getAttribute('html', 'lang'), 'en');
    await signIn(p, server.url, 'anna', state.codes[2]);
    assert.equal(await p.getAttribute('html', 'lang'), 'sv');
  } finally {
    await other.close();
  }
});

test('the sign-in pages in Swedish pass axe too', async () => {
  const other = await launch();
  try {
    page = await other.context.newPage();
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'sv-SE,sv;q=0.9' });
    await page.goto(`${server.url}/signin`);
    assert.equal(await page.getAttribute('html', 'lang'), 'sv');
    await checkPage(page, 'signin-sv');
    await page.click('form[action="/signin"] button[type=submit]');
    await page.waitForSelector('.error-summary');
    assert.match(await page.textContent('.error-summary'), /Skriv ditt användarnamn/);
    await checkPage(page, 'signin-errors-sv');
  } finally {
    await other.close();
  }
});
