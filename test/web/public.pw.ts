import { expect, test } from '@playwright/test';
import { gqlOk } from '../helpers/graphql.js';
import { expectAccessible, fixture, screenshot } from './fixture.js';

test.use({ baseURL: fixture.baseURL });

/**
 * The gallery's count text for what an anonymous visitor may see: other browser tests (organizer.pw.ts, sponsor.pw.ts)
 * publish ideas of their own in the same database, so the unfiltered counts are read from the API.
 */
/** The gallery's count line for the public ideas matching `filter`, as the API counts them (other browser tests add ideas too). */
async function publicCount(filter: Record<string, unknown> = {}, atLeast = 3): Promise<RegExp> {
  const { ideas } = await gqlOk(`${fixture.baseURL}/graphql`, `query($filter: IdeaFilter) { ideas(filter: $filter, first: 1) { totalCount } }`, { filter });
  const n = ideas.totalCount as number;
  expect(n).toBeGreaterThanOrEqual(atLeast); // the fixture's, at least
  return new RegExp(n === 0 ? '^Nessuna idea trovata$' : n === 1 ? '^1 idea$' : `^${n} idee$`);
}

test.describe('public pages, signed out', () => {
  test('challenges list and a challenge page with themes, weighted criteria and dates', async ({ page }, info) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Sfide' })).toBeVisible();
    await page.getByRole('link', { name: 'Hackathon Mobilità Sostenibile' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hackathon Mobilità Sostenibile' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Criteri di valutazione' })).toBeVisible();
    // challengeInput's criteria: Impatto (weight 2) and Fattibilità (weight 1): two thirds and one third.
    await expect(page.getByRole('row', { name: /Impatto/ })).toContainText('67%');
    await expect(page.getByRole('row', { name: /Fattibilità/ })).toContainText('33%');
    await expect(page.getByText('Mobilità sostenibile', { exact: true })).toBeVisible();
    await expect(page.getByText('Chiusura delle proposte')).toBeVisible();
    await screenshot(page, 'challenge', info.project.name);
    await expectAccessible(page);
    await page.goto('/');
    await screenshot(page, 'challenges', info.project.name);
    await expectAccessible(page);
  });

  test('the gallery searches the full text and filters by school, district and adoption', async ({ page }, info) => {
    await page.goto('/ideas');
    await expect(page.getByRole('heading', { level: 1, name: 'Galleria delle idee' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: await publicCount() })).toBeVisible();
    await screenshot(page, 'gallery', info.project.name);
    await expectAccessible(page);

    const search = page.getByRole('searchbox', { name: 'Cerca' });
    await search.fill('bottiglie');
    await search.press('Enter');
    await expect(page).toHaveURL(/q=bottiglie/);
    await expect(page.getByRole('status').filter({ hasText: await publicCount({ search: 'bottiglie' }) })).toBeVisible();
    await search.fill('parolachenonesiste');
    await search.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Nessuna idea trovata' })).toBeVisible();

    await page.goto('/ideas');
    await page.getByLabel('Territorio').selectOption('Rovereto');
    await expect(page.getByRole('status').filter({ hasText: 'Nessuna idea trovata' })).toBeVisible();
    await page.getByLabel('Territorio').selectOption('Pianura Est');
    await expect(page.getByRole('status').filter({ hasText: await publicCount({ district: 'Pianura Est' }) })).toBeVisible();
    await page.getByText('Solo idee adottate').click();
    await expect(page).toHaveURL(/adopted=1/);
    await expect(page.getByRole('status').filter({ hasText: await publicCount({ district: 'Pianura Est', adopted: true }, 0) })).toBeVisible();

    await page.goto('/ideas');
    await page.getByLabel('Sfida').selectOption({ label: fixture.results.title });
    await expect(page.getByLabel('Tema')).toBeEnabled();
    await page.getByLabel('Tema').selectOption({ label: 'Mobilità sostenibile' });
    await expect(page.getByRole('status').filter({ hasText: '3 idee' })).toBeVisible();
  });

  test('an idea page and the results with the frozen ranking and awards', async ({ page }, info) => {
    await page.goto(`/challenges/${fixture.results.slug}`);
    await page.getByRole('link', { name: 'Vedi i risultati' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Risultati' })).toBeVisible();
    await expect(page.getByText(`1° posto: ${fixture.results.awardTitle}`)).toBeVisible();
    const firstRow = page.getByRole('row').nth(1);
    await expect(firstRow).toContainText(fixture.results.winnerTitle);
    await expect(firstRow.getByRole('cell').first()).toHaveText('1');
    await screenshot(page, 'results', info.project.name);
    await expectAccessible(page);

    await firstRow.getByRole('link', { name: fixture.results.winnerTitle }).click();
    await expect(page.getByRole('heading', { level: 1, name: fixture.results.winnerTitle })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Il problema' })).toBeVisible();
    await expect(page.getByText(`1° posto: ${fixture.results.awardTitle}`)).toBeVisible();
    await screenshot(page, 'idea', info.project.name);
    await expectAccessible(page);
  });

  test('a client route opened directly is served by the API (SPA fallback), an unknown one says not found', async ({ page }) => {
    await page.goto(`/ideas/${fixture.results.winnerIdeaId}`);
    await expect(page.getByRole('heading', { level: 1, name: fixture.results.winnerTitle })).toBeVisible();
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { level: 1, name: 'Pagina non trovata' })).toBeVisible();
  });

  test('English on request, Italian by default', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await page.getByRole('button', { name: 'EN' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Challenges' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
