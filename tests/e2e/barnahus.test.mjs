// The Barnahus pages in Chromium ([J1]): a coordinator opens a case from a police referral, invites
// the police, a paediatrician, the prosecutor and child protection, and records a planning meeting;
// the police record the interview (a second without a reason is refused beside the field), the
// paediatrician the examination, the prosecutor a note; the social worker sees the case but not the
// note, and opening it is refused; the quality report counts the case; a training record is kept.
// axe-core finds no violation on any page, and every page is photographed (barnahus-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible } from './lib/axe.mjs';
import { startHaven } from './lib/haven.mjs';
import { launchShared } from './lib/contexts.mjs';
import { addAgency, addUser, enrol } from './lib/signin.mjs';

let server, chromium, kim, per, lars, eva, sofia;
let casePath, recordPath;

const day = (daysAgo) => new Date(Date.now() - daysAgo * 86400000).toISOString().slice(0, 10);

// Every axe-core violation, whatever its impact, fails the page.
const check = (page, name) => assertAccessible(page, `barnahus-${name}`, { strict: true });

async function submit(page, selector) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
}

// The forms of the timeline are folded away (details/summary) until opened.
async function openForm(page, id) {
  const details = page.locator(`#details-${id}`);
  if (!(await details.evaluate((d) => d.open))) await page.click(`#details-${id} > summary`);
}

async function openCase(page) {
  await page.goto(`${server.url}${casePath}`);
  assert.equal(new URL(page.url()).pathname, casePath);
}

before(async () => {
  server = await startHaven();
  addAgency(server.db, 'Barnahus Malmö', 'barnahus');
  addAgency(server.db, 'Polisen Region Syd', 'police');
  addAgency(server.db, 'Skånes universitetssjukhus', 'health');
  addAgency(server.db, 'Åklagarkammaren i Malmö', 'prosecutor');
  addAgency(server.db, 'Malmö barn och unga', 'child_protection');
  addUser(server.db, 'kim', 'barnahus_coordinator', 'Barnahus Malmö');
  addUser(server.db, 'per', 'mdt_member', 'Polisen Region Syd');
  addUser(server.db, 'lars', 'mdt_member', 'Skånes universitetssjukhus');
  addUser(server.db, 'eva', 'mdt_member', 'Åklagarkammaren i Malmö');
  addUser(server.db, 'sofia', 'caseworker', 'Malmö barn och unga');
  chromium = await launchShared();
  kim = await chromium.person();
  per = await chromium.person();
  lars = await chromium.person();
  eva = await chromium.person();
  sofia = await chromium.person();
  for (const [page, name] of [[kim, 'kim'], [per, 'per'], [lars, 'lars'], [eva, 'eva'], [sofia, 'sofia']])
    await enrol(page, server.url, name);
});
after(async () => {
  await chromium?.close();
  await server?.stop();
});

test('the coordinator opens a case from a police referral', async () => {
  await kim.goto(`${server.url}/`);
  await submit(kim, 'nav a[href="/barnahus"]');
  assert.match(await kim.textContent('main'), /no Barnahus cases for you yet/);
  await check(kim, 'home-empty');
  await submit(kim, 'a[href="/barnahus/cases/new"]');
  await check(kim, 'new-case');

  await kim.selectOption('#field-new-referred_by', 'police');
  await kim.selectOption('#field-new-referred_by_agency_id', { label: 'Polisen Region Syd' });
  await kim.fill('#field-new-referred_at', `${day(3)}T09:30`);
  await kim.check('#field-new-violence_types-sexual_abuse');
  await kim.check('#field-new-violence_types-physical_abuse');
  await kim.selectOption('#field-new-child_role', 'victim');
  await kim.fill('#field-new-contact_person', 'Kim Coordinator');
  await kim.selectOption('#field-new-child_mode', 'new');
  await kim.fill('#field-new-given_names', 'Alva');
  await kim.fill('#field-new-family_names', 'Lindqvist');
  await kim.fill('#field-new-birth_date', day(9 * 365));
  await kim.selectOption('#field-new-sex', 'female');
  await submit(kim, '#form-new button[type=submit]');
  casePath = new URL(kim.url()).pathname;
  assert.match(casePath, /^\/barnahus\/cases\/[0-9a-f-]{36}$/);
  assert.equal((await kim.textContent('.case-child')).trim(), 'Alva Lindqvist');
  assert.match(await kim.textContent('.flash'), /The Barnahus case is open/);
  assert.match(await kim.textContent('.case-facts'), /Physical abuse, Sexual abuse/);
  await check(kim, 'case-new');
});

test('the coordinator invites police, a paediatrician, the prosecutor and child protection', async () => {
  const invite = async (field, label, parts = []) => {
    await kim.selectOption(`#field-invite-${field}`, { label });
    for (const part of parts) await kim.check(`#field-invite-shared_parts-${part}`);
    await submit(kim, '#form-invite button[type=submit]');
    assert.match(await kim.textContent('.flash'), /Saved\./);
  };
  await invite('agency_id', 'Polisen Region Syd', ['interview']);
  await invite('user_id', 'lars (Skånes universitetssjukhus)', ['medical', 'interview']);
  await invite('agency_id', 'Åklagarkammaren i Malmö', ['interview', 'court']);
  await invite('agency_id', 'Malmö barn och unga');
  const team = await kim.textContent('table.barnahus-team');
  for (const who of ['Polisen Region Syd', 'lars (Skånes universitetssjukhus)', 'Åklagarkammaren i Malmö', 'Malmö barn och unga'])
    assert.ok(team.includes(who), `${who} is not on the team: ${team}`);

  // A planning meeting two days ago, with a task for the police.
  await openForm(kim, 'meeting');
  const meeting = kim.locator('#form-meeting');
  await kim.fill('#field-meeting-held_on', day(2));
  for (const agency of ['Barnahus Malmö', 'Polisen Region Syd', 'Skånes universitetssjukhus'])
    await meeting.getByLabel(agency, { exact: true }).check();
  await kim.fill('#field-meeting-decisions', 'Interview at the Barnahus; paediatric examination the same day.');
  await kim.selectOption('#field-meeting-task_agency_1', { label: 'Polisen Region Syd' });
  await kim.fill('#field-meeting-task_1', 'Book the interview room');
  await submit(kim, '#form-meeting button[type=submit]');
  assert.match(await kim.textContent('.barnahus-timeline'), /Book the interview room/);
  await check(kim, 'case-team');
});

test('the police record the interview, and a second needs a reason', async () => {
  await per.goto(`${server.url}/barnahus`);
  await submit(per, `a[href="${casePath}"]`);
  const record = async () => {
    await openForm(per, 'interview');
    await per.fill('#field-interview-interviewed_on', day(1));
    await per.fill('#field-interview-interviewer', 'Per Police');
    await per.check('#field-interview-interviewer_trained');
    await per.check('#field-interview-recorded');
    await per.fill('#field-interview-place', 'Barnahus Malmö, room 2');
    await submit(per, '#form-interview button[type=submit]');
  };
  await record();
  assert.match(await per.textContent('.barnahus-timeline'), /Interview 1/);
  await record();
  const error = (await per.textContent('#field-interview-repeat_reason-error')).trim();
  assert.match(error, /already been interviewed: give the reason for another interview/);
  assert.equal(await per.getAttribute('#field-interview-repeat_reason', 'aria-invalid'), 'true');
  assert.match(await per.textContent('.error-summary'), /give the reason/);
  assert.equal(await per.inputValue('#field-interview-place'), 'Barnahus Malmö, room 2');
  await check(per, 'interview-refused');
});

test('the paediatrician records the examination and the prosecutor a note', async () => {
  await openCase(lars);
  await openForm(lars, 'medical');
  await lars.check('#field-medical-done');
  await lars.fill('#field-medical-examined_on', day(1));
  await lars.fill('#field-medical-examined_by', 'Dr Lars Berg');
  await submit(lars, '#form-medical button[type=submit]');
  assert.match(await lars.textContent('.barnahus-timeline'), /Medical examination done/);
  // The interview was shared with the paediatrician.
  assert.match(await lars.textContent('.barnahus-timeline'), /Interview 1/);
  await check(lars, 'case-paediatrician');

  await openCase(eva);
  await openForm(eva, 'record');
  await eva.selectOption('#field-record-kind', 'prosecutor_note');
  await eva.fill('#field-record-title', 'Charging considerations');
  await eva.fill('#field-record-body', 'Suspect questioned; charging decision pending.');
  await submit(eva, '#form-record button[type=submit]');
  const link = eva.locator('.barnahus-timeline a[href*="/records/"]');
  recordPath = await link.getAttribute('href');
  await submit(eva, `.barnahus-timeline a[href="${recordPath}"]`);
  assert.match(await eva.textContent('.record-body'), /charging decision pending/);
  await check(eva, 'record-prosecutor');
});

test("a social worker on the team cannot open the prosecutor's note", async () => {
  await sofia.goto(`${server.url}/`);
  await submit(sofia, 'nav a[href="/barnahus"]');
  await submit(sofia, `a[href="${casePath}"]`);
  const page = await sofia.textContent('main');
  assert.doesNotMatch(page, /Charging considerations/);
  assert.doesNotMatch(page, /Per Police/);  // the interview was not shared with child protection
  assert.equal(await sofia.locator('a[href*="/records/"]').count(), 0);
  assert.match(await sofia.textContent('.notice-warning'), /not shared with you/);
  await check(sofia, 'case-social-worker');

  const res = await sofia.goto(`${server.url}${recordPath}`);
  assert.equal(res.status(), 403);
  assert.match(await sofia.textContent('h1'), /This record is not shared with you/);
  assert.doesNotMatch(await sofia.textContent('main'), /charging decision pending/);
  await check(sofia, 'record-refused');
});

test('the quality report counts the case, and training is recorded', async () => {
  await kim.goto(`${server.url}/barnahus`);
  await check(kim, 'home');
  await submit(kim, 'a[href="/barnahus/quality"]');
  const row = async (label) => (await kim.locator('table.barnahus-quality tr', { hasText: label })
    .locator('td').first().textContent()).trim();
  assert.equal(await row('Cases referred'), '1');
  // The second interview was refused: the child was interviewed once, two days after the report,
  // with the team meeting before it.
  assert.equal(await row('Children interviewed once'), '100%');
  assert.equal(await row('Median days from referral to interview'), '2 days');
  assert.equal(await row('Median days from referral to medical examination'), '2 days');
  assert.equal(await row('Team meeting before the interview'), '100%');
  assert.equal(await kim.locator('figure.quality-chart svg[role=img]').count(), 3);
  assert.match(await kim.textContent('#chart-shares-desc'), /Children interviewed once: 100%/);
  await check(kim, 'quality');

  await kim.goto(`${server.url}/barnahus/training`);
  await kim.selectOption('#field-training-user_id', { label: 'per (Polisen Region Syd)' });
  await kim.fill('#field-training-training', 'NICHD protocol, advanced');
  await kim.fill('#field-training-completed_on', day(40));
  await submit(kim, '#form-training button[type=submit]');
  assert.match(await kim.textContent('table.barnahus-training'), /NICHD protocol, advanced/);
  await check(kim, 'training');
});
