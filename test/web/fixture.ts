import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { WebFixture } from './global-setup.js';

export const fixture = JSON.parse(process.env.WEB_FIXTURE ?? 'null') as WebFixture;
if (!fixture) throw new Error('WEB_FIXTURE is missing: run the browser tests with npm run test:web');

export const SHOTS = '/tmp/web-shots';

/** No serious or critical axe-core violation (WCAG 2.x A and AA rules) on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const grave = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(grave.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.html.slice(0, 200)).join(' | ')})`)).toEqual([]);
}

export async function screenshot(page: Page, name: string, project: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${project}-${name}.png`, fullPage: true });
}
