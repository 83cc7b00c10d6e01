// The case page in Chromium: a caseworker signs in with TOTP, registers a report through the JSON
// API with the browser's session, then screens, assesses and writes a plan on the case page; a
// supervisor (in Latvian) approves the plan on the case page; the worker records a review and asks
// to close, the supervisor returns the request with a comment the worker reads, the worker asks
// again, the supervisor approves and the case is closed. A form with errors keeps its input, a
// worker of another agency is refused, and the page is checked with axe-core in English and in
// Latvian and photographed at each step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHaven } from './lib/haven.mjs';
import { launch, screenshot } from './lib/browser.mjs';
import { checkPage } from './lib/page.mjs';
import { addAgency, addUser, enrol } from './lib/signin.mjs';

let server, worker, supervisor, anna, sven;
let caseId, caseNumber;

const today = new Date().toISOString().slice(0, 10);
const inDays = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

const check = checkPage;

// Clicks a submit button and waits for the page it leads to.
async function submit(page, selector) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
}

async function act(page, action) {
  await submit(page, `form.action-form:has(input[name=action][value=${action}]) button[type=submit]`);
  assert.match(await page.textContent('main'), /Saved\.|Gemt|Saglabāts/, `${action} was not saved`);
}

const status = async (page) => (await page.textContent('.case-facts div:nth-child(3) dd')).trim();

before(async () => {
  server = await startHaven();
  addAgency(server.db, 'Malmö barn och unga');
  addAgency(server.db, 'Lunds socialtjänst');
  addUser(server.db, 'anna', 'caseworker', 'Malmö barn och unga');
  addUser(server.db, 'sven', 'supervisor', 'Malmö barn och unga');
  addUser(server.db, 'lars', 'caseworker', 'Lunds socialtjänst');
  worker = await launch();
  supervisor = await launch();
  anna = await worker.context.newPage();
  sven = await supervisor.context.newPage();
  await enrol(anna, server.url, 'anna');
  await enrol(sven, server.url, 'sven');
});
after(async () => {
  await worker?.close();
  await supervisor?.close();
  await server?.stop();
});

test('a report registered through the API opens on its case page from My work', async () => {
  const me = await worker.context.request.get(`${server.url}/api/v1/me`);
  const { csrf_token: csrf } = await me.json();
  const res = await worker.context.request.post(`${server.url}/api/v1/reports`, {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      child: { given_names: 'Maja', family_names: 'Berg', sex: 'female', birth_date: '2014-05-20',
        languages: ['sv'] },
      report: { channel: 'phone', reporter_type: 'school', reporter_organisation: 'Björkskolan',
        concern_categories: ['neglect'], narrative: 'Maja comes to school hungry.', urgency: 'high' },
    },
  });
  assert.equal(res.status(), 201, await res.text());
  ({ case_id: caseId, case_number: caseNumber } = await res.json());

  await anna.goto(`${server.url}/`);
  await Promise.all([anna.waitForNavigation({ waitUntil: 'load' }),
    anna.click(`table.mywork-cases a:text("${caseNumber}")`)]);
  assert.equal(new URL(anna.url()).pathname, `/cases/${caseId}`);
  assert.match(await anna.title(), new RegExp(caseNumber));
  assert.doesNotMatch(await anna.title(), /Maja|Berg/);
  assert.equal((await anna.textContent('.case-child')).trim(), 'Maja Berg');
  assert.equal(await status(anna), 'Reported');
  assert.match(await anna.textContent('.case-facts'), /Not rated yet/);
  assert.match(await anna.textContent('.case-facts'), /Respond to the report/);
  await check(anna, 'case-en');
});

test('the worker screens and assesses on the case page', async () => {
  await act(anna, 'start_screening');
  // The next step waits for a decision and says so.
  assert.match(await anna.textContent('#action-screen_in-why'), /Not yet:/);
  await anna.selectOption('#field-screening-open_assessment', 'yes');
  await anna.fill('#field-screening-reasons', 'Repeated signs of neglect.');
  await submit(anna, '#form-screening button[type=submit]');
  await act(anna, 'screen_in');
  assert.equal(await status(anna), 'Assessment');

  await anna.fill('#field-assessment-safety', 'No immediate danger.');
  await anna.fill('#field-assessment-child_views', 'Maja says there is often no food at home.');
  await anna.selectOption('#field-assessment-risk_level', 'medium');
  await anna.fill('#field-assessment-risk_rationale', 'Chronic neglect, no acute danger.');
  await anna.fill('#field-assessment-completed_on', today);
  await submit(anna, '#form-assessment button[type=submit]');
  await act(anna, 'complete_assessment');
  assert.equal(await status(anna), 'Planning');
  assert.match(await anna.textContent('.case-facts'), /Medium/);
});

test('a form with errors keeps what was typed and links the summary to the field', async () => {
  await anna.selectOption('#field-placement-type', 'foster_care');
  await anna.fill('#field-placement-provider', 'Familjen Ek');
  await anna.fill('#field-placement-reason', 'Needs a safe home for a while.');
  await submit(anna, '#form-placement button[type=submit]');
  assert.ok(await anna.isVisible('.error-summary'));
  assert.equal(await anna.getAttribute('.error-summary a', 'href'), '#field-placement-start_on');
  assert.equal(await anna.inputValue('#field-placement-provider'), 'Familjen Ek');
  assert.equal(await anna.inputValue('#field-placement-reason'), 'Needs a safe home for a while.');
  assert.equal(await anna.getAttribute('#field-placement-start_on', 'aria-invalid'), 'true');
  await screenshot(anna, 'web-case-form-error');
});

test('the worker writes the plan and the supervisor approves it on the case page', async () => {
  await anna.goto(`${server.url}/cases/${caseId}`);
  await anna.fill('#field-plan-g0_description', 'Maja has regular meals.');
  await anna.fill('#field-plan-g0_a0_description', 'Parenting support');
  await anna.fill('#field-plan-g0_a0_responsible', 'Family centre');
  await anna.fill('#field-plan-g0_a0_due_on', inDays(60));
  await anna.fill('#field-plan-child_views', 'Maja wants breakfast at school.');
  await submit(anna, '#form-plan button[type=submit]');
  await act(anna, 'submit_plan');
  assert.match(await anna.textContent('#action-approve_plan-why'), /Not yet:/);

  await sven.goto(`${server.url}/`);
  await sven.selectOption('#header-lang', 'lv');
  await submit(sven, '.lang-form button');
  await sven.goto(`${server.url}/cases/${caseId}`);
  assert.equal(await sven.getAttribute('html', 'lang'), 'lv');
  assert.ok(await sven.isVisible('#form-plan_return'));
  await check(sven, 'case-lv-approval');
  await sven.fill('#action-approve_plan-reason', 'Labs plāns.');
  await act(sven, 'approve_plan');
  assert.equal(await status(sven), 'Plāns tiek īstenots');
});

test('the worker reviews and asks to close; the supervisor approves and the case is closed',
  async () => {
    await anna.goto(`${server.url}/cases/${caseId}`);
    assert.equal(await status(anna), 'Plan in action');
    await act(anna, 'start_review');
    await anna.fill('#field-review-progress', 'Meals are regular now.');
    await anna.selectOption('#field-review-risk_level', 'low');
    await anna.fill('#field-review-risk_rationale', 'Needs are met.');
    await anna.check('#field-review-child_participated');
    await submit(anna, '#form-review button[type=submit]');
    await anna.selectOption('#field-closure-reason', 'goals_met_child_safe');
    await anna.fill('#field-closure-summary', 'Goals met; Maja is safe.');
    await submit(anna, '#form-closure button[type=submit]');
    await act(anna, 'request_closure');
    await screenshot(anna, 'web-case-closure-requested');

    // The supervisor sends the request back with a comment; the worker reads it, changes the
    // record and asks again.
    await sven.goto(`${server.url}/cases/${caseId}`);
    await sven.fill('#action-return_closure-reason', 'Pievienojiet skolas māsas viedokli.');
    await act(sven, 'return_closure');
    await anna.goto(`${server.url}/cases/${caseId}`);
    const returned = await anna.textContent('#section-closure');
    assert.match(returned, /Returned for changes/);
    assert.match(returned, /Pievienojiet skolas māsas viedokli\./);
    await check(anna, 'case-en-closure-returned');
    await anna.fill('#field-closure-summary', 'Goals met; Maja is safe. The school nurse agrees.');
    await submit(anna, '#form-closure button[type=submit]');
    await act(anna, 'request_closure');

    await sven.goto(`${server.url}/cases/${caseId}`);
    await act(sven, 'approve_closure');
    await anna.goto(`${server.url}/cases/${caseId}`);
    assert.equal(await status(anna), 'Closed');
    assert.match(await anna.textContent('#section-closure'), /Approved: the case is closed/);
    assert.match(await anna.textContent('#section-timeline'), /changed/);
    await check(anna, 'case-en-closed');
  });

test('a worker of another agency is refused the case without seeing it', async () => {
  await Promise.all([anna.waitForNavigation({ waitUntil: 'load' }), anna.click('.user-box button')]);
  await enrol(anna, server.url, 'lars');
  const res = await anna.goto(`${server.url}/cases/${caseId}`);
  // The policy's refusal as a page (404 for a case of another agency, 403 where the policy says
  // forbidden), never the case.
  assert.ok([403, 404].includes(res.status()), `status ${res.status()}`);
  assert.match(await anna.textContent('h1'), /Case not found|You cannot open this page/);
  assert.doesNotMatch(await anna.textContent('body'), /Maja|Berg/);
  await screenshot(anna, 'web-case-refused');
});
