import { expect, test, type Page } from '@playwright/test';
import type { DataSource } from 'typeorm';
import { TEMPLATES } from '#domain/notifications/notification-catalog.js';
import { openDatabase } from '../helpers/db.js';
import type { TestUser } from '../helpers/factories.js';
import { gqlOk } from '../helpers/graphql.js';
import { everyNotificationKind, type NotificationScenario } from '../helpers/notification-scenario.js';
import { waitFor } from '../helpers/wait.js';
import { expectAccessible, fixture, screenshot } from './fixture.js';

test.use({ baseURL: fixture.baseURL });

// Issue 18.1: the web client routes every Notification.path. An edition where every kind happens (through the real
// API and worker); then, for each kind, one of its recipients opens the path it carries.

const SIGN_IN = `mutation($i: SignInInput!) { signIn(input: $i) { refreshToken } }`;

/** Signs the person in as a reload would find them: a fresh refresh token in the client's storage. */
async function signInAs(page: Page, user: TestUser): Promise<void> {
  const { signIn } = await gqlOk(`${fixture.baseURL}/graphql`, SIGN_IN, { i: { email: user.email, password: user.password } });
  await page.goto('/');
  // Runs in the browser (this file is compiled without the DOM library).
  await page.evaluate(
    (token) => (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage.setItem('climathon.refreshToken', token),
    signIn.refreshToken as string,
  );
}

test.describe('notification paths', () => {
  let db: DataSource;
  let scenario: NotificationScenario;
  /** Per kind: one stored notification and its recipient. */
  const samples = new Map<string, { path: string; user: TestUser }>();

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    db = await openDatabase();
    scenario = await everyNotificationKind(`${fixture.baseURL}/graphql`, db);
    const byId = new Map(scenario.people.map((person) => [person.id, person]));
    await waitFor(
      async () => {
        const rows: { kind: string; path: string; recipient_id: string }[] = await db.query(
          `SELECT DISTINCT ON (kind) kind, path, recipient_id FROM notification WHERE recipient_id = ANY($1::uuid[]) ORDER BY kind, created_at`,
          [[...byId.keys()]],
        );
        for (const row of rows) samples.set(row.kind, { path: row.path, user: byId.get(row.recipient_id)! });
        return Object.keys(TEMPLATES).every((kind) => samples.has(kind));
      },
      { what: 'a notification of every kind', timeoutMs: 60_000 },
    );
  });
  test.afterAll(async () => {
    await db?.destroy();
  });

  for (const kind of Object.keys(TEMPLATES)) {
    test(`${kind}: its path opens a page of the client, not the not-found page`, async ({ page }, info) => {
      const { path, user } = samples.get(kind)!;
      expect([...scenario.expected.get(kind)!]).toContain(path);
      await signInAs(page, user);
      await page.goto(path);
      const heading = page.getByRole('heading', { level: 1 });
      await expect(heading).toBeVisible();
      await expect(page.getByRole('status')).toHaveCount(0); // loaded, not "Caricamento…"
      await expect(heading).not.toHaveText('Pagina non trovata');
      await expect(page.getByRole('heading', { name: 'Pagina non trovata' })).toHaveCount(0);
      await expect(page.getByRole('alert')).toHaveCount(0);
      // Still the page of the path (a signed-out visitor would have been sent to the sign-in page).
      expect(new URL(page.url()).pathname).toBe(path);
      await screenshot(page, `notification-${kind.toLowerCase()}`, info.project.name);
      await expectAccessible(page);
    });
  }
});
