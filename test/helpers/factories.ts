import { randomBytes } from 'node:crypto';
import { gqlOk } from './graphql.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
}

let counter = 0;
export const uniqueEmail = (label = 'user') => `${label}.${Date.now().toString(36)}.${++counter}.${randomBytes(2).toString('hex')}@example.test`;

/** Signs a new user up through the API and returns their tokens. */
export async function signUp(url: string, overrides: { email?: string; displayName?: string; locale?: string; label?: string } = {}): Promise<TestUser> {
  const email = overrides.email ?? uniqueEmail(overrides.label);
  const password = 'correct horse battery';
  const data = await gqlOk(
    url,
    `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken user { id } } }`,
    { input: { email, password, displayName: overrides.displayName ?? overrides.label ?? 'Test User', locale: overrides.locale ?? 'it' } },
  );
  return { id: data.signUp.user.id, email, password, token: data.signUp.accessToken, refreshToken: data.signUp.refreshToken };
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

export async function addMember(url: string, owner: TestUser, organizationId: string, member: TestUser, role = 'MEMBER'): Promise<void> {
  await gqlOk(
    url,
    `mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) { id } }`,
    { input: { organizationId, email: member.email, role } },
    owner.token,
  );
}
