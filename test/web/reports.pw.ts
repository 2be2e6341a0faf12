// Issue 14's screens in the browser: the organizer's exports, jury report and people's-choice vote; the public vote;
// the promoter's impact report; the company's interests, followed themes and suggestions. Real API, worker, browser.
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { createOrganization, signUp, type TestUser } from '../helpers/factories.js';
import { gql, gqlOk } from '../helpers/graphql.js';
import { judgingFixture, PUBLISH_RESULTS, type JudgingFixture } from '../helpers/judging-factories.js';
import { reviewAll } from '../helpers/report-factories.js';
import { CAST_VOTE, CLOSE_VOTING, OPEN_VOTING, VOTING_VIEW } from '../helpers/voting-factories.js';
import { expectAccessible, fixture } from './fixture.js';
import { DAY, localInput, signIn, unique } from './session.js';

test.use({ baseURL: fixture.baseURL });

const url = `${fixture.baseURL}/graphql`;
const SHOTS = '/tmp/web-shots/web-reports';

/** A desktop and a phone screenshot of the page as it is, named with its language. */
async function shots(page: Page, name: string, locale: 'it' | 'en'): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize()!;
  await page.screenshot({ path: `${SHOTS}/${name}-${locale}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 412, height: 915 });
  await page.screenshot({ path: `${SHOTS}/${name}-${locale}-phone.png`, fullPage: true });
  // Nothing wider than a phone: wide tables scroll inside their region, not the page.
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1 && !element.closest('.table-scroll'))
      .map((element) => `${element.tagName}.${element.className}`)
      .slice(0, 5),
  );
  expect(wide).toEqual([]);
  await page.setViewportSize(size);
}

async function rename(user: TestUser, displayName: string, locale = 'it'): Promise<void> {
  await gqlOk(url, `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`, { input: { displayName, locale } }, user.token);
}

async function pageOf(browser: Browser, user: TestUser, displayName: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: fixture.baseURL, locale: 'it-IT' });
  const page = await context.newPage();
  await signIn(page, user, displayName);
  return page;
}

type Row = Record<string, string>;
const parseCsv = (body: string, delimiter: string): Row[] => parse(body, { bom: true, columns: true, delimiter, record_delimiter: '\r\n', relax_quotes: false });
/** A CSV number, with the decimal comma of the `;` dialect. */
const csvNumber = (cell: string | undefined) => (cell === undefined || cell === '' ? null : Number(cell.replace(',', '.')));

/** A downloaded file's text: the button is pressed, the browser saves what the API sends. */
async function downloaded(page: Page, press: () => Promise<void>): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await press();
  const file = await download;
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

/** An edition with three reviewed ideas (two jurors each, scores that disagree) and its results published. */
async function judgedEdition(tag: string, overrides: Record<string, unknown> = {}): Promise<JudgingFixture> {
  const fx = await judgingFixture(url, { ideas: 3, jurors: 2, overrides: { title: `Climathon Resoconti ${tag}`, ...overrides } });
  await reviewAll(url, fx, (juror, ideaId, criterion) => {
    const i = fx.ideas.findIndex((idea) => idea.id === ideaId);
    return juror === 0 ? 8 - i * 2 + criterion : 3 + i + criterion;
  });
  await gqlOk(url, PUBLISH_RESULTS, { input: { challengeId: fx.challenge.id } }, fx.organizer.token);
  return fx;
}

test("an organizer reads the jury report, downloads results and reviews, and opens the people's-choice vote", async ({ page }) => {
  test.setTimeout(240_000);
  const tag = unique();
  const fx = await judgedEdition(tag);
  await rename(fx.organizer, 'Paola Promotrice');
  const api = (
    await gqlOk(
      url,
      `query($id: ID!) { challenge(id: $id) { leaderboard { rank rawScore reviewCount idea { id title } }
        juryReport { agreement { alpha } jurors { pseudonym leniency } disputedIdeas(first: 5) { idea { id title } spread } } } }`,
      { id: fx.challenge.id },
      fx.organizer.token,
    )
  ).challenge;

  await signIn(page, fx.organizer, 'Paola Promotrice');
  await page.goto(`/organizer/challenges/${fx.challenge.id}`);
  const report = page.getByRole('region', { name: 'Accordo della giuria' });
  const alpha = api.juryReport.agreement.alpha as number | null;
  await expect(report.getByTestId('jury-alpha')).toContainText(alpha === null ? '–' : alpha.toFixed(2).replace('.', ','));
  const reading = alpha === null ? 'Non ancora calcolabile' : alpha >= 0.8 ? 'Buon accordo' : alpha >= 0.667 ? 'Accordo discreto' : alpha > 0 ? 'Accordo debole' : 'Nessun accordo';
  await expect(report.getByTestId('jury-alpha')).toContainText(reading);
  // Each juror with their pseudonym and leniency; the most disputed idea first, linked to its page.
  for (const juror of api.juryReport.jurors) {
    const row = report.getByTestId('jury-jurors').getByRole('row', { name: new RegExp(`^${juror.pseudonym} `) });
    await expect(row).toContainText(juror.leniency === null ? '–' : (juror.leniency as number).toFixed(2).replace('.', ','));
  }
  const disputed = api.juryReport.disputedIdeas[0].idea;
  await expect(report.getByTestId('jury-disputed').getByRole('row').nth(1).getByRole('link')).toHaveText(disputed.title);
  await expect(report.getByTestId('jury-disputed').getByRole('link', { name: disputed.title })).toHaveAttribute('href', `/ideas/${disputed.id}`);
  await expectAccessible(page);

  // ---- results.csv with the semicolon of Italian spreadsheets, parsed as the project parses CSV: the leaderboard, row by row
  const exports = page.getByRole('region', { name: 'Esportazioni' });
  await expect(exports.getByRole('radio', { name: 'Punto e virgola (Excel in italiano)' })).toBeChecked();
  const results = await downloaded(page, () => exports.getByRole('button', { name: 'Scarica i risultati (CSV)' }).click());
  expect(results.name).toBe(`results-${fx.challenge.slug}.csv`);
  const rows = parseCsv(results.text, ';');
  expect(rows.map((row) => ({ rank: Number(row.rank), id: row.idea_id, title: row.idea, raw: csvNumber(row.raw_score), reviews: Number(row.review_count) }))).toEqual(
    api.leaderboard.map((entry: { rank: number; rawScore: number; reviewCount: number; idea: { id: string; title: string } }) => ({
      rank: entry.rank,
      id: entry.idea.id,
      title: entry.idea.title,
      raw: entry.rawScore,
      reviews: entry.reviewCount,
    })),
  );
  // ---- with commas, the reviews: one row per review, jurors as J1, J2
  await exports.getByText('Virgola', { exact: true }).click();
  const reviews = await downloaded(page, () => exports.getByRole('button', { name: 'Scarica le valutazioni (CSV)' }).click());
  const reviewRows = parseCsv(reviews.text, ',');
  expect(reviewRows).toHaveLength(6);
  expect(new Set(reviewRows.map((row) => row.juror))).toEqual(new Set(['J1', 'J2']));
  const json = await downloaded(page, () => exports.getByRole('button', { name: 'Scarica i risultati (JSON)' }).click());
  expect((JSON.parse(json.text) as { results: { idea_id?: string; ideaId?: string }[] }).results).toHaveLength(3);

  // ---- the people's-choice vote: a closing before the opening is refused next to its field, then the vote opens
  const voting = page.getByRole('region', { name: 'Voto del pubblico' });
  await expect(voting.getByTestId('voting-status')).toHaveText('Nessun voto del pubblico per questa sfida.');
  await voting.getByLabel('Apertura del voto').fill(localInput(2 * DAY));
  await voting.getByLabel('Chiusura del voto').fill(localInput(DAY));
  await voting.getByRole('button', { name: 'Apri il voto del pubblico' }).click();
  const closes = voting.getByLabel('Chiusura del voto');
  await expect(closes).toHaveAttribute('aria-invalid', 'true');
  await expect(closes).toHaveAccessibleDescription("La chiusura deve venire dopo l'apertura, in futuro ed entro un anno.");
  expect((await gqlOk(url, VOTING_VIEW, { id: fx.challenge.id }, fx.organizer.token)).challenge.publicVoting).toBeNull(); // nothing was set
  await shots(page, 'organizer-reports', 'it');
  await voting.getByLabel('Apertura del voto').fill('');
  await closes.fill(localInput(3 * DAY));
  await voting.getByRole('button', { name: 'Apri il voto del pubblico' }).click();
  await expect(voting.getByText('Date del voto salvate.')).toBeVisible();
  await expect(voting.getByTestId('voting-status')).toContainText('Il voto del pubblico è aperto fino al');
  const opened = (await gqlOk(url, VOTING_VIEW, { id: fx.challenge.id }, fx.organizer.token)).challenge.publicVoting;
  expect(opened.status).toBe('OPEN');
  expect(Math.abs(Date.parse(opened.closesAt) - Date.parse(new Date(localInput(3 * DAY)).toISOString()))).toBeLessThan(60_000);
  await expectAccessible(page);

  await rename(fx.organizer, 'Paola Promotrice', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Jury agreement' })).toBeVisible();
  await shots(page, 'organizer-reports', 'en');
});

test('a signed-in user votes in the people’s choice, moves the vote, and sees the count once the vote closes', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const tag = unique();
  const fx = await judgedEdition(tag);
  await gqlOk(url, OPEN_VOTING, { input: { challengeId: fx.challenge.id, closesAt: new Date(Date.now() + 2 * DAY).toISOString() } }, fx.organizer.token);
  const [first, second] = fx.ideas;
  const voter = await signUp(url, { label: 'voter', displayName: 'Vera Votante' });
  const slug = fx.challenge.slug;

  // ---- on the results page: vote for the first idea, shown as the voter's; the counts are hidden
  await signIn(page, voter, 'Vera Votante');
  await page.goto(`/challenges/${slug}/results`);
  const section = page.getByRole('region', { name: 'Voto del pubblico' });
  await expect(section.getByTestId('voting-summary')).toContainText('Il voto del pubblico è aperto fino al');
  await section.getByRole('button', { name: `Vota «${first!.title}»` }).click();
  await expect(section.getByTestId('voting-summary')).toContainText(`Il tuo voto: ${first!.title}.`);
  await expect(section.getByText('Hai votato questa idea.')).toBeVisible();
  let view = (await gqlOk(url, VOTING_VIEW, { id: fx.challenge.id }, voter.token)).challenge;
  expect(view.myPublicVote.idea.id).toBe(first!.id);
  expect(view.ideas.edges.every((edge: { node: { publicVotes: number | null } }) => edge.node.publicVotes === null)).toBe(true);
  await expectAccessible(page);
  await shots(page, 'voting-results-open', 'it');

  // ---- on the second idea's page: the vote moves there
  await page.goto(`/ideas/${second!.id}`);
  await expect(page.getByText(`Il tuo voto ora va a ${first!.title}.`)).toBeVisible();
  await page.getByRole('button', { name: `Sposta il tuo voto su «${second!.title}»` }).click();
  await expect(page.getByText('Hai votato questa idea.')).toBeVisible();
  view = (await gqlOk(url, VOTING_VIEW, { id: fx.challenge.id }, voter.token)).challenge;
  expect(view.myPublicVote.idea.id).toBe(second!.id);
  await expect(page.getByTestId('public-votes')).toHaveCount(0);
  await shots(page, 'voting-idea-open', 'it');

  // ---- refusals in the user's language: the coach of the idea's team, a user whose email is not verified
  await rename(fx.teacher, 'Tea Docente');
  const coach = await pageOf(browser, fx.teacher, 'Tea Docente');
  await coach.goto(`/ideas/${first!.id}`);
  await coach.getByRole('button', { name: `Vota «${first!.title}»` }).click();
  await expect(coach.getByRole('alert')).toHaveText("Non puoi votare l'idea della tua squadra.");
  const unverified = await signUp(url, { label: 'unverified', displayName: 'Ugo Nuovo', unverified: true });
  const newcomer = await pageOf(browser, unverified, 'Ugo Nuovo');
  await newcomer.goto(`/ideas/${first!.id}`);
  await newcomer.getByRole('button', { name: `Vota «${first!.title}»` }).click();
  await expect(newcomer.getByRole('alert')).toContainText('Conferma il tuo indirizzo email per votare');
  await rename(unverified, 'Ugo Nuovo', 'en');
  await newcomer.reload();
  await newcomer.getByRole('button', { name: `Vote for “${first!.title}”` }).click();
  await expect(newcomer.getByRole('alert')).toContainText('Verify your email address to vote');
  await shots(newcomer, 'voting-idea-refused', 'en');
  expect((await gqlOk(url, VOTING_VIEW, { id: fx.challenge.id }, unverified.token)).challenge.myPublicVote).toBeNull();

  // ---- the vote closes: the count on the idea page and the people's choice on the results, as the API gives them
  await gqlOk(url, CLOSE_VOTING, { id: fx.challenge.id }, fx.organizer.token);
  const closed = (await gqlOk(url, VOTING_VIEW, { id: fx.challenge.id })).challenge;
  const votesOfSecond = closed.ideas.edges.find((edge: { node: { id: string } }) => edge.node.id === second!.id).node.publicVotes;
  expect(votesOfSecond).toBe(1);
  await page.reload();
  await expect(page.getByTestId('public-votes')).toHaveText('1 voto del pubblico');
  await expect(page.getByRole('button', { name: /Vota|Sposta/ })).toHaveCount(0);
  const retry = await gql(url, CAST_VOTE, { ideaId: first!.id }, voter.token);
  expect(retry.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
  await page.goto(`/challenges/${slug}/results`);
  const choice = page.getByTestId('peoples-choice');
  await expect(choice.getByRole('listitem')).toHaveCount(closed.peoplesChoice.length);
  await expect(choice.getByRole('listitem').first()).toHaveText(`${closed.peoplesChoice[0].rank}. ${closed.peoplesChoice[0].idea.title}: 1 voto`);
  await shots(page, 'voting-results-closed', 'it');
  await rename(voter, 'Vera Votante', 'en');
  await page.reload();
  await expect(choice.getByRole('listitem').first()).toHaveText(`${closed.peoplesChoice[0].rank}. ${closed.peoplesChoice[0].idea.title}: 1 vote`);
  await shots(page, 'voting-results-closed', 'en');
});

test('a signed-in user votes from a gallery card while the vote is open, and the cards have no vote once it closes', async ({ page }) => {
  test.setTimeout(180_000);
  const fx = await judgedEdition(unique());
  await gqlOk(url, OPEN_VOTING, { input: { challengeId: fx.challenge.id, closesAt: new Date(Date.now() + 2 * DAY).toISOString() } }, fx.organizer.token);
  const [first] = fx.ideas;
  const voter = await signUp(url, { label: 'gallery-voter', displayName: 'Gino Galleria' });
  await signIn(page, voter, 'Gino Galleria');
  await page.goto(`/ideas?challenge=${fx.challenge.id}`);
  const card = page.locator('.card').filter({ has: page.getByRole('link', { name: first!.title }) });
  await card.getByRole('button', { name: `Vota «${first!.title}»` }).click();
  await expect(card.getByText('Hai votato questa idea.')).toBeVisible();
  expect((await gqlOk(url, VOTING_VIEW, { id: fx.challenge.id }, voter.token)).challenge.myPublicVote.idea.id).toBe(first!.id);
  await gqlOk(url, CLOSE_VOTING, { id: fx.challenge.id }, fx.organizer.token);
  await page.reload();
  await expect(page.getByRole('link', { name: first!.title })).toBeVisible();
  await expect(page.getByRole('button', { name: /Vota|Sposta/ })).toHaveCount(0);
});

test('a promoter reads the impact report of a period and downloads it as CSV', async ({ page }) => {
  test.setTimeout(180_000);
  const tag = unique();
  const fx = await judgedEdition(tag);
  await rename(fx.organizer, 'Ilaria Impatto');
  const year = new Date().getFullYear();
  const from = new Date(year, 0, 1).toISOString();
  const to = new Date(year + 1, 0, 1).toISOString();
  const api = (
    await gqlOk(
      url,
      `query($org: ID!, $from: DateTime!, $to: DateTime!) { impactReport(organizerId: $org, from: $from, to: $to) {
        overall { editions schools teams ideasSubmitted reviews } byDistrict { district figures { ideasSubmitted } } bySchool { school { name } figures { ideasSubmitted } } } }`,
      { org: fx.promoterId, from, to },
      fx.organizer.token,
    )
  ).impactReport;
  expect(api.overall.ideasSubmitted).toBe(3);

  await signIn(page, fx.organizer, 'Ilaria Impatto');
  await page.getByRole('link', { name: 'Organizza', exact: true }).click();
  await page.getByRole('link', { name: "Resoconto d'impatto" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Resoconto d'impatto" })).toBeVisible();
  // A period that ends before it starts is refused next to its end
  await page.getByLabel('Al (escluso)').fill(`${year - 1}-06-01`);
  await page.getByRole('button', { name: 'Mostra il resoconto' }).click();
  await expect(page.getByLabel('Al (escluso)')).toHaveAccessibleDescription("La fine deve venire dopo l'inizio, entro 20 anni.");
  await page.getByLabel('Al (escluso)').fill(`${year + 1}-01-01`);
  await page.getByRole('button', { name: 'Mostra il resoconto' }).click();
  const overall = page.getByTestId('impact-overall');
  for (const [label, value] of [
    ['Edizioni', api.overall.editions],
    ['Scuole', api.overall.schools],
    ['Squadre', api.overall.teams],
    ['Idee presentate', api.overall.ideasSubmitted],
    ['Valutazioni', api.overall.reviews],
  ] as const) {
    await expect(overall.locator('div', { has: page.getByText(label, { exact: true }) }).locator('dd')).toHaveText(String(value));
  }
  await expect(page.getByTestId('impact-districts').getByRole('row', { name: new RegExp(api.byDistrict[0].district) })).toContainText(
    String(api.byDistrict[0].figures.ideasSubmitted),
  );
  await expect(page.getByTestId('impact-schools').getByRole('row', { name: new RegExp(api.bySchool[0].school.name) })).toBeVisible();
  await expectAccessible(page);
  await shots(page, 'impact-report', 'it');

  const csv = await downloaded(page, () => page.getByRole('button', { name: 'Scarica il resoconto (CSV)' }).click());
  const rows = parseCsv(csv.text, ';');
  const overallRow = rows.find((row) => row.scope === 'overall')!;
  expect(Number(overallRow.ideasSubmitted)).toBe(api.overall.ideasSubmitted);
  expect(Number(overallRow.reviews)).toBe(api.overall.reviews);
  expect(rows.filter((row) => row.scope === 'school').map((row) => row.school)).toEqual(api.bySchool.map((row: { school: { name: string } }) => row.school.name));

  await rename(fx.organizer, 'Ilaria Impatto', 'en');
  // The period is in the address: a reload shows the same report, now in English, without asking again.
  expect(new URL(page.url()).searchParams.get('to')).toBe(`${year + 1}-01-01`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'By district' })).toBeVisible();
  await expect(page.getByLabel('To (excluded)')).toHaveValue(`${year + 1}-01-01`);
  await expect(
    page
      .getByTestId('impact-overall')
      .locator('div', { has: page.getByText('Ideas submitted', { exact: true }) })
      .locator('dd'),
  ).toHaveText(String(api.overall.ideasSubmitted));
  await shots(page, 'impact-report', 'en');
});

test('a company sets its interests, follows a theme and sees suggested ideas with their reasons', async ({ page }) => {
  test.setTimeout(180_000);
  const tag = unique();
  // A theme of this run only, so that no other test's idea outranks ours among the suggestions.
  const fx = await judgedEdition(tag, { themes: [{ name: `Mobilità ${tag}` }] });
  const themeName = (await gqlOk(url, `query($id: ID!) { challenge(id: $id) { themes { name } } }`, { id: fx.challenge.id })).challenge.themes[0].name as string;
  const owner = await signUp(url, { label: 'sponsor', displayName: 'Carla Impresa' });
  const companyName = `Energie Pianura ${tag}`;
  const companyId = await createOrganization(url, owner, { kind: 'COMPANY', name: companyName });

  await signIn(page, owner, 'Carla Impresa');
  await page.getByRole('link', { name: 'Impresa', exact: true }).click();
  await page.getByRole('link', { name: "Interessi dell'impresa" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Interessi dell'impresa" })).toBeVisible();
  // ---- district and themes (one a line), saved as the API keeps them
  await page.getByLabel('Territorio', { exact: true }).fill('Pianura Est');
  await page.getByLabel('Temi di interesse').fill(`${themeName}\nEnergia ${tag}`);
  await page.getByLabel('Settori di interesse').fill(`Cooperazione ${tag}`);
  await page.getByRole('button', { name: 'Salva gli interessi' }).click();
  await expect(page.getByText('Interessi salvati.')).toBeVisible();
  // ---- a theme followed, then another followed and unfollowed
  await page.getByLabel('Tema da seguire').fill(themeName);
  await page.getByRole('button', { name: 'Segui il tema' }).click();
  const followed = page.getByRole('list', { name: 'Temi seguiti' });
  await expect(followed.getByText(themeName, { exact: true })).toBeVisible();
  await page.getByLabel('Tema da seguire').fill(`Acqua ${tag}`);
  await page.getByRole('button', { name: 'Segui il tema' }).click();
  await expect(followed.getByText(`Acqua ${tag}`, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: `Smetti di seguire «Acqua ${tag}»` }).click();
  await expect(followed.getByText(`Acqua ${tag}`, { exact: true })).toHaveCount(0);
  const company = (await gqlOk(url, `query($id: ID!) { organization(id: $id) { district themesOfInterest sectorsOfInterest followedThemes } }`, { id: companyId }, owner.token))
    .organization;
  expect(company).toEqual({ district: 'Pianura Est', themesOfInterest: [themeName, `Energia ${tag}`], sectorsOfInterest: [`Cooperazione ${tag}`], followedThemes: [themeName] });
  await expectAccessible(page);
  await shots(page, 'sponsor-settings', 'it');

  // ---- the suggestions, each with why, as the API ranks them; a link to propose the adoption
  const suggestions = (
    await gqlOk(
      url,
      `query($id: ID!) { organization(id: $id) { suggestedIdeas(first: 20) { idea { id title } reasons { kind interest matched } } } }`,
      { id: companyId },
      owner.token,
    )
  ).organization.suggestedIdeas as { idea: { id: string; title: string }; reasons: { kind: string; interest: string; matched: string | null }[] }[];
  const ours = suggestions.find((suggestion) => suggestion.idea.id === fx.ideas[0]!.id)!;
  expect(ours.reasons.map((reason) => reason.kind).sort()).toEqual(['DISTRICT', 'THEME']);
  await page
    .getByRole('link', { name: 'La tua impresa' })
    .or(page.getByRole('link', { name: 'Impresa', exact: true }))
    .first()
    .click();
  const cardIn = (section: string) =>
    page
      .getByRole('region', { name: section })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: ours.idea.title, exact: true }) })
      .first();
  const card = cardIn('Idee suggerite per voi');
  await expect(card).toContainText(`il tema è «${themeName}», tra quelli che vi interessano`);
  await expect(card).toContainText('la scuola è nel vostro territorio, Pianura Est');
  await expect(card.getByRole('link', { name: /Proponi/ }).or(card.locator('a.button'))).toHaveAttribute('href', `/sponsor/ideas/${ours.idea.id}?company=${companyId}`);
  await expectAccessible(page);
  await shots(page, 'sponsor-suggestions', 'it');
  await rename(owner, 'Carla Impresa', 'en');
  await page.reload();
  await expect(cardIn('Ideas suggested for you')).toContainText('the school is in your district, Pianura Est');
  await shots(page, 'sponsor-suggestions', 'en');
  await page.goto(`/sponsor/settings?company=${companyId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Company interests' })).toBeVisible();
  await shots(page, 'sponsor-settings', 'en');
});
