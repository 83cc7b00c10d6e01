// Intake, the supervisor view and "My plan" in Chromium: a caseworker signs in with TOTP and
// registers a report through the intake page — first with a mistake, which keeps everything typed,
// then successfully; the case is taken to a submitted plan through the JSON API with the browser's
// own session; the supervisor sees the caseload chart and the plan in the approvals queue and
// approves it there; the child's "My plan" comes in the child's language. Each page is checked with
// axe-core in English and one other language, and photographed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHaven } from './lib/haven.mjs';
import { launch, screenshot } from './lib/browser.mjs';
import { addAgency, addUser, enrol } from './lib/signin.mjs';
import { api, checkPage, setLanguage } from './lib/page.mjs';

let server, anna, sven, page, boss;
let caseId;

before(async () => {
  server = await startHaven();
  addAgency(server.db, 'Malmö barn och unga');
  addUser(server.db, 'anna', 'caseworker', 'Malmö barn och unga');
  addUser(server.db, 'sven', 'supervisor', 'Malmö barn och unga');
  anna = await launch();
  page = await anna.context.newPage();
  await enrol(page, server.url, 'anna');
  sven = await launch();
  boss = await sven.context.newPage();
  await enrol(boss, server.url, 'sven');
});
after(async () => {
  await anna?.close();
  await sven?.close();
  await server?.stop();
});

test('the intake page is linked from the navigation and My work', async () => {
  await page.goto(`${server.url}/`);
  assert.ok(await page.isVisible('nav a[href="/reports/new"]'));
  await page.click('main a[href="/reports/new"]');
  await page.waitForLoadState('load');
  assert.equal(await page.textContent('h1'), 'Register a report of concern');
  await checkPage(page, 'intake-en');
});

test('a report with a mistake keeps what was typed, then opens the new case', async () => {
  await page.goto(`${server.url}/reports/new`);
  await page.selectOption('#field-reporter_type', 'school');
  await page.fill('#field-reporter_organisation', 'Björkskolan');
  await page.fill('#field-narrative', 'Elsa kommer hungrig till skolan och saknar vinterkläder.');
  await page.check('#urgency-high');
  await page.fill('#field-given_names', 'Elsa');
  await page.fill('#field-family_names', 'Öberg');
  await page.fill('#field-names_original_script', 'Эльза');
  await page.fill('#field-birth_date', '2015-03-02');
  await page.fill('#field-languages', 'sv, uk');
  // No concern ticked: the page comes back with the summary and everything typed.
  await page.click('form.intake-form button[type=submit]');
  await page.waitForLoadState('load');
  assert.match(await page.title(), /^Error: /);
  assert.match(await page.textContent('.error-summary'), /Choose at least one concern\./);
  assert.equal(await page.inputValue('#field-narrative'),
    'Elsa kommer hungrig till skolan och saknar vinterkläder.');
  assert.equal(await page.inputValue('#field-names_original_script'), 'Эльза');
  assert.equal(await page.inputValue('#field-reporter_type'), 'school');
  assert.ok(await page.isChecked('#urgency-high'));
  await checkPage(page, 'intake-error-en');
  // The summary's link leads to the concerns.
  await page.click('.error-summary a[href="#field-concerns"]');
  await page.check('#concern-neglect');
  await page.check('#concern-poverty');
  await page.click('form.intake-form button[type=submit]');
  await page.waitForLoadState('load');
  const m = page.url().match(/\/cases\/([0-9a-f-]+)$/);
  assert.ok(m, `went to ${page.url()}`);
  caseId = m[1];
  const c = await api(page, server.url, 'GET', `/api/v1/cases/${caseId}`);
  assert.equal(c.child.given_names, 'Elsa');
  assert.deepEqual(c.reports[0].concern_categories, ['neglect', 'poverty']);
  assert.equal(c.urgency, 'high');
});

test('the intake page in Latvian', async () => {
  await page.goto(`${server.url}/reports/new`);
  await setLanguage(page, 'lv');
  assert.equal(await page.textContent('h1'), 'Ziņojuma par bažām reģistrēšana');
  await checkPage(page, 'intake-lv');
  await setLanguage(page, 'en');
});

test('the supervisor sees the caseload chart and approves the plan from the queue', async () => {
  const base = `/api/v1/cases/${caseId}`;
  let c = await api(page, server.url, 'POST', `${base}/transitions`, { action: 'start_screening', version: 1 });
  c = await api(page, server.url, 'POST', `${base}/screening`, { open_assessment: true, reasons: 'Hunger.' });
  c = await api(page, server.url, 'POST', `${base}/transitions`, { action: 'screen_in', version: c.version });
  const today = new Date().toISOString().slice(0, 10);
  c = await api(page, server.url, 'POST', `${base}/assessments`, {
    child_views: 'Elsa vill äta frukost i skolan.', completed_on: today, risk_level: 'medium',
    risk_rationale: 'Chronic neglect, no acute danger.',
  });
  c = await api(page, server.url, 'POST', `${base}/transitions`,
    { action: 'complete_assessment', version: c.version });
  const due = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
  c = await api(page, server.url, 'POST', `${base}/plans`, {
    goals: [{ description: 'Elsa äter frukost varje dag.',
      actions: [{ description: 'Frukost i skolan', responsible: 'Björkskolan', due_on: due }] }],
    child_views: 'Elsa vill äta med sina vänner.', caregiver_views: 'Mamma håller med.',
  });
  c = await api(page, server.url, 'POST', `${base}/plans/${c.plans[0].id}/submit`, { version: c.version });
  await api(page, server.url, 'POST', `${base}/participation`, {
    stage: 'planning', decision: 'Frukost i skolan',
    space: { offered_on: today, setting: 'i skolan' },
    voice: { views: 'Jag vill äta med mina kompisar.' },
    audience: { decision_maker: 'Anna' },
    influence: { weight_given: 'Frukosten serveras i matsalen med klassen.' },
  });

  await boss.goto(`${server.url}/`);
  await boss.click('nav a[href="/team"]');
  await boss.waitForLoadState('load');
  assert.equal(await boss.textContent('h1'), 'My team');
  assert.ok(await boss.isVisible('.caseload-chart svg rect.bar-medium'));
  const rows = await boss.$$eval('table.team-caseload tbody tr',
    (trs) => trs.map((tr) => [...tr.children].map((x) => x.textContent.trim())));
  assert.deepEqual(rows, [['anna', '0', '1', '0', '1', '0']]);
  assert.ok(await boss.isVisible(`.approval a[href="/cases/${caseId}"]`));
  await checkPage(boss, 'team-en');
  await setLanguage(boss, 'lv');
  assert.equal(await boss.textContent('h1'), 'Mana komanda');
  await checkPage(boss, 'team-lv');
  await setLanguage(boss, 'en');

  await boss.fill(`#field-comment-${caseId}`, 'Bra plan.');
  await boss.click('.approval button[value="approve_plan"]');
  await boss.waitForLoadState('load');
  assert.match(await boss.textContent('.flash'), /Approved\. The case moves on\./);
  assert.match(await boss.textContent('main'), /Nothing is waiting for your approval\./);
  const after = await api(page, server.url, 'GET', `/api/v1/cases/${caseId}`);
  assert.equal(after.status, 'implementation');
});

test('My plan is in the child\'s language, plain and printable', async () => {
  await page.goto(`${server.url}/cases/${caseId}/my-plan`);
  assert.equal(await page.getAttribute('html', 'lang'), 'sv');
  assert.equal(await page.textContent('h1'), 'Min plan');
  const text = await page.textContent('main');
  assert.match(text, /Hej Elsa!/);
  assert.match(text, /Elsa äter frukost varje dag\./);
  assert.match(text, /Jag vill äta med mina kompisar\./);
  assert.match(text, /Frukosten serveras i matsalen med klassen\./);
  assert.doesNotMatch(await page.title(), /Elsa/);
  await checkPage(page, 'myplan-sv');
  await page.click('.plan-languages a[lang="en"]');
  await page.waitForLoadState('load');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('main'), /is your contact person/);
  await checkPage(page, 'myplan-en');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.site-header'), false);
  await screenshot(page, 'web-myplan-print');
  await page.emulateMedia({ media: 'screen' });
});
