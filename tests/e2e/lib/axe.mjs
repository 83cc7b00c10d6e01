// axe-core on a page of haven: the accessibility check of every page test.
//
// Legacy mode runs axe.run in the page itself. @axe-core/playwright's default runs axe in each frame
// and merges the results in a new blank page; haven's pages have no frames, so the answer is the
// same, and the blank page was more than half of every check (0.65 s instead of 1.4 s on the build
// machine, some eighty checks a run).
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { screenshot } from './browser.mjs';

const SERIOUS = new Set(['serious', 'critical']);

// The violations as readable lines; with `seriousOnly`, the serious and critical ones alone.
async function violations(page, { seriousOnly = false } = {}) {
  const result = await new AxeBuilder({ page }).setLegacyMode().analyze();
  return result.violations
    .filter((v) => !seriousOnly || SERIOUS.has(v.impact))
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Fails on any serious or critical violation (on any violation at all when `strict`), then saves
// the page as artifacts/<shot>.png.
export async function assertAccessible(page, shot, { strict = false } = {}) {
  const found = await violations(page, { seriousOnly: !strict });
  assert.deepEqual(found, [], `${shot}: axe found ${strict ? '' : 'serious or critical '}problems`);
  await screenshot(page, shot);
}
