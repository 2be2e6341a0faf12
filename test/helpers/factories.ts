import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { gqlOk } from './graphql.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
}

let counter = 0;
let defaultLocale = 'it';
/** The language of the users signUp creates when the caller names none (every factory signs its people up through it). */
export function setDefaultLocale(locale: 'it' | 'en'): void {
  defaultLocale = locale;
}
export const uniqueEmail = (label = 'user') => `${label}.${Date.now().toString(36)}.${++counter}.${randomBytes(2).toString('hex')}@example.test`;

/** Signs a new user up through the API and returns their tokens. */
export async function signUp(url: string, overrides: { email?: string; displayName?: string; locale?: string; label?: string; unverified?: boolean } = {}): Promise<TestUser> {
  const email = overrides.email ?? uniqueEmail(overrides.label);
  const password = 'correct horse battery';
  const data = await gqlOk(url, `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken user { id } } }`, {
    input: { email, password, displayName: overrides.displayName ?? overrides.label ?? 'Test User', locale: overrides.locale ?? defaultLocale },
  });
  if (!overrides.unverified) await markVerified(data.signUp.user.id);
  return { id: data.signUp.user.id, email, password, token: data.signUp.accessToken, refreshToken: data.signUp.refreshToken };
}

let verifier: pg.Pool | null = null;

/**
 * Unverified accounts get no email but the verification (docs/rules.md), so the factory's users are verified, as a user
 * who clicked the link would be; the link itself is tested in test/identity-flows.e2e-spec.ts.
 */
export async function markVerified(userId: string): Promise<void> {
  if (!verifier) {
    verifier = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1, idleTimeoutMillis: 1000, allowExitOnIdle: true });
    verifier.on('error', () => undefined);
  }
  await verifier.query('UPDATE app_user SET email_verified_at = now() WHERE id = $1 AND email_verified_at IS NULL', [userId]);
}

export async function createOrganization(url: string, owner: TestUser, input: { name?: string; kind?: string; city?: string; district?: string } = {}): Promise<string> {
  const data = await gqlOk(
    url,
    `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    { input: { name: input.name ?? `Org ${++counter}`, kind: input.kind ?? 'SCHOOL', city: input.city, district: input.district } },
    owner.token,
  );
  return data.createOrganization.id;
}

export const INVITE_MEMBER = `mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) { id } }`;
export const ACCEPT_INVITATION = `mutation($org: ID!) { acceptOrganizationInvitation(organizationId: $org) { id } }`;
export const DECLINE_INVITATION = `mutation($org: ID!) { declineOrganizationInvitation(organizationId: $org) { id status } }`;
export const WITHDRAW_INVITATION = `mutation($org: ID!, $user: ID!) { withdrawOrganizationInvitation(organizationId: $org, userId: $user) { id status } }`;

/** The owner invites the user (addOrganizationMember records a PENDING invitation; it counts for nothing yet). */
export async function inviteMember(url: string, owner: TestUser, organizationId: string, member: Pick<TestUser, 'email'>, role = 'MEMBER'): Promise<void> {
  await gqlOk(url, INVITE_MEMBER, { input: { organizationId, email: member.email, role } }, owner.token);
}

/** The invitee accepts their pending invitation: from now on a member. */
export async function acceptInvitation(url: string, member: TestUser, organizationId: string): Promise<void> {
  await gqlOk(url, ACCEPT_INVITATION, { org: organizationId }, member.token);
}

/** A member for good: the owner invites, the invitee accepts (docs/rules.md "Membership is by invitation"). */
export async function addMember(url: string, owner: TestUser, organizationId: string, member: TestUser, role = 'MEMBER'): Promise<void> {
  await inviteMember(url, owner, organizationId, member, role);
  await acceptInvitation(url, member, organizationId);
}
