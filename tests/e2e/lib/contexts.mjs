// One Debian Chromium for a test file with a separate browser context (cookies, session) per
// person, so a test can sign in five people without starting five browsers.
import { chromium } from 'playwright-core';
import { chromiumOptions } from './browser.mjs';

export async function launchShared() {
  const browser = await chromium.launch(chromiumOptions);
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
