// Helpers of the organizer and sponsor browser tests: a user signs in through the form, as they would.
import { expect, type Page } from '@playwright/test';
import type { TestUser } from '../helpers/factories.js';

export async function signIn(page: Page, user: TestUser, displayName: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email o nome utente').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('link', { name: displayName })).toBeVisible();
}

/** The value of a `datetime-local` input for `ms` from now, in the browser's (the machine's) time zone. */
export function localInput(ms: number): string {
  const date = new Date(Date.now() + ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const DAY = 86_400_000;

/** A run-unique suffix, so names stay distinct across the tests of one database. */
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
