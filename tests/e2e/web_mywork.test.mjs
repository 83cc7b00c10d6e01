// "My work" in Chromium: a caseworker signs in with TOTP, registers three reports through the JSON
// API with the browser's own session (cookie + X-CSRF-Token) and sees them on My work, most urgent
// first, with their tasks and the agency's recent reports; the page is checked with axe-core in
// English and in Latvian, and photographed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHaven } from './lib/haven.mjs';
import { launch } from './lib/browser.mjs';
import { addAgency, addUser, enrol } from './lib/signin.mjs';
import { checkPage } from './lib/page.mjs';

let server, browser, page;
const numbers = {};

// A report of concern about a new child, sent as the signed-in browser; the case number.
async function report(csrf, given, family, urgency) {
  const res = await browser.context.request.post(`${server.url}/api/v1/reports`, {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      child: { given_names: given, family_names: family, sex: 'female', birth_date: '2015-03-02',
        languages: ['sv'] },
      report: { channel: 'phone', reporter_type: 'school', reporter_organisation: 'Björkskolan',
        concern_categories: ['neglect'], narrative: `${given} comes to school hungry.`, urgency },
    },
  });
  assert.equal(res.status(), 201, await res.text());
  return (await res.json()).case_number;
}

before(async () => {
  server = await startHaven();
  addAgency(server.db, 'Malmö barn och unga');
  addUser(server.db, 'anna', 'caseworker', 'Malmö barn och unga');
  browser = await launch();
  page = await browser.context.newPage();
  await enrol(page, server.url, 'anna');
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a new caseworker\'s My work says there is nothing yet', async () => {
  await page.goto(`${server.url}/`);
  assert.equal(await page.textContent('h1'), 'My work');
  assert.match(await page.textContent('main'), /You have no open cases\./);
  assert.match(await page.textContent('main'), /No reports in the last 14 days\./);
});

test('reports registered through the API appear on My work, most urgent first', async () => {
  const me = await browser.context.request.get(`${server.url}/api/v1/me`);
  assert.equal(me.status(), 200);
  const { csrf_token: csrf } = await me.json();
  numbers.low = await report(csrf, 'Liv', 'Andersson', 'low');
  numbers.high = await report(csrf, 'Maja', 'Berg', 'high');
  numbers.medium = await report(csrf, 'Nora', 'Carlsson', 'medium');

  await page.goto(`${server.url}/`);
  const rows = await page.$$eval('table.mywork-cases tbody tr',
    (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  assert.deepEqual(rows.map((r) => r[0]), [numbers.high, numbers.medium, numbers.low]);
  assert.deepEqual(rows.map((r) => r[1]), ['Maja Berg', 'Nora Carlsson', 'Liv Andersson']);
  assert.match(rows[0][2], /Reported/);
  assert.match(rows[0][3], /High/);
  assert.match(rows[0][4], /Respond to the report/);
  // No names in the title or the address; each case number links to its case page.
  assert.doesNotMatch(await page.title(), /Maja|Nora|Liv/);
  assert.doesNotMatch(page.url(), /Maja|Nora|Liv/);
  const links = await page.$$eval('table.mywork-cases a', (as) => as.map((a) => a.getAttribute('href')));
  assert.equal(links.length, 3);
  for (const href of links) assert.match(href, /^\/cases\/[0-9a-f-]+$/);
  // Tasks, and the three reports of the last 14 days, newest first.
  assert.ok(await page.isVisible('#mywork-tasks + ol.task-list li'));
  const reports = await page.$$eval('table.mywork-reports tbody th', (ths) =>
    ths.map((th) => th.textContent.trim()));
  assert.equal(reports.length, 3);
  assert.match(reports[0], new RegExp(`^${numbers.medium}`));
  assert.match(reports[2], new RegExp(`^${numbers.low}`));
  await checkPage(page, 'mywork-en');
});

test('My work in Latvian, with dates for the locale', async () => {
  await page.selectOption('#header-lang', 'lv');
  await page.click('.lang-form button');
  await page.waitForLoadState('load');
  assert.equal(await page.getAttribute('html', 'lang'), 'lv');
  assert.equal(await page.textContent('h1'), 'Mans darbs');
  const first = await page.textContent('table.mywork-cases tbody tr th');
  assert.equal(first.trim(), numbers.high);
  assert.match(await page.textContent('table.mywork-cases caption'), /steidzamākās vispirms/);
  await checkPage(page, 'mywork-lv');
});
