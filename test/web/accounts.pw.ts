import { expect, test, type Page } from '@playwright/test';
import { gqlOk } from '../helpers/graphql.js';
import { signUp } from '../helpers/factories.js';
import { expectAccessible, fixture, screenshot } from './fixture.js';

test.use({ baseURL: fixture.baseURL });

const email = () => `web.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 6)}@example.test`;

async function signInThroughForm(page: Page, account: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email o nome utente').fill(account);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
}

test('sign up, sign out, sign in again, and the session survives a reload', async ({ page }, info) => {
  const address = email();
  await page.goto('/sign-up');
  await screenshot(page, 'sign-up', info.project.name);
  await expectAccessible(page);
  await page.getByLabel('Nome visualizzato').fill('Marta Rossi');
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill('una password lunga');
  await page.getByRole('button', { name: 'Registrati' }).click();
  await expect(page.getByRole('link', { name: 'Marta Rossi' })).toBeVisible();

  await page.reload(); // the access token was in memory only: the stored refresh token signs the tab in again
  await expect(page.getByRole('link', { name: 'Marta Rossi' })).toBeVisible();

  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page.getByRole('link', { name: 'Accedi' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Accedi' })).toBeVisible();

  await signInThroughForm(page, address, 'una password sbagliata');
  await expect(page.getByRole('alert')).toHaveText('Email (o nome utente) o password non corretti.');
  await screenshot(page, 'sign-in-error', info.project.name);
  await expectAccessible(page);
  await page.getByLabel('Password').fill('una password lunga');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('link', { name: 'Marta Rossi' })).toBeVisible();

  await page.getByRole('link', { name: 'Marta Rossi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Il tuo profilo' })).toBeVisible();
  await screenshot(page, 'profile', info.project.name);
  await expectAccessible(page);
  await page.locator('label.radio', { hasText: 'English' }).click();
  await expect(page.getByRole('radio', { name: 'English' })).toBeChecked();
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
});

test("the API's field error is shown in Italian next to the field it names", async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Nome visualizzato').fill('Luca Bianchi');
  await page.getByLabel('Email').fill(email());
  await page.getByLabel('Password').fill('corta'); // the client does not check the length: the API does
  await page.getByRole('button', { name: 'Registrati' }).click();
  const password = page.getByRole('textbox', { name: 'Password' });
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await password.getAttribute('aria-describedby');
  const message = page.locator(`[id="${describedBy?.split(' ').find((id) => id)}"]`);
  await expect(page.locator('.field', { has: password }).locator('.field-error')).toHaveText('La password deve avere almeno 10 caratteri.');
  expect(describedBy).toBeTruthy();
  await expect(message.or(page.locator('.field-error'))).toBeVisible();
});

test('a roster student signs in with the username and code of the sheet', async ({ page }, info) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: /Accedi con il codice/ }).click();
  // The sign-in page's "Email o nome utente" also contains "Nome utente": fill only once the code page is there.
  await expect(page.getByRole('heading', { name: 'Accedi con il codice' })).toBeVisible();
  await page.getByLabel('Nome utente', { exact: true }).fill(fixture.student.username);
  await page.getByLabel('Codice di accesso', { exact: true }).fill(fixture.student.code);
  await screenshot(page, 'code-sign-in', info.project.name);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('link', { name: fixture.student.displayName })).toBeVisible();
});

test("the bell's unread count follows new notifications live, and reading them clears it", async ({ page }, info) => {
  await signInThroughForm(page, fixture.coach.email, fixture.coach.password);
  const bell = page.getByRole('link', { name: /^Notifiche/ });
  await expect(bell).toBeVisible();
  const before = Number(
    (await page
      .getByTestId('unread-count')
      .textContent({ timeout: 2000 })
      .catch(() => '0')) ?? 0,
  );

  // A student joins the coach's team through the API: TEAM_MEMBER_JOINED reaches the coach through the worker.
  const newcomer = await signUp(`${fixture.baseURL}/graphql`, { label: 'joiner', displayName: 'Nuovo Studente' });
  await gqlOk(`${fixture.baseURL}/graphql`, `mutation($code: String!) { joinTeam(joinCode: $code) { id } }`, { code: fixture.coach.teamJoinCode }, newcomer.token);
  await expect(page.getByTestId('unread-count')).toHaveText(String(before + 1));
  await expect(bell).toHaveAttribute('aria-label', `Notifiche, ${before + 1} da leggere`);

  await bell.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifiche' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Nuovo Studente' }).first()).toBeVisible();
  await screenshot(page, 'notifications', info.project.name);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Segna tutte come lette' }).click();
  await expect(page.getByTestId('unread-count')).toHaveCount(0);
});
