// One Debian Chromium for a test file with a separate browser context (cookies, session) per
// person, so a test can sign in five people without starting five browsers.
import { chromium } from 'playwright-core';

export async function launchShared() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    browser,
    // A new person: their own context and page.
    async person() {
      const context = await browser.newContext();
      return context.newPage();
    },
    async close() {
      await browser.close();
    },
  };
}
