// The browser reaches a real haven: health pages answer, errors are problem+json, and every response
// carries the security headers a browser enforces (CSP, frame-ancestors, nosniff, referrer policy).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHaven } from './lib/haven.mjs';
import { launch, screenshot } from './lib/browser.mjs';

let server, browser;
before(async () => {
  server = await startHaven();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('health endpoints answer in the browser', async () => {
  const page = await browser.context.newPage();
  const res = await page.goto(`${server.url}/readyz`);
  assert.equal(res.status(), 200);
  assert.match(await page.textContent('body'), /ready/);
  await screenshot(page, 'readyz');
});

test('an unknown page is a problem+json 404 with a request id', async () => {
  const page = await browser.context.newPage();
  const res = await page.goto(`${server.url}/no/such/page`);
  assert.equal(res.status(), 404);
  assert.match(res.headers()['content-type'], /application\/problem\+json/);
  const body = JSON.parse(await page.textContent('body'));
  assert.equal(body.status, 404);
  assert.ok(body.request_id, 'problem carries the request id');
  assert.equal(res.headers()['x-request-id'], body.request_id);
});

test('security headers are on every response', async () => {
  const page = await browser.context.newPage();
  const res = await page.goto(`${server.url}/healthz`);
  const h = res.headers();
  assert.match(h['content-security-policy'], /default-src 'self'/);
  assert.match(h['content-security-policy'], /frame-ancestors 'none'/);
  assert.equal(h['x-content-type-options'], 'nosniff');
  assert.equal(h['referrer-policy'], 'no-referrer');
});
