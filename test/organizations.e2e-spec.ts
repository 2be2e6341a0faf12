import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import { openDatabase } from './helpers/db.js';
import { acceptInvitation, addMember, createOrganization, signUp, type TestUser } from './helpers/factories.js';
import { gqlError, gqlOk } from './helpers/graphql.js';

const CREATE = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name kind city district sector website members { role user { id email } } } }`;
const ADD = `mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) { id members { role user { id } } } }`;
const GET = `query($id: ID!) { organization(id: $id) { id name members { role user { id displayName email } } } }`;
const LIST = `query($first: Int, $after: String, $kind: OrganizationKind, $search: String) {
  organizations(first: $first, after: $after, kind: $kind, search: $search) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name kind } } }
}`;

describe('organizations', () => {
  let api: RunningApi;
  let db: DataSource;
  let owner: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
    owner = await signUp(api.url, { label: 'preside' });
    admin = await signUp(api.url, { label: 'admin' });
    await db.query(`UPDATE app_user SET is_admin = true WHERE id = $1`, [admin.id]);
    // Admin rights travel in the access token: sign in again to get one that carries them.
    const signedIn = await gqlOk(api.url, `mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`, { i: { email: admin.email, password: admin.password } });
    admin.token = signedIn.signIn.accessToken;
  });
  afterAll(async () => {
    await api.close();
    await db.destroy();
  });

  it('creates an organization with the caller as OWNER', async () => {
    const input = { name: 'ITIS Marconi', kind: 'SCHOOL', city: 'Bologna', district: 'Pianura Est', sector: 'Istruzione', website: 'https://itis.example.it' };
    const data = await gqlOk(api.url, CREATE, { input }, owner.token);
    expect(data.createOrganization).toMatchObject(input);
    expect(data.createOrganization.members).toEqual([{ role: 'OWNER', user: { id: owner.id, email: owner.email } }]);
  });

  it.each([
    ['name', { name: '' }],
    ['name', { name: 'x'.repeat(201) }],
    ['website', { website: 'javascript:alert(1)' }],
    ['city', { city: 'c'.repeat(121) }],
  ])('refuses an invalid %s with BAD_USER_INPUT and stores nothing', async (field, override) => {
    const before = await db.query(`SELECT count(*)::int AS n FROM organization`);
    const error = await gqlError(api.url, CREATE, { input: { name: 'Valid', kind: 'COMPANY', ...override } }, owner.token);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect((await db.query(`SELECT count(*)::int AS n FROM organization`))[0].n).toBe(before[0].n);
  });

  it('refuses anonymous creation', async () => {
    expect((await gqlError(api.url, CREATE, { input: { name: 'Anon', kind: 'OTHER' } })).code).toBe('UNAUTHENTICATED');
  });

  it('lets an owner invite members, who join on accepting; members see the member list, others see it empty', async () => {
    const organizationId = await createOrganization(api.url, owner, { name: 'Liceo Righi' });
    const teacher = await signUp(api.url, { label: 'prof' });
    const outsider = await signUp(api.url, { label: 'outsider' });
    const data = await gqlOk(api.url, ADD, { input: { organizationId, email: teacher.email.toUpperCase() } }, owner.token);
    // An invitation, not yet a membership (test/invitations.e2e-spec.ts covers every rule of invitations).
    expect(data.addOrganizationMember.members).toHaveLength(1);
    expect((await gqlOk(api.url, GET, { id: organizationId }, teacher.token)).organization.members).toEqual([]);
    await acceptInvitation(api.url, teacher, organizationId);

    const asTeacher = await gqlOk(api.url, GET, { id: organizationId }, teacher.token);
    expect(asTeacher.organization.members.map((m: any) => m.role).sort()).toEqual(['MEMBER', 'OWNER']);
    // Emails stay private even among members: only the user themself and admins see one.
    const ownerSeenByTeacher = asTeacher.organization.members.find((m: any) => m.user.id === owner.id);
    expect(ownerSeenByTeacher.user.email).toBeNull();
    expect((await gqlOk(api.url, GET, { id: organizationId }, outsider.token)).organization.members).toEqual([]);
    expect((await gqlOk(api.url, GET, { id: organizationId })).organization.members).toEqual([]);
    const asAdmin = await gqlOk(api.url, GET, { id: organizationId }, admin.token);
    expect(asAdmin.organization.members).toHaveLength(2);
    expect(asAdmin.organization.members.every((m: any) => m.user.email)).toBe(true);
  });

  it('answers addOrganizationMember with FORBIDDEN for a plain member, NOT_FOUND for unknown users or organizations, CONFLICT for a duplicate', async () => {
    const organizationId = await createOrganization(api.url, owner, { name: 'Azienda Verde', kind: 'COMPANY' });
    const member = await signUp(api.url, { label: 'member' });
    const other = await signUp(api.url, { label: 'other' });
    await addMember(api.url, owner, organizationId, member);
    expect((await gqlError(api.url, ADD, { input: { organizationId, email: other.email } }, member.token)).code).toBe('FORBIDDEN');
    expect((await gqlError(api.url, ADD, { input: { organizationId, email: 'nobody@example.test' } }, owner.token)).code).toBe('NOT_FOUND');
    expect((await gqlError(api.url, ADD, { input: { organizationId: '00000000-0000-4000-8000-000000000000', email: other.email } }, owner.token)).code).toBe('NOT_FOUND');
    expect((await gqlError(api.url, ADD, { input: { organizationId: 'not-a-uuid', email: other.email } }, owner.token)).code).toBe('NOT_FOUND');
    expect((await gqlError(api.url, ADD, { input: { organizationId, email: member.email } }, owner.token)).code).toBe('CONFLICT');
    expect(await gqlError(api.url, ADD, { input: { organizationId, email: 'bad' } }, owner.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    // An admin may invite members into any organization; the role comes with the accepted invitation.
    await gqlOk(api.url, ADD, { input: { organizationId, email: other.email, role: 'OWNER' } }, admin.token);
    await acceptInvitation(api.url, other, organizationId);
    const rows = await db.query(`SELECT role FROM organization_member WHERE organization_id = $1 AND user_id = $2`, [organizationId, other.id]);
    expect(rows).toEqual([{ role: 'OWNER' }]);
  });

  it('lists organizations by name with keyset cursors, totalCount, kind and search filters', async () => {
    const tag = `Zeta${Date.now().toString(36)}`;
    for (const [name, kind] of [
      [`${tag} Alfa`, 'SCHOOL'],
      [`${tag} Beta`, 'COMPANY'],
      [`${tag} Gamma`, 'SCHOOL'],
      [`${tag} Delta 100%`, 'SCHOOL'],
    ] as const) {
      await createOrganization(api.url, owner, { name, kind });
    }
    const all = await gqlOk(api.url, LIST, { first: 2, search: tag });
    expect(all.organizations.totalCount).toBe(4);
    expect(all.organizations.edges.map((e: any) => e.node.name)).toEqual([`${tag} Alfa`, `${tag} Beta`]);
    const next = await gqlOk(api.url, LIST, { first: 2, search: tag, after: all.organizations.pageInfo.endCursor });
    expect(next.organizations.edges.map((e: any) => e.node.name)).toEqual([`${tag} Delta 100%`, `${tag} Gamma`]);
    expect(next.organizations.pageInfo.hasNextPage).toBe(false);
    const schools = await gqlOk(api.url, LIST, { search: tag, kind: 'SCHOOL' });
    expect(schools.organizations.totalCount).toBe(3);
    // LIKE wildcards in the search are literal.
    expect((await gqlOk(api.url, LIST, { search: `${tag} Delta 100%` })).organizations.totalCount).toBe(1);
    expect((await gqlOk(api.url, LIST, { search: `${tag}%` })).organizations.totalCount).toBe(0);
  });

  it('refuses page sizes outside 1..100 and malformed cursors', async () => {
    expect(await gqlError(api.url, LIST, { first: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await gqlError(api.url, LIST, { first: 101 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await gqlError(api.url, LIST, { after: 'garbage' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it("myOrganizations lists the viewer's own organizations by name, of any role, filtered by kind; never others'", async () => {
    const MINE = `query($kind: OrganizationKind) { myOrganizations(kind: $kind) { id name kind } }`;
    const member = await signUp(api.url, { label: 'mine' });
    const outsider = await signUp(api.url, { label: 'notmine' });
    expect((await gqlOk(api.url, MINE, {}, member.token)).myOrganizations).toEqual([]);
    const company = await createOrganization(api.url, member, { name: 'Zanella Impianti', kind: 'COMPANY' });
    const promoter = await createOrganization(api.url, owner, { name: 'Agenzia Innovazione', kind: 'PROMOTER' });
    await addMember(api.url, owner, promoter, member);
    await createOrganization(api.url, outsider, { name: 'Altra Impresa', kind: 'COMPANY' });
    expect((await gqlOk(api.url, MINE, {}, member.token)).myOrganizations).toEqual([
      { id: promoter, name: 'Agenzia Innovazione', kind: 'PROMOTER' },
      { id: company, name: 'Zanella Impianti', kind: 'COMPANY' },
    ]);
    expect((await gqlOk(api.url, MINE, { kind: 'COMPANY' }, member.token)).myOrganizations.map((o: any) => o.id)).toEqual([company]);
    expect((await gqlOk(api.url, MINE, { kind: 'SCHOOL' }, member.token)).myOrganizations).toEqual([]);
    expect((await gqlError(api.url, MINE, {})).code).toBe('UNAUTHENTICATED');
  });

  it('answers NOT_FOUND for an unknown organization', async () => {
    expect((await gqlError(api.url, GET, { id: '00000000-0000-4000-8000-000000000000' })).code).toBe('NOT_FOUND');
  });
});
