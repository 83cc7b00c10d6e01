// The cross-border pages in Chromium ([X1]), between two national instances on loopback, SE and LV,
// each with its own database, keys and trust list naming the other. In SE a caseworker follows
// the case page's link to draft a referral (the case filled in), picks the request type and the
// partner authority from the trust list, fills only the template's fields (a field the chosen
// type does not carry is refused beside itself, nothing typed lost) and sees exactly what will
// leave the country; the supervisor approves (refused beside the field without a legal basis),
// the contact point sends it to LV's inbox. LV's contact point sees it, acknowledges and answers
// (an empty answer is refused beside the field); SE sees the answer. A linkage run between the two
// fills SE's review queue, where confirming the pair opens a draft. LV's page is also checked in
// Latvian. axe-core finds no violation on any page, and every page is photographed
// (cross-border-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertAccessible } from './lib/axe.mjs';
import { launchShared } from './lib/contexts.mjs';
import { nationalInstance, trustEachOther } from './lib/exchange.mjs';
import { api, setLanguage } from './lib/page.mjs';
import { enrol } from './lib/signin.mjs';

const LV_AUTHORITY = 'Valsts bērnu tiesību aizsardzības inspekcija';
let se, lv, chromium, anna, bo, cia, ilze, liga;
let caseId, referralPath;

const child = {
  given_names: 'Jevgēnija', family_names: 'Ščerbakova', sex: 'female', birth_date: '2012-06-14',
  nationalities: ['LV'], migration_status: 'unaccompanied',
};

// Every axe-core violation, whatever its impact, fails the page.
const check = (page, name) => assertAccessible(page, `cross-border-${name}`, { strict: true });

async function submit(page, selector) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
}

const text = async (page, selector) => (await page.textContent(selector)).replace(/\s+/g, ' ').trim();

before(async () => {
  se = await nationalInstance('SE', 'Socialstyrelsen');
  lv = await nationalInstance('LV', LV_AUTHORITY);
  trustEachOther(se, lv);
  se.addAgency('Malmö barn och unga', 'child_protection');
  se.addAgency('Socialstyrelsen NCP', 'national_contact_point');
  se.addUser('anna', 'caseworker', 'Malmö barn och unga');
  se.addUser('bo', 'supervisor', 'Malmö barn och unga');
  se.addUser('cia', 'contact_point', 'Socialstyrelsen NCP');
  lv.addAgency('Rīgas bāriņtiesa', 'child_protection');
  lv.addAgency('VBTAI NCP', 'national_contact_point');
  lv.addUser('ilze', 'contact_point', 'VBTAI NCP');
  lv.addUser('liga', 'caseworker', 'Rīgas bāriņtiesa');
  await se.start();
  await lv.start();
  chromium = await launchShared();
  [anna, bo, cia, ilze, liga] = await Promise.all([1, 2, 3, 4, 5].map(() => chromium.person()));
  for (const [page, instance, name] of [[anna, se, 'anna'], [bo, se, 'bo'], [cia, se, 'cia'],
    [ilze, lv, 'ilze'], [liga, lv, 'liga']])
    await enrol(page, instance.url, name);
});
after(async () => {
  await chromium?.close();
  await se?.stop();
  await lv?.stop();
});

test('a caseworker drafts a referral from the case page, only with the fields of its type', async () => {
  const report = await api(anna, se.url, 'POST', '/api/v1/reports', {
    child,
    report: { channel: 'phone', reporter_type: 'police', concern_categories: ['neglect'],
      narrative: 'Found alone at Malmö central station.', urgency: 'high' },
  });
  caseId = report.case_id;
  await anna.goto(`${se.url}/cases/${caseId}`);
  await submit(anna, `a[href="/cross-border?case_id=${caseId}#referrals-new"]`);
  assert.equal(await anna.inputValue('#field-case_id'), caseId, 'the case is filled in');
  // The partner authority is picked from the trust list, not typed.
  const partners = await anna.$$eval('#field-partner_authority option', (os) => os.map((o) => o.textContent.trim()));
  assert.deepEqual(partners.slice(1), [`LV — ${LV_AUTHORITY}`]);
  await check(anna, 'list-caseworker');

  await anna.selectOption('#field-request_type', 'family_home_assessment');
  await anna.selectOption('#field-partner_authority', LV_AUTHORITY);
  await submit(anna, 'section[aria-labelledby=referrals-new] button[type=submit]');
  assert.equal(new URL(anna.url()).pathname, '/cross-border/new');
  for (const field of ['question', 'family_members', 'family_address', 'languages'])
    assert.equal(await anna.locator(`#field-${field}`).count(), 1, `${field} is on the form`);
  for (const field of ['known_addresses', 'risk_indicators', 'given_names', 'missing_since'])
    assert.equal(await anna.locator(`#field-${field}`).count(), 0, `${field} is not on the form`);
  assert.equal(await anna.inputValue('#field-partner_authority'), LV_AUTHORITY);
  await check(anna, 'new-family-assessment');

  await anna.fill('#field-question', 'Can the mother in Riga care for her?');
  await anna.fill('#field-family_members', 'Marija Ščerbakova (mother), Pāvels (brother, 19)');
  await anna.fill('#field-languages', 'Latvian, Russian');
  // The type changed without showing its fields: the family members it does not carry are
  // refused beside their field, and nothing typed is lost.
  await anna.selectOption('#field-request_type', 'information_request');
  await submit(anna, 'button[name=action][value=save]');
  assert.match(await text(anna, '#field-family_members-error'), /does not carry this field/);
  assert.equal(await anna.getAttribute('#field-family_members', 'aria-invalid'), 'true');
  assert.match(await text(anna, '.error-summary'), /does not carry this field/);
  assert.equal(await anna.inputValue('#field-family_members'), 'Marija Ščerbakova (mother), Pāvels (brother, 19)');
  assert.equal(await anna.inputValue('#field-question'), 'Can the mother in Riga care for her?');
  assert.equal(await anna.locator('#field-known_addresses').count(), 1, 'the information request field is shown');
  await check(anna, 'new-outside-template');

  // Back to the family assessment: its fields again, as typed.
  await anna.selectOption('#field-request_type', 'family_home_assessment');
  await submit(anna, 'button[name=action][value=type]');
  assert.equal(await anna.locator('.error-summary').count(), 0);
  assert.equal(await anna.inputValue('#field-languages'), 'Latvian, Russian');
  await submit(anna, 'button[name=action][value=save]');
  referralPath = new URL(anna.url()).pathname;
  assert.match(referralPath, /^\/cross-border\/[0-9a-f-]{36}$/);
  assert.match(await text(anna, '.flash'), /Saved\./);

  // The preview: exactly what will leave the country.
  assert.match(await text(anna, 'main'), /What will leave the country/);
  const leaves = await text(anna, 'section[aria-labelledby=referral-content] table');
  for (const shown of ['Jevgēnija', 'Ščerbakova', 'Jun 14, 2012', 'Female', 'Can the mother in Riga care for her?',
    'Marija Ščerbakova (mother), Pāvels (brother, 19)', 'Latvian, Russian'])
    assert.ok(leaves.includes(shown), `${shown} is in the preview: ${leaves}`);
  assert.doesNotMatch(leaves, /Malmö central station/, 'the report narrative does not leave');
  assert.match(await text(anna, 'main'), /Data categories\s*Identity, Family/);
  assert.equal(await anna.locator('button[value=approve]').count(), 0, 'a caseworker does not approve');
  await check(anna, 'draft-caseworker');
});

test('the supervisor approves with the legal basis and purpose; the contact point sends', async () => {
  await bo.goto(`${se.url}${referralPath}`);
  await check(bo, 'draft-supervisor');
  await bo.fill('#field-approve-purpose', 'Family and home assessment before any return');
  await submit(bo, 'button[name=action][value=approve]');
  assert.match(await text(bo, '#field-approve-legal_basis-error'), /Record the legal basis/);
  assert.equal(await bo.getAttribute('#field-approve-legal_basis', 'aria-invalid'), 'true');
  assert.equal(await bo.inputValue('#field-approve-purpose'), 'Family and home assessment before any return');
  assert.match(await text(bo, '.error-summary a[href="#field-approve-legal_basis"]'), /legal basis/);
  assert.equal(await bo.evaluate(() => document.activeElement.className), 'error-summary');
  await check(bo, 'approve-refused');

  await bo.fill('#field-approve-legal_basis', 'Regulation (EU) 2019/1111 art. 80');
  await submit(bo, 'button[name=action][value=approve]');
  assert.match(await text(bo, '.approval-facts'), /Approved/);
  assert.match(await text(bo, '.approval-facts'), /Regulation \(EU\) 2019\/1111 art\. 80/);
  await check(bo, 'approved');

  await cia.goto(`${se.url}/cross-border`);
  await submit(cia, `a[href="${referralPath}"]`);
  await submit(cia, 'button[name=action][value=send]');
  assert.match(await text(cia, '.approval-facts'), /Status\s*Sent/);
  await check(cia, 'sent');
});

test("LV's contact point acknowledges the incoming referral and answers it", async () => {
  await ilze.goto(`${lv.url}/cross-border`);
  const incoming = ilze.locator('section[aria-labelledby=referrals-incoming] tbody tr');
  assert.equal(await incoming.count(), 1);
  assert.match(await text(ilze, 'section[aria-labelledby=referrals-incoming] tbody'), /SE — Socialstyrelsen/);
  await check(ilze, 'lv-list');
  await submit(ilze, 'section[aria-labelledby=referrals-incoming] tbody a');
  const arrived = await text(ilze, 'section[aria-labelledby=referral-content] table');
  for (const shown of ['Ščerbakova', 'Can the mother in Riga care for her?', 'Latvian, Russian'])
    assert.ok(arrived.includes(shown), `${shown} arrived: ${arrived}`);
  await check(ilze, 'lv-incoming');
  await submit(ilze, 'button[name=action][value=acknowledge]');
  assert.match(await text(ilze, '.approval-facts'), /Status\s*Acknowledged/);

  await submit(ilze, 'button[name=action][value=answer]');
  assert.match(await text(ilze, '#field-answer-error'), /Write the answer/);
  assert.equal(await ilze.getAttribute('#field-answer', 'aria-invalid'), 'true');
  await check(ilze, 'lv-answer-refused');
  await ilze.fill('#field-answer', 'A home visit was made; the mother can care for her.');
  await submit(ilze, 'button[name=action][value=answer]');
  assert.match(await text(ilze, '.approval-facts'), /Status\s*Answered/);
  await check(ilze, 'lv-answered');
  // In Latvian: every label translated, no catalog key shown.
  await setLanguage(ilze, 'lv');
  assert.match(await text(ilze, '.approval-facts'), /Ģimenes un mājas novērtējums/);
  assert.match(await text(ilze, '.approval-facts'), /Atbildēts/);
  assert.doesNotMatch(await text(ilze, 'main'), /referral\./);
  await check(ilze, 'lv-answered-latvian');

  await cia.goto(`${se.url}${referralPath}`);
  assert.match(await text(cia, '.approval-facts'), /Status\s*Answered/);
  assert.match(await text(cia, 'section[aria-labelledby=referral-answer]'), /the mother can care for her/);
  await check(cia, 'answered');
});

test('a pair from a linkage run is confirmed into a draft referral', async () => {
  // The same child known in LV; both countries encode with the shared secret, and the match lands
  // in SE's review queue.
  await api(liga, lv.url, 'POST', '/api/v1/reports', {
    child: { ...child, nationalities: ['LV'] },
    report: { channel: 'phone', reporter_type: 'school', concern_categories: ['neglect'],
      narrative: 'Not seen at school since spring.', urgency: 'medium' },
  });
  const work = mkdtempSync(join(tmpdir(), 'haven-e2e-link-'));
  try {
    se.tool('link', 'secret', '--out', join(work, 'link.key'));
    se.haven('link', 'encode', '--secret-file', join(work, 'link.key'), '--out', join(work, 'se.clk'));
    lv.haven('link', 'encode', '--secret-file', join(work, 'link.key'), '--out', join(work, 'lv.clk'));
    se.tool('link', 'match', join(work, 'se.clk'), join(work, 'lv.clk'), '--out', join(work, 'pairs.csv'));
    const queued = se.haven('link', 'review-import', '--pairs', join(work, 'pairs.csv'), '--partner-country', 'LV');
    assert.match(queued, /^1 candidate pairs queued/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  await cia.goto(`${se.url}/cross-border`);
  await submit(cia, 'a[href="/cross-border/review"]');
  assert.match(await text(cia, '.duplicate-pair'), /Jevgēnija Ščerbakova/);
  await check(cia, 'review');
  await cia.selectOption('.duplicate-pair select[name=request_type]', 'risk_security_assessment');
  await submit(cia, '.duplicate-pair button[value=confirm]');
  assert.match(new URL(cia.url()).pathname, /^\/cross-border\/[0-9a-f-]{36}$/);
  assert.notEqual(new URL(cia.url()).pathname, referralPath);
  assert.match(await text(cia, '.approval-facts'), /Risk and security assessment/);
  assert.match(await text(cia, '.approval-facts'), /Status\s*Draft/);
  await check(cia, 'review-draft');
  await cia.goto(`${se.url}/cross-border/review`);
  assert.match(await text(cia, 'main'), /No candidate pairs are waiting/);
});
