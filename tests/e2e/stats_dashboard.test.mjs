// The statistics dashboard (/stats) in Chromium over a generated Swedish population: a supervisor
// (aggregates.view) picks an indicator and a breakdown with the keyboard-usable form, sees the bar
// chart with its text alternative and the table behind it, switches to the Barnahus view, and
// downloads the figures as CSV and XLSX. Every page is checked with axe-core (no serious or
// critical violation) in English and in Polish, and photographed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startHaven, binary } from './lib/haven.mjs';
import { launch } from './lib/browser.mjs';
import { checkPage } from './lib/page.mjs';
import { addAgency, addUser, enrol } from './lib/signin.mjs';

let server, browser, page;

const check = (name) => checkPage(page, name);

before(async () => {
  server = await startHaven();
  // In the server's folder, where it keeps the master key the generated fields are sealed with.
  execFileSync(binary, ['generate', '--country', 'SE', '--children', '1500', '--seed', '7',
    '--db', server.db], { cwd: server.dir, encoding: 'utf8' });
  addAgency(server.db, 'Statistik Malmö');
  addUser(server.db, 'stina', 'supervisor', 'Statistik Malmö');
  browser = await launch();
  page = await browser.context.newPage();
  // The first view computes three periods of a generated population: on a busy machine that takes
  // longer than Playwright's default 30 s.
  page.setDefaultTimeout(180_000);
  await enrol(page, server.url, 'stina');
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the dashboard shows an indicator as a chart with its table and flags', async () => {
  const res = await page.goto(`${server.url}/stats`);
  assert.equal(res.status(), 200);
  assert.equal((await page.textContent('h1')).trim(), 'Statistics');
  assert.ok(await page.isVisible('nav.main-nav a[href="/stats"], a[href="/stats"]'));
  // Choose "Children in formal care" by age with the form, as a keyboard user would.
  await page.selectOption('#stats-indicator', 'CARE_STOCK');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.click('form.stats-form button[type=submit]')]);
  await page.selectOption('#stats-by', 'AGE');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.click('form.stats-form button[type=submit]')]);
  assert.ok(await page.isVisible('figure.stats-chart svg[role=img]'));
  const title = await page.textContent('#stats-compare-title');
  assert.match(title, /formal care/);
  // The table behind the chart: a row per age band, each with a figure or a flag in words.
  const rows = await page.$$eval('#stats-compare-table tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
  assert.ok(rows.length >= 5, `rows: ${JSON.stringify(rows)}`);
  for (const [, figure, flag] of rows) {
    assert.ok(flag.length > 0, 'every cell has a status in words');
    if (flag.startsWith('Withheld')) assert.doesNotMatch(figure, /\d/);
  }
  assert.ok(await page.isVisible('text=What the statuses mean'));
  await check('stats-en');
});

test('the Barnahus view offers only the Barnahus indicators', async () => {
  await page.click('nav.stats-views a[href="/stats?view=barnahus"]');
  await page.waitForLoadState('load');
  const options = await page.$$eval('#stats-indicator option', (os) => os.map((o) => o.value));
  assert.ok(options.length >= 8);
  assert.ok(options.every((o) => o.startsWith('BARNAHUS_')), options.join(', '));
  assert.equal(await page.getAttribute('nav.stats-views a[aria-current=page]', 'href'),
    '/stats?view=barnahus');
  await check('stats-barnahus');
});

test('the figures download as CSV and XLSX', async () => {
  const csv = await page.request.get(`${server.url}/stats/download?indicator=CARE_STOCK&format=csv`);
  assert.equal(csv.status(), 200);
  assert.equal(csv.headers()['content-type'], 'text/csv; charset=utf-8');
  const text = await csv.text();
  assert.match(text, /REF_AREA,TIME_PERIOD,INDICATOR,CARE_TYPE,AGE,SEX,DISABILITY,OBS_VALUE/);
  assert.match(text, /\nSE,\d{4},CARE_STOCK,_T,_T,_T,_T,/);
  const xlsx = await page.request.get(`${server.url}/stats/download?indicator=CARE_STOCK&format=xlsx`);
  assert.equal(xlsx.status(), 200);
  assert.equal(xlsx.headers()['content-type'],
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
});

test('the dashboard in Polish', async () => {
  await page.goto(`${server.url}/stats?indicator=CARE_STOCK`);
  await page.selectOption('#header-lang', 'pl');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('.lang-form button')]);
  await page.goto(`${server.url}/stats?indicator=CARE_STOCK`);
  assert.equal(await page.getAttribute('html', 'lang'), 'pl');
  assert.equal((await page.textContent('h1')).trim(), 'Statystyki');
  assert.ok(await page.isVisible('text=Co oznaczają statusy'));
  await check('stats-pl');
});
