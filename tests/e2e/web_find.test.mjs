// Finding a child in Chromium: a caseworker types a name in another country's spelling on the
// find-a-child page and the results appear as she types (never with the name in the URL), with why
// each matched; the page passes axe-core in English and Polish. At intake, a child who may already
// be known is shown before a new child is created, and the worker registers the report for that
// child instead. A record registered twice anyway is found by `haven dedupe`, and the supervisor
// merges it on the review page (axe-core in English and Polish there too).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { haven, startHaven } from './lib/haven.mjs';
import { launch } from './lib/browser.mjs';
import { addAgency, addUser, enrol } from './lib/signin.mjs';
import { api, checkPage, setLanguage } from './lib/page.mjs';

let server, anna, page, sven, boss;
let knownCase;

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
  const report = await api(page, server.url, 'POST', '/api/v1/reports', {
    child: {
      given_names: 'Ivan', family_names: 'Shcherbakov', names_original_script: 'Иван Щербаков',
      sex: 'male', birth_date: '2014-05-09', languages: ['ru'],
    },
    report: {
      channel: 'phone', reporter_type: 'school', concern_categories: ['neglect'],
      narrative: 'Ivan has missed school for three weeks.', urgency: 'medium',
    },
  });
  knownCase = report.case_id;
});
after(async () => {
  await anna?.close();
  await sven?.close();
  await server?.stop();
});

test('results appear as the worker types, with why each child matched', async () => {
  await page.goto(`${server.url}/`);
  await page.click('nav a[href="/find"]');
  await page.waitForLoadState('load');
  assert.equal(await page.textContent('h1'), 'Find a child');
  await page.fill('#field-q', 'Iwan Szczerbakow');
  await page.waitForSelector('#find-results .child-match');
  assert.equal(new URL(page.url()).search, '', 'no name in the URL');
  const result = await page.textContent('#find-results');
  assert.match(result, /Ivan Shcherbakov/);
  assert.match(result, /Why this child matched/);
  assert.ok(await page.isVisible(`#find-results a[href="/cases/${knownCase}"]`));
  await checkPage(page, 'find-en');

  // Without waiting for the script: submitting the form shows the same results.
  await page.fill('#field-dob', '2014-05-09');
  await page.click('form.find-form button[type=submit]');
  await page.waitForLoadState('load');
  assert.match(await page.textContent('#find-results'), /Date of birth:\s*agrees/);
});

test('the find page in Polish', async () => {
  await page.goto(`${server.url}/find`);
  await setLanguage(page, 'pl');
  assert.equal(await page.textContent('h1'), 'Znajdź dziecko');
  await page.fill('#field-q', 'Щербаков');
  await page.waitForSelector('#find-results .child-match');
  assert.match(await page.textContent('#find-results'), /Dlaczego to dziecko pasuje/);
  await checkPage(page, 'find-pl');
  await setLanguage(page, 'en');
});

test('intake warns of a child who may already be known and registers the report for them', async () => {
  await page.goto(`${server.url}/reports/new`);
  await page.selectOption('#field-reporter_type', 'police');
  await page.check('#concern-neglect');
  await page.fill('#field-narrative', 'Found alone at the railway station at night.');
  await page.fill('#field-given_names', 'Iwan');
  await page.fill('#field-family_names', 'Szczerbakow');
  await page.selectOption('#field-sex', 'male');
  await page.fill('#field-birth_date', '2014-05-09');
  await page.click('form.intake-form > button.button[type=submit]');
  await page.waitForLoadState('load');
  assert.ok(await page.isVisible('.duplicate-warning'), 'the duplicate warning is shown');
  assert.match(await page.textContent('.duplicate-warning'), /Ivan Shcherbakov/);
  assert.equal(await page.inputValue('#field-narrative'), 'Found alone at the railway station at night.');
  await checkPage(page, 'intake-duplicates-en');

  await page.click('.duplicate-warning button[name=use_child]');
  await page.waitForLoadState('load');
  assert.match(page.url(), /\/cases\//);
  assert.notEqual(new URL(page.url()).pathname, `/cases/${knownCase}`, 'a new case');
  const header = await page.textContent('main');
  assert.match(header, /Ivan Shcherbakov/, 'the new case is the known child\'s');
});

test('a child registered twice is found by haven dedupe and merged by the supervisor', async () => {
  // The API registers what it is given: the same boy again, his name written the German way.
  await api(page, server.url, 'POST', '/api/v1/reports', {
    child: {
      given_names: 'Iwan', family_names: 'Schtscherbakow', sex: 'male', birth_date: '2014-05-09',
    },
    report: {
      channel: 'email', reporter_type: 'health', concern_categories: ['neglect'],
      narrative: 'Seen at the emergency department with an untreated wound.', urgency: 'high',
    },
  });
  const out = haven(server.db, 'dedupe');
  assert.match(out, /queued/i);

  await boss.goto(`${server.url}/`);
  await boss.click('nav a[href="/duplicates"]');
  await boss.waitForLoadState('load');
  const pair = await boss.textContent('.duplicate-pair');
  assert.match(pair, /Shcherbakov/);
  assert.match(pair, /Schtscherbakow/);
  assert.match(pair, /Date of birth:\s*agrees/);
  await checkPage(boss, 'duplicates-en');
  await setLanguage(boss, 'pl');
  await checkPage(boss, 'duplicates-pl');
  await setLanguage(boss, 'en');

  await boss.fill('.duplicate-pair textarea[name=reason]', 'Same boy: same birth date, the hospital wrote the German spelling.');
  await boss.click('.duplicate-pair button[value=merge]');
  await boss.waitForLoadState('load');
  assert.match(await boss.textContent('main'), /Merged\./);
  assert.equal(await boss.$('.duplicate-pair'), null, 'the pair has left the queue');
});
