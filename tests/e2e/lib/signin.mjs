// Helpers for tests that sign in through the pages: users created with the CLI, TOTP codes computed
// here from the secret the enrolment page shows (RFC 6238: HMAC-SHA1, 30 s steps, six digits).
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { binary } from './haven.mjs';

export const PASSWORD = 'granite lantern 47 oyster';

export function addAgency(db, name, kind = 'child_protection', country = 'SE') {
  execFileSync(binary, ['agency', 'add', '--name', name, '--kind', kind, '--country', country,
    '--db', db], { encoding: 'utf8' });
}

export function addUser(db, username, role, agency, password = PASSWORD) {
  execFileSync(binary, ['user', 'add', '--username', username, '--role', role, '--agency', agency,
    '--password-stdin', '--db', db], { input: `${password}\n`, encoding: 'utf8' });
}

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = ((value << 5) | alphabet.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The code for the current 30-second step, or `offset` steps away.
export function totp(secret, offset = 0) {
  const step = Math.floor(Date.now() / 30000) + offset;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const at = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// Username and password on the first page, then `code` (may be empty) on the second.
export async function signIn(page, url, username, code, password = PASSWORD) {
  if (!page.url().includes('/signin')) await page.goto(`${url}/signin`);
  await page.fill('#field-username', username);
  await page.fill('#field-password', password);
  await page.click('form[action="/signin"] button[type=submit]');
  await page.waitForSelector('#field-code');
  await page.fill('#field-code', code);
  await page.click('form[action="/signin/code"] button[type=submit]');
  await page.waitForLoadState('load');
}

// First sign-in: password, the enrolment page (secret read from the page, confirmed with a
// computed code), then the recovery codes. Returns { secret, codes }.
export async function enrol(page, url, username) {
  await signIn(page, url, username, '');
  await page.waitForSelector('#totp-secret');
  const secret = (await page.textContent('#totp-secret')).replace(/\s/g, '');
  await page.fill('#field-code', totp(secret));
  await page.click('form[action="/signin/enrol"] button[type=submit]');
  await page.waitForSelector('ol.codes');
  const codes = (await page.$$eval('ol.codes code', (els) => els.map((e) => e.textContent.trim())));
  return { secret, codes };
}
