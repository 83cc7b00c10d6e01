// Launches Debian's Chromium through playwright-core (never a downloaded browser), one profile per run,
// and saves screenshots to the artifacts folder that make test leaves behind.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const artifacts = process.env.HAVEN_E2E_ARTIFACTS || join(process.cwd(), 'artifacts');

// How every test starts Chromium: Debian's binary, headless, nothing fetched from the network.
export const chromiumOptions = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'haven-chromium-'));
  const context = await chromium.launchPersistentContext(profile, chromiumOptions);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}
