// Issue 13, "Accounts": the links of the account emails (verification, password reset) opened from the SMTP sink,
// the data export (at once, and through the worker when large) and the erasure of one's account, in Chromium.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { signUp, uniqueEmail, type TestUser } from '../helpers/factories.js';
import { gql, gqlOk } from '../helpers/graphql.js';
import { emailCount, emailedLink } from './mail.js';
import { expectAccessible, fixture, screenshot } from './fixture.js';
import { signIn } from './session.js';

test.use({ baseURL: fixture.baseURL });

const url = `${fixture.baseURL}/graphql`;
const SIGN_IN = `mutation($i: SignInInput!) { signIn(input: $i) { accessToken user { id emailVerified } } }`;

async function signUpThroughForm(page: Page, displayName: string, email: string, password: string): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Nome visualizzato').fill(displayName);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Registrati' }).click();
  await expect(page.getByRole('link', { name: displayName })).toBeVisible();
}

/** The JSON document of a download the page starts with `start`. */
async function downloaded(page: Page, start: () => Promise<void>): Promise<Record<string, unknown>> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  expect(download.suggestedFilename()).toMatch(/^climathon-\d{4}-\d{2}-\d{2}\.json$/);
  return JSON.parse(await readFile((await download.path())!, 'utf8')) as Record<string, unknown>;
}

test('the verification link of the email confirms the address; an older or spent link is refused', async ({ page }, info) => {
  const address = uniqueEmail('verify');
  await signUpThroughForm(page, 'Vera Verifica', address, 'una password lunga');
  await page.getByRole('link', { name: 'Vera Verifica' }).click();
  await expect(page.getByText('(da confermare: controlla la posta)')).toBeVisible();
  const first = await emailedLink(address, 'EMAIL_VERIFICATION');
  expect(first).toMatch(/^\/verify-email\?token=/);

  // A new link from the profile: the first one stops working.
  await page.getByRole('button', { name: 'Invia di nuovo il link di conferma' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ti abbiamo inviato un nuovo link' })).toBeVisible();
  const second = await emailedLink(address, 'EMAIL_VERIFICATION', 2);
  expect(second).not.toBe(first);
  await screenshot(page, 'accounts-profile-unverified', info.project.name);
  await expectAccessible(page);

  await page.goto(first);
  await expect(page.getByRole('heading', { level: 1, name: "Conferma l'indirizzo email" })).toBeVisible();
  await page.getByRole('button', { name: "Conferma l'indirizzo email" }).click();
  await expect(page.getByRole('alert')).toHaveText('Il link non è valido, è già stato usato oppure è scaduto.');
  await expect(page.getByRole('button', { name: 'Invia di nuovo il link di conferma' })).toBeVisible();
  await screenshot(page, 'accounts-verify-refused', info.project.name);
  await expectAccessible(page);

  await page.goto(second);
  await screenshot(page, 'accounts-verify', info.project.name);
  await expectAccessible(page);
  await page.getByRole('button', { name: "Conferma l'indirizzo email" }).click();
  await expect(page.getByRole('status')).toHaveText('Indirizzo email confermato. Da ora riceverai anche le notifiche per email.');
  await page.getByRole('link', { name: 'Vai al tuo profilo' }).click();
  await expect(page.getByText('(confermata)')).toBeVisible();
  const { signIn: session } = await gqlOk(url, SIGN_IN, { i: { email: address, password: 'una password lunga' } });
  expect(session.user.emailVerified).toBe(true);

  // A spent link, opened signed out, is refused too.
  await page.getByRole('button', { name: 'Esci' }).first().click();
  await expect(page.getByRole('link', { name: 'Accedi' })).toBeVisible();
  await page.goto(second);
  await page.getByRole('button', { name: "Conferma l'indirizzo email" }).click();
  await expect(page.getByRole('alert')).toHaveText('Il link non è valido, è già stato usato oppure è scaduto.');
  await expect(page.getByText('Accedi e chiedi un nuovo link dal tuo profilo.')).toBeVisible();
});

test('a forgotten password: the reset link of the email sets a new one, and only once', async ({ page }, info) => {
  const user = await signUp(url, { label: 'forgetful', displayName: 'Franco Smemorato' });
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Password dimenticata?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Password dimenticata' })).toBeVisible();
  await screenshot(page, 'accounts-forgot', info.project.name);
  await expectAccessible(page);

  // An address without an account gets the same answer (nothing tells which addresses exist) and no email.
  const nobody = uniqueEmail('nobody');
  await page.getByLabel('Email').fill(nobody);
  await page.getByRole('button', { name: 'Invia il link' }).click();
  const sent = /Se l'indirizzo corrisponde a un account, abbiamo inviato un'email/;
  await expect(page.getByRole('status')).toHaveText(sent);

  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(user.email);
  await page.getByRole('button', { name: 'Invia il link' }).click();
  await expect(page.getByRole('status')).toHaveText(sent);
  const link = await emailedLink(user.email, 'PASSWORD_RESET');
  expect(link).toMatch(/^\/reset-password\?token=/);
  expect(await emailCount(nobody, 'PASSWORD_RESET')).toBe(0);

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Scegli una nuova password' })).toBeVisible();
  const password = page.getByRole('textbox', { name: 'Nuova password', exact: true });
  const repeat = page.getByRole('textbox', { name: 'Ripeti la nuova password' });
  // Too short: the API's rule, next to the field, in Italian.
  await password.fill('corta');
  await repeat.fill('corta');
  await page.getByRole('button', { name: 'Cambia password' }).click();
  await expect(password).toHaveAccessibleDescription('La password deve avere almeno 10 caratteri.');
  // Two different passwords: told next to the repetition, nothing sent.
  await password.fill('una nuova password sicura');
  await repeat.fill('una nuova password diversa');
  await page.getByRole('button', { name: 'Cambia password' }).click();
  await expect(repeat).toHaveAccessibleDescription('Le due password non coincidono.');
  await screenshot(page, 'accounts-reset-errors', info.project.name);
  await expectAccessible(page);
  await repeat.fill('una nuova password sicura');
  await page.getByRole('button', { name: 'Cambia password' }).click();
  await expect(page.getByRole('status')).toHaveText(/Password cambiata\. Tutte le sessioni aperte sono state chiuse/);

  // The old password no longer works, the new one does; the link was spent.
  expect((await gql(url, SIGN_IN, { i: { email: user.email, password: user.password } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  await page.getByRole('link', { name: 'Vai alla pagina di accesso' }).click();
  await signIn(page, { ...user, password: 'una nuova password sicura' }, 'Franco Smemorato');
  await page.goto(link);
  await password.fill('ancora una password nuova');
  await repeat.fill('ancora una password nuova');
  await page.getByRole('button', { name: 'Cambia password' }).click();
  await expect(page.getByRole('alert')).toHaveText('Il link non è valido, è già stato usato oppure è scaduto.');
  await expect(page.getByRole('link', { name: 'Chiedi un nuovo link' })).toBeVisible();
});

test('export my data: one JSON file at once, or through the worker when it is large', async ({ page }, info) => {
  test.setTimeout(90_000);
  const user: TestUser = await signUp(url, { label: 'exporter', displayName: 'Elsa Esporta' });
  await signIn(page, user, 'Elsa Esporta');
  await page.goto('/profile');
  const section = page.getByRole('region', { name: 'I tuoi dati' });
  await expect(section).toBeVisible();
  const inline = await downloaded(page, () => section.getByRole('button', { name: 'Scarica i miei dati' }).click());
  expect(JSON.stringify(inline)).toContain(user.email);
  expect(JSON.stringify(inline)).toContain('Elsa Esporta');
  await expect(section.getByRole('status')).toHaveText('File scaricato.');
  await screenshot(page, 'accounts-profile', info.project.name);
  await expectAccessible(page);

  // Larger than the API answers at once (DATA_EXPORT_INLINE_MAX_BYTES): the API's answer, as it gives it then.
  await page.route('**/graphql', async (route) => {
    if (!route.request().postData()?.includes('query ExportMyData')) return route.fallback();
    await route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        data: null,
        errors: [{ message: 'This export is too large to answer at once', extensions: { code: 'FAILED_PRECONDITION', reason: 'EXPORT_TOO_LARGE', sizeBytes: 2_000_000 } }],
      }),
    });
  });
  await section.getByRole('button', { name: 'Scarica i miei dati' }).click();
  // The worker produces it; the page follows it until it is ready.
  const file = section.getByRole('button', { name: 'Scarica il file' });
  await expect(file).toBeVisible({ timeout: 30_000 });
  await expect(section.getByRole('status')).toHaveText(/Il file è pronto \([\d,]+\s?kB\)\. Si può scaricare una volta sola, entro il/);
  await screenshot(page, 'accounts-export-ready', info.project.name);
  await expectAccessible(page);
  const prepared = await downloaded(page, () => file.click());
  expect(JSON.stringify(prepared)).toContain(user.email);
  await expect(section.getByRole('status')).toHaveText(/File scaricato\. Si può scaricare una volta sola/);
  const exports = await gqlOk(url, `mutation { requestDataExport { id status } }`, {}, user.token);
  expect(exports.requestDataExport.status).toBe('PENDING'); // the downloaded one is spent: a new request is a new export
});

test('delete my account: a wrong password is refused next to the field; the right one erases it after a confirmation', async ({ page }, info) => {
  const user = await signUp(url, { label: 'leaver', displayName: 'Dario Addio' });
  await signIn(page, user, 'Dario Addio');
  await page.goto('/profile');
  const section = page.getByRole('region', { name: "Cancella l'account" });
  const password = section.getByLabel('Password', { exact: true });
  await password.fill('non è la mia password');
  await section.getByRole('button', { name: 'Cancella il mio account' }).click();
  const dialog = page.getByRole('alertdialog', { name: "Cancellare davvero l'account?" });
  await expect(dialog).toBeVisible();
  await screenshot(page, 'accounts-erase-confirm', info.project.name);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Sì, cancella il mio account' }).click();
  await expect(password).toHaveAccessibleDescription('La password (o il codice) non è corretta.');
  await expect(password).toBeFocused();
  await gqlOk(url, SIGN_IN, { i: { email: user.email, password: user.password } }); // still there

  // Cancelling the confirmation erases nothing.
  await password.fill(user.password);
  await section.getByRole('button', { name: 'Cancella il mio account' }).click();
  await dialog.getByRole('button', { name: 'Annulla' }).click();
  await expect(dialog).toHaveCount(0);
  await gqlOk(url, SIGN_IN, { i: { email: user.email, password: user.password } });

  await section.getByRole('button', { name: 'Cancella il mio account' }).click();
  await dialog.getByRole('button', { name: 'Sì, cancella il mio account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Account cancellato' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Accedi' })).toBeVisible();
  await screenshot(page, 'accounts-erased', info.project.name);
  await expectAccessible(page);
  expect((await gql(url, SIGN_IN, { i: { email: user.email, password: user.password } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Accedi' })).toBeVisible();
});
