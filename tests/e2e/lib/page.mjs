// What the page tests do again and again: check a page with axe-core and photograph it, switch the
// language with the header's switcher, and call the JSON API with the browser's own session.
import assert from 'node:assert/strict';
import { assertAccessible } from './axe.mjs';

// Fails on any serious or critical axe-core violation; saves artifacts/web-<name>.png.
export async function checkPage(p, name) {
  await assertAccessible(p, `web-${name}`);
}

export async function setLanguage(p, lang) {
  await p.selectOption('#header-lang', lang);
  await p.click('.lang-form button');
  await p.waitForLoadState('load');
  assert.equal(await p.getAttribute('html', 'lang'), lang);
}

// A JSON API call with the page's session cookie and CSRF token; the parsed answer.
export async function api(p, url, method, path, data) {
  const me = await p.context().request.get(`${url}/api/v1/me`);
  const { csrf_token: csrf } = await me.json();
  const res = await p.context().request.fetch(`${url}${path}`, {
    method, headers: { 'X-CSRF-Token': csrf }, data,
  });
  assert.ok(res.status() < 300, `${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}
