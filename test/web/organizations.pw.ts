// A teacher without a school registers it from the create-team form and comes back to create the team in it; the
// school's owner invites a colleague, who accepts; "sign out everywhere" on the profile ends the sessions of the other
// browsers too. Real API, worker, database and browser; the screenshots (desktop and phone, Italian and English) go to
// /tmp/web-shots/web-org/.
import { devices, expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { publishedChallenge } from '../helpers/challenge-factories.js';
import { signUp, type TestUser } from '../helpers/factories.js';
import { gql, gqlOk } from '../helpers/graphql.js';
import { expectAccessible, fixture, SHOTS } from './fixture.js';
import { signIn, unique } from './session.js';

test.use({ baseURL: fixture.baseURL });

const url = `${fixture.baseURL}/graphql`;
const SHOT_DIR = `${SHOTS}/web-org`;
const MY_SCHOOLS = `{ myOrganizations(kind: SCHOOL) { id name district city } }`;
const PHONE: BrowserContextOptions = { ...devices['Pixel 7'] };

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SHOT_DIR}/${name}.png`, fullPage });
}

/** A signed-in page in a browser context of its own (another browser, as far as the API can tell). */
async function signedInPage(browser: Browser, user: TestUser, displayName: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: fixture.baseURL, locale: 'it-IT', ...options });
  const page = await context.newPage();
  await signIn(page, user, displayName);
  return page;
}

test.describe.serial('a teacher registers their school and forms a team in it', () => {
  const tag = unique();
  const challengeTitle = `Climathon Bassa Reggiana ${tag}`;
  const schoolName = `Liceo Ariosto ${tag}`;
  let teacher: TestUser;
  let colleague: TestUser;
  let challengeId = '';
  let schoolId = '';

  test.beforeAll(async () => {
    challengeId = (await publishedChallenge(url, { title: challengeTitle })).challenge.id;
    teacher = await signUp(url, { label: 'teacher', displayName: 'Elena Docente' });
    colleague = await signUp(url, { label: 'colleague', displayName: 'Piero Collega' });
  });

  test('from the create-team form to a new school and back, with its errors in Italian next to their fields', async ({ page }, info) => {
    test.skip(info.project.name !== 'desktop');
    await signIn(page, teacher, 'Elena Docente');
    await page.getByRole('link', { name: 'Le mie squadre' }).click();
    await page.getByRole('link', { name: 'Crea una squadra' }).click();
    await page.getByLabel('Sfida').selectOption({ label: challengeTitle });
    await expect(page.getByLabel('Scuola')).toHaveAccessibleDescription(/Non fai ancora parte di nessuna scuola su Climathon/);
    await page.getByRole('link', { name: 'Registra la tua scuola, o entra in una già presente' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Registra la tua scuola' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'La tua scuola è già su Climathon?' })).toBeVisible();
    await expect(page.getByText(teacher.email)).toBeVisible();
    // A name of spaces passes the browser's "required" but not the API: both errors at once, each under its field.
    const name = page.getByLabel('Nome', { exact: true });
    const website = page.getByLabel('Sito web');
    await name.fill('   ');
    await page.getByLabel('Distretto').fill('Bassa Reggiana');
    await website.fill('www.liceoariosto.it');
    await page.getByRole('button', { name: 'Registra la scuola' }).click();
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(name).toHaveAccessibleDescription(/Il nome deve avere da 1 a 200 caratteri, su una riga\./);
    await expect(website).toHaveAccessibleDescription(/Scrivi un indirizzo web completo, che inizia con https:\/\/ o http:\/\//);
    await expect(name).toBeFocused();
    await expectAccessible(page);
    await shot(page, 'create-school-errors-desktop-it');
    expect((await gqlOk(url, MY_SCHOOLS, {}, teacher.token)).myOrganizations).toEqual([]); // nothing was created

    await name.fill(schoolName);
    await page.getByLabel('Comune').fill('Reggio Emilia');
    await website.fill('');
    await page.getByRole('button', { name: 'Registra la scuola' }).click();

    // Back on the create-team form, the challenge still chosen and the new school picked.
    await expect(page.getByRole('heading', { level: 1, name: 'Nuova squadra' })).toBeVisible();
    const schools = (await gqlOk(url, MY_SCHOOLS, {}, teacher.token)).myOrganizations;
    expect(schools).toEqual([{ id: expect.any(String), name: schoolName, district: 'Bassa Reggiana', city: 'Reggio Emilia' }]);
    schoolId = schools[0].id;
    await expect(page.getByLabel('Sfida')).toHaveValue(challengeId);
    await expect(page.getByLabel('Scuola')).toHaveValue(schoolId);
    await page.getByLabel('Nome della squadra').fill(`3A Ariosto ${tag}`);
    await page.getByRole('button', { name: 'Crea la squadra' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `3A Ariosto ${tag}` })).toBeVisible();
    await expect(page.getByText('Il tuo ruolo: coach')).toBeVisible();
    const teamId = new URL(page.url()).pathname.split('/').pop()!;
    const team = (await gqlOk(url, `query($id: ID!) { team(id: $id) { school { id } } }`, { id: teamId }, teacher.token)).team;
    expect(team.school).toEqual({ id: schoolId });
  });

  test('the owner invites a colleague from the organizations page; the colleague accepts and shows as a member', async ({ page, browser }, info) => {
    test.skip(info.project.name !== 'desktop');
    await signIn(page, teacher, 'Elena Docente');
    await page.getByRole('link', { name: 'Elena Docente' }).click();
    await page.getByRole('link', { name: 'Le tue organizzazioni' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Le tue organizzazioni' })).toBeVisible();
    const card = page.getByRole('region', { name: schoolName });
    await expect(card.getByText('Il tuo ruolo: responsabile')).toBeVisible();
    await expect(card.getByRole('heading', { name: 'Chi ne fa parte (1)' })).toBeVisible();
    await expect(card.getByRole('listitem').filter({ hasText: 'Elena Docente' })).toContainText('responsabile');

    // An address without an account: refused next to the email field, nothing recorded.
    const email = card.getByLabel('Email della persona');
    await email.fill(`nessuno.${tag}@example.test`);
    await card.getByRole('button', { name: "Invia l'invito" }).click();
    await expect(email).toHaveAccessibleDescription(/Nessun account con questa email/);
    await expect(email).toBeFocused();
    await email.fill(colleague.email);
    await card.getByRole('button', { name: "Invia l'invito" }).click();
    await expect(card.getByRole('status')).toHaveText('Invito inviato: la persona lo trova tra le sue notifiche.');
    await expect(card.getByRole('heading', { name: 'Inviti in attesa (1)' })).toBeVisible();
    await expect(card.getByText(/Piero Collega, come membro, dal/)).toBeVisible();
    await expectAccessible(page);
    await shot(page, 'organizations-owner-desktop-it');

    // The colleague, in a browser of their own, finds the invitation on the create-a-school page and accepts it.
    const other = await signedInPage(browser, colleague, 'Piero Collega');
    await other.goto('/organizations/new?kind=SCHOOL');
    const received = other.getByRole('region', { name: 'Inviti ricevuti' });
    await expect(received).toContainText(`${schoolName}: ruolo di membro`);
    await expect(received).toContainText('Invito di Elena Docente');
    await received.getByRole('button', { name: `Accetta l'invito di ${schoolName}` }).click();
    await expect(received.getByRole('status')).toHaveText(`Invito accettato: ora fai parte di ${schoolName}.`);
    expect((await gqlOk(url, MY_SCHOOLS, {}, colleague.token)).myOrganizations.map((o: { id: string }) => o.id)).toEqual([schoolId]);
    await other.context().close();

    await page.reload();
    await expect(card.getByRole('heading', { name: 'Chi ne fa parte (2)' })).toBeVisible();
    await expect(card.getByRole('listitem').filter({ hasText: 'Piero Collega' })).toContainText('membro');
    await expect(card.getByRole('heading', { name: 'Inviti in attesa (0)' })).toBeVisible();
  });

  test('screenshots of the organization screens, desktop and phone, in Italian and English', async ({ browser }, info) => {
    test.skip(info.project.name !== 'desktop');
    test.setTimeout(240_000);
    const english = await signUp(url, { label: 'teacher-en', displayName: 'Emma Teacher', locale: 'en' });
    for (const [user, displayName, locale] of [
      [teacher, 'Elena Docente', 'it'],
      [english, 'Emma Teacher', 'en'],
    ] as const) {
      for (const [device, options] of [
        ['desktop', { viewport: { width: 1280, height: 860 } }],
        ['phone', PHONE],
      ] as const) {
        const page = await signedInPage(browser, user, displayName, options);
        await page.goto(`/organizations/new?kind=SCHOOL&next=${encodeURIComponent(`/teams/new?challenge=${challengeId}`)}`);
        await page.getByRole('button', { name: locale === 'it' ? 'Registra la scuola' : 'Register the school' }).click();
        await expect(page.locator('[aria-invalid="true"]')).toHaveCount(1);
        await page.getByRole('searchbox').fill('Ariosto');
        await page.getByRole('button', { name: locale === 'it' ? 'Cerca' : 'Search', exact: true }).click();
        await expect(page.getByRole('link', { name: schoolName })).toBeVisible();
        await expectAccessible(page);
        await shot(page, `create-school-${device}-${locale}`);
        await page.goto('/organizations');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(locale === 'it' ? 'Le tue organizzazioni' : 'Your organizations');
        await expectAccessible(page);
        await shot(page, `organizations-${device}-${locale}`);
        await page.goto(`/teams/new?challenge=${challengeId}`);
        await expect(page.getByLabel(locale === 'it' ? 'Scuola' : 'School')).toBeVisible();
        await shot(page, `create-team-${device}-${locale}`);
        await page.goto('/profile');
        await page.getByRole('button', { name: locale === 'it' ? 'Esci da tutti i dispositivi' : 'Sign out everywhere' }).click();
        await expect(page.getByRole('alertdialog')).toBeVisible();
        await expectAccessible(page);
        await shot(page, `sign-out-everywhere-${device}-${locale}`, false); // the dialog covers the viewport, not the page
        await page.getByRole('button', { name: locale === 'it' ? 'Annulla' : 'Cancel' }).click();
        await expect(page.getByRole('alertdialog')).toHaveCount(0);
        await page.context().close();
      }
    }
  });
});

test('sign out everywhere ends the sessions of the other browsers: they are sent to the sign-in page', async ({ page, browser }, info) => {
  test.skip(info.project.name !== 'desktop');
  const user = await signUp(url, { label: 'everywhere', displayName: 'Sara Ovunque' });
  // Browser B has no socket (its requests alone can find out); browser C keeps its notification socket open.
  const contextB = await browser.newContext({ baseURL: fixture.baseURL, locale: 'it-IT' });
  await contextB.routeWebSocket(/\/graphql/, () => undefined);
  const pageB = await contextB.newPage();
  await signIn(pageB, user, 'Sara Ovunque');
  await pageB.goto('/profile');
  await expect(pageB.getByRole('heading', { level: 1, name: 'Il tuo profilo' })).toBeVisible();
  const refreshB = await pageB.evaluate(() => localStorage.getItem('climathon.refreshToken'));
  expect(refreshB).toBeTruthy();
  const pageC = await signedInPage(browser, user, 'Sara Ovunque');
  await pageC.getByRole('link', { name: 'Le mie squadre' }).click();
  await expect(pageC.getByRole('heading', { level: 1, name: 'Le tue squadre' })).toBeVisible();

  await signIn(page, user, 'Sara Ovunque');
  await page.getByRole('link', { name: 'Sara Ovunque' }).click();
  await page.getByRole('button', { name: 'Esci da tutti i dispositivi' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Uscire da tutti i dispositivi?' });
  await expect(dialog).toContainText('compresa questa');
  await dialog.getByRole('button', { name: 'Sì, esci ovunque' }).click();
  // This browser is signed out...
  await expect(page.getByRole('link', { name: 'Accedi', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sara Ovunque' })).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('climathon.refreshToken'))).toBeNull();

  // ...C as soon as the API closes its socket...
  await expect(pageC).toHaveURL(/\/sign-in\?next=%2Fteams/);
  await expect(pageC.getByRole('heading', { level: 1, name: 'Accedi' })).toBeVisible();

  // ...and B at its next request: refused as unauthenticated, its refresh token too, so the UI sends it to sign in.
  await pageB.getByRole('button', { name: 'Salva', exact: true }).click();
  await expect(pageB).toHaveURL(/\/sign-in\?next=%2Fprofile/);
  await expect(pageB.getByRole('heading', { level: 1, name: 'Accedi' })).toBeVisible();
  const refused = await gql(url, `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }`, { t: refreshB });
  expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  await contextB.close();
  await pageC.context().close();
});
