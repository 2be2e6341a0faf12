// Membership by invitation (issue 17.5, docs/rules.md "Membership is by invitation"): addOrganizationMember records an
// invitation the invitee accepts or declines, an owner may withdraw it, and until accepted it counts for nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ASSIGN_TUTOR, accept, adoptableIdea, COMPANY_ADOPTIONS, company, propose } from './helpers/adoption-factories.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { CREATE_CHALLENGE, CREATE_TEAM, challengeInput, createChallenge, HOUR, makeAdmin, publishedChallenge, school } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import {
  ACCEPT_INVITATION,
  acceptInvitation,
  addMember,
  createOrganization,
  DECLINE_INVITATION,
  INVITE_MEMBER,
  inviteMember,
  signUp,
  WITHDRAW_INVITATION,
  type TestUser,
} from './helpers/factories.js';
import { gql, gqlError, gqlOk } from './helpers/graphql.js';
import { addJuror, assignmentRows, startJudging } from './helpers/judging-factories.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const FIELDS = `id role status createdAt decidedAt organization { id name } invitee { id displayName } invitedBy { id displayName }`;
const ORGANIZATION = `query($id: ID!) { organization(id: $id) { id invitations { ${FIELDS} } members { role user { id } } } }`;
const MINE = `{ myInvitations { ${FIELDS} } me { id invitations { id } memberships { role organization { id } } } }`;
const DECLINE = `mutation($org: ID!) { declineOrganizationInvitation(organizationId: $org) { ${FIELDS} } }`;
const WITHDRAW = `mutation($org: ID!, $user: ID!) { withdrawOrganizationInvitation(organizationId: $org, userId: $user) { ${FIELDS} } }`;

describe('organization invitations', () => {
  let api: RunningApi;
  let db: DataSource;
  let admin: TestUser;

  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
    admin = await makeAdmin(api.url, db, await signUp(api.url, { label: 'admin' }));
  });
  afterAll(async () => {
    await api.close();
    await db.destroy();
  });

  /** An organization with its owner and a plain member (accepted). */
  async function organization(kind = 'SCHOOL', name = `Istituto ${Math.random().toString(36).slice(2, 7)}`) {
    const owner = await signUp(api.url, { label: 'owner' });
    const organizationId = await createOrganization(api.url, owner, { kind, name });
    const member = await signUp(api.url, { label: 'member' });
    await addMember(api.url, owner, organizationId, member);
    return { owner, organizationId, member, name };
  }

  /** Everything an invitation call may change: invitations, memberships and outbox events of the organization. */
  const snapshot = async (organizationId: string) =>
    db.query(
      `SELECT (SELECT json_agg(i ORDER BY i.id) FROM organization_invitation i WHERE i.organization_id = $1) AS invitations,
              (SELECT json_agg(m ORDER BY m.user_id) FROM organization_member m WHERE m.organization_id = $1) AS members,
              (SELECT count(*)::int FROM outbox_event e WHERE e.payload->>'organizationId' = $1::text) AS events`,
      [organizationId],
    );
  const invitationRows = (organizationId: string, inviteeId: string) =>
    db.query(`SELECT status, role, invited_by_id, decided_at, decided_by_id FROM organization_invitation WHERE organization_id = $1 AND invitee_id = $2 ORDER BY created_at`, [
      organizationId,
      inviteeId,
    ]);

  describe('addOrganizationMember (invite)', () => {
    it('records a PENDING invitation with who invited whom and when, tells the invitee, and makes nobody a member', async () => {
      const { owner, organizationId, member, name } = await organization();
      const invitee = await signUp(api.url, { label: 'invitee', displayName: 'Prof Bianchi' });
      const answer = await gqlOk(
        api.url,
        `mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) { id name } }`,
        {
          input: { organizationId, email: invitee.email.toUpperCase(), role: 'OWNER' },
        },
        owner.token,
      );
      expect(answer.addOrganizationMember).toEqual({ id: organizationId, name });

      const [row] = await db.query(`SELECT * FROM organization_invitation WHERE organization_id = $1 AND invitee_id = $2`, [organizationId, invitee.id]);
      expect(row).toMatchObject({ status: 'PENDING', role: 'OWNER', invited_by_id: owner.id, decided_at: null, decided_by_id: null });
      expect(row.created_at).toBeInstanceOf(Date);
      expect(await db.query(`SELECT 1 FROM organization_member WHERE organization_id = $1 AND user_id = $2`, [organizationId, invitee.id])).toEqual([]);
      const [event] = await db.query(`SELECT type, payload FROM outbox_event WHERE payload->>'invitationId' = $1`, [row.id]);
      expect(event).toEqual({ type: 'organization.member_added', payload: { organizationId, userId: invitee.id, role: 'OWNER', addedBy: owner.id, invitationId: row.id } });

      // The owner and admins see it pending on the organization; the invitee in their own lists; nobody else.
      const expected = {
        id: row.id,
        role: 'OWNER',
        status: 'PENDING',
        decidedAt: null,
        organization: { id: organizationId, name },
        invitee: { id: invitee.id, displayName: 'Prof Bianchi' },
        invitedBy: { id: owner.id, displayName: expect.any(String) },
      };
      for (const viewer of [owner, admin]) {
        expect((await gqlOk(api.url, ORGANIZATION, { id: organizationId }, viewer.token)).organization.invitations).toEqual([{ ...expected, createdAt: expect.any(String) }]);
      }
      for (const viewer of [member, invitee, undefined]) {
        expect((await gqlOk(api.url, ORGANIZATION, { id: organizationId }, viewer?.token)).organization.invitations).toEqual([]);
      }
      const mine = await gqlOk(api.url, MINE, {}, invitee.token);
      expect(mine.myInvitations).toEqual([{ ...expected, createdAt: new Date(row.created_at).toISOString() }]);
      expect(mine.me.invitations).toEqual([{ id: row.id }]);
      expect(mine.me.memberships).toEqual([]);
      expect((await gqlOk(api.url, MINE, {}, member.token)).myInvitations).toEqual([]);
    });

    it('refuses a second pending invitation of the same person with CONFLICT, and changes nothing', async () => {
      const { owner, organizationId } = await organization();
      const invitee = await signUp(api.url, { label: 'twice' });
      await inviteMember(api.url, owner, organizationId, invitee);
      const before = await snapshot(organizationId);
      const error = await gqlError(api.url, INVITE_MEMBER, { input: { organizationId, email: invitee.email, role: 'OWNER' } }, owner.token);
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toMatch(/ha già un invito in attesa|already has a pending invitation/);
      expect(await snapshot(organizationId)).toEqual(before);
    });

    it('answers UNAUTHENTICATED, FORBIDDEN (not an owner), NOT_FOUND (organization, user), BAD_USER_INPUT and CONFLICT (a member), changing nothing', async () => {
      const { owner, organizationId, member } = await organization();
      const invitee = await signUp(api.url, { label: 'pending' });
      await inviteMember(api.url, owner, organizationId, invitee);
      const other = await signUp(api.url, { label: 'other' });
      const outsider = await signUp(api.url, { label: 'outsider' });
      const before = await snapshot(organizationId);
      const invite = (input: Record<string, unknown>, user?: TestUser) =>
        gqlError(api.url, INVITE_MEMBER, { input: { organizationId, email: other.email, ...input } }, user?.token);
      expect((await invite({})).code).toBe('UNAUTHENTICATED');
      for (const user of [member, invitee, outsider]) expect((await invite({}, user)).code).toBe('FORBIDDEN');
      expect((await invite({ organizationId: UNKNOWN }, owner)).code).toBe('NOT_FOUND');
      expect((await invite({ organizationId: 'not-a-uuid' }, owner)).code).toBe('NOT_FOUND');
      expect((await invite({ email: 'nobody@example.test' }, owner)).code).toBe('NOT_FOUND');
      expect(await invite({ email: 'not an email' }, owner)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
      expect((await invite({ email: member.email }, owner)).code).toBe('CONFLICT');
      expect((await invite({ email: owner.email }, owner)).code).toBe('CONFLICT');
      expect(await snapshot(organizationId)).toEqual(before);
    });

    it('lets a platform admin invite into any organization', async () => {
      const { organizationId } = await organization();
      const invitee = await signUp(api.url, { label: 'by-admin' });
      await inviteMember(api.url, admin, organizationId, invitee, 'OWNER');
      expect(await invitationRows(organizationId, invitee.id)).toEqual([{ status: 'PENDING', role: 'OWNER', invited_by_id: admin.id, decided_at: null, decided_by_id: null }]);
    });
  });

  describe('acceptOrganizationInvitation', () => {
    it("makes the invitee a member with the invitation's role, keeps the invitation ACCEPTED with when and by whom", async () => {
      const { owner, organizationId, name } = await organization('COMPANY');
      const invitee = await signUp(api.url, { label: 'accepts' });
      await inviteMember(api.url, owner, organizationId, invitee, 'OWNER');
      // The decision's time comes from the clock.
      const decidedAt = new Date(Date.now() + HOUR);
      api.clock.set(decidedAt);
      const answer = await gqlOk(
        api.url,
        `mutation($org: ID!) { acceptOrganizationInvitation(organizationId: $org) { id name members { role user { id } } } }`,
        { org: organizationId },
        invitee.token,
      ).finally(() => api.clock.set(new Date()));
      expect(answer.acceptOrganizationInvitation).toMatchObject({ id: organizationId, name });
      expect(answer.acceptOrganizationInvitation.members).toContainEqual({ role: 'OWNER', user: { id: invitee.id } });
      expect(await invitationRows(organizationId, invitee.id)).toEqual([
        { status: 'ACCEPTED', role: 'OWNER', invited_by_id: owner.id, decided_at: decidedAt, decided_by_id: invitee.id },
      ]);
      const mine = await gqlOk(api.url, MINE, {}, invitee.token);
      expect(mine.myInvitations).toEqual([]);
      expect(mine.me.memberships).toEqual([{ role: 'OWNER', organization: { id: organizationId } }]);
      expect((await gqlOk(api.url, ORGANIZATION, { id: organizationId }, owner.token)).organization.invitations).toEqual([]);
      // As an owner now, the new member invites in turn.
      const next = await signUp(api.url, { label: 'next' });
      await inviteMember(api.url, invitee, organizationId, next);
    });

    it('answers NOT_FOUND (the invitation) alike without a pending invitation, for an unknown or malformed organization, and after a decision; UNAUTHENTICATED anonymously', async () => {
      const { owner, organizationId, member } = await organization();
      const invitee = await signUp(api.url, { label: 'once' });
      const outsider = await signUp(api.url, { label: 'uninvited' });
      await inviteMember(api.url, owner, organizationId, invitee);
      const before = await snapshot(organizationId);
      const unknown = await gqlError(api.url, ACCEPT_INVITATION, { org: UNKNOWN }, outsider.token);
      expect(unknown).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/invito|invitation/) });
      for (const [user, org] of [
        [outsider, organizationId],
        [member, organizationId],
        [owner, organizationId],
        [outsider, 'not-a-uuid'],
      ] as const) {
        expect(await gqlError(api.url, ACCEPT_INVITATION, { org }, user.token)).toEqual(unknown);
      }
      expect((await gqlError(api.url, ACCEPT_INVITATION, { org: organizationId })).code).toBe('UNAUTHENTICATED');
      expect(await snapshot(organizationId)).toEqual(before);
      await acceptInvitation(api.url, invitee, organizationId);
      expect(await gqlError(api.url, ACCEPT_INVITATION, { org: organizationId }, invitee.token)).toEqual(unknown);
    });

    it('is taken once when two accepts race: one membership, one decision', async () => {
      const { owner, organizationId } = await organization();
      const invitee = await signUp(api.url, { label: 'racer' });
      await inviteMember(api.url, owner, organizationId, invitee);
      const answers = await Promise.all([0, 1, 2].map(() => gql(api.url, ACCEPT_INVITATION, { org: organizationId }, invitee.token)));
      expect(answers.filter((a) => !a.errors).length).toBe(1);
      expect(answers.filter((a) => a.errors).map((a) => a.errors![0]!.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
      expect(await db.query(`SELECT role FROM organization_member WHERE organization_id = $1 AND user_id = $2`, [organizationId, invitee.id])).toEqual([{ role: 'MEMBER' }]);
    });
  });

  describe('declineOrganizationInvitation', () => {
    it('keeps the invitation DECLINED and makes nobody a member; the owner may invite again, the history stays', async () => {
      const { owner, organizationId } = await organization();
      const invitee = await signUp(api.url, { label: 'declines' });
      await inviteMember(api.url, owner, organizationId, invitee);
      const declined = (await gqlOk(api.url, DECLINE, { org: organizationId }, invitee.token)).declineOrganizationInvitation;
      expect(declined).toMatchObject({ status: 'DECLINED', role: 'MEMBER', invitee: { id: invitee.id }, invitedBy: { id: owner.id }, decidedAt: api.clock.now().toISOString() });
      expect(await db.query(`SELECT 1 FROM organization_member WHERE organization_id = $1 AND user_id = $2`, [organizationId, invitee.id])).toEqual([]);
      expect((await gqlOk(api.url, MINE, {}, invitee.token)).myInvitations).toEqual([]);
      expect((await gqlError(api.url, ACCEPT_INVITATION, { org: organizationId }, invitee.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, DECLINE_INVITATION, { org: organizationId }, invitee.token)).code).toBe('NOT_FOUND');

      await inviteMember(api.url, owner, organizationId, invitee, 'OWNER');
      await acceptInvitation(api.url, invitee, organizationId);
      expect((await invitationRows(organizationId, invitee.id)).map((r: { status: string; role: string }) => [r.status, r.role])).toEqual([
        ['DECLINED', 'MEMBER'],
        ['ACCEPTED', 'OWNER'],
      ]);
    });

    it('answers NOT_FOUND to anyone but the invitee, UNAUTHENTICATED anonymously, changing nothing', async () => {
      const { owner, organizationId, member } = await organization();
      const invitee = await signUp(api.url, { label: 'undecided' });
      await inviteMember(api.url, owner, organizationId, invitee);
      const before = await snapshot(organizationId);
      for (const user of [owner, member, admin]) expect((await gqlError(api.url, DECLINE_INVITATION, { org: organizationId }, user.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, DECLINE_INVITATION, { org: 'nope' }, invitee.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, DECLINE_INVITATION, { org: organizationId })).code).toBe('UNAUTHENTICATED');
      expect(await snapshot(organizationId)).toEqual(before);
    });
  });

  describe('withdrawOrganizationInvitation', () => {
    it('lets an owner (or an admin) withdraw a pending invitation: kept WITHDRAWN, no longer acceptable', async () => {
      const { owner, organizationId } = await organization();
      const invitee = await signUp(api.url, { label: 'withdrawn' });
      await inviteMember(api.url, owner, organizationId, invitee);
      const withdrawn = (await gqlOk(api.url, WITHDRAW, { org: organizationId, user: invitee.id }, owner.token)).withdrawOrganizationInvitation;
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', invitee: { id: invitee.id }, invitedBy: { id: owner.id } });
      expect((await invitationRows(organizationId, invitee.id))[0]).toMatchObject({ status: 'WITHDRAWN', decided_by_id: owner.id });
      expect((await gqlError(api.url, ACCEPT_INVITATION, { org: organizationId }, invitee.token)).code).toBe('NOT_FOUND');
      expect((await gqlOk(api.url, MINE, {}, invitee.token)).myInvitations).toEqual([]);
      expect((await gqlError(api.url, WITHDRAW_INVITATION, { org: organizationId, user: invitee.id }, owner.token)).code).toBe('NOT_FOUND');

      await inviteMember(api.url, owner, organizationId, invitee);
      expect((await gqlOk(api.url, WITHDRAW_INVITATION, { org: organizationId, user: invitee.id }, admin.token)).withdrawOrganizationInvitation.status).toBe('WITHDRAWN');
    });

    it('answers FORBIDDEN to non-owners (the invitee included), NOT_FOUND for unknown ids, UNAUTHENTICATED anonymously, changing nothing', async () => {
      const { owner, organizationId, member } = await organization();
      const invitee = await signUp(api.url, { label: 'kept' });
      const outsider = await signUp(api.url, { label: 'meddler' });
      await inviteMember(api.url, owner, organizationId, invitee);
      const before = await snapshot(organizationId);
      const withdraw = (vars: Record<string, unknown>, user?: TestUser) => gqlError(api.url, WITHDRAW_INVITATION, { org: organizationId, user: invitee.id, ...vars }, user?.token);
      for (const user of [member, invitee, outsider]) expect((await withdraw({}, user)).code).toBe('FORBIDDEN');
      expect((await withdraw({})).code).toBe('UNAUTHENTICATED');
      expect((await withdraw({ org: UNKNOWN }, owner)).code).toBe('NOT_FOUND');
      expect((await withdraw({ user: UNKNOWN }, owner)).code).toBe('NOT_FOUND');
      expect((await withdraw({ user: 'x' }, owner)).code).toBe('NOT_FOUND');
      expect((await withdraw({ user: member.id }, owner)).code).toBe('NOT_FOUND');
      expect(await snapshot(organizationId)).toEqual(before);
    });
  });

  describe('an invitation counts for nothing', () => {
    it('shows the invitee nothing of the organization: members, agreement, followed themes, adoptions', async () => {
      const { owner, organizationId } = await organization('COMPANY');
      await gqlOk(api.url, `mutation($org: ID!) { followTheme(organizationId: $org, theme: "Energia") { id } }`, { org: organizationId }, owner.token);
      const invitee = await signUp(api.url, { label: 'curious' });
      await inviteMember(api.url, owner, organizationId, invitee);
      const PRIVATE = `query($id: ID!) { organization(id: $id) { members { user { id } } followedThemes invitations { id } } }`;
      expect((await gqlOk(api.url, PRIVATE, { id: organizationId }, invitee.token)).organization).toEqual({ members: [], followedThemes: [], invitations: [] });
      expect((await gqlError(api.url, COMPANY_ADOPTIONS, { companyId: organizationId }, invitee.token)).code).toBe('FORBIDDEN');
      const { owner: teacher, organizationId: schoolId } = await organization('SCHOOL');
      await gqlOk(api.url, `mutation($org: ID!) { acceptDataProcessingAgreement(organizationId: $org, version: "2025-1") { version } }`, { org: schoolId }, teacher.token);
      await inviteMember(api.url, teacher, schoolId, invitee, 'OWNER');
      expect((await gqlOk(api.url, `query($id: ID!) { organization(id: $id) { dataProcessingAgreement { version } } }`, { id: schoolId }, invitee.token)).organization).toEqual({
        dataProcessingAgreement: null,
      });
      // Even invited as OWNER: no owner's powers before accepting.
      expect((await gqlError(api.url, INVITE_MEMBER, { input: { organizationId: schoolId, email: admin.email } }, invitee.token)).code).toBe('FORBIDDEN');
    });

    it('makes nobody an organizer of the promoter', async () => {
      const { organizer, promoterId } = await publishedChallenge(api.url);
      const draft = await createChallenge(api.url, organizer, promoterId, { title: 'Bozza riservata' });
      const invitee = await signUp(api.url, { label: 'would-organize' });
      await inviteMember(api.url, organizer, promoterId, invitee);
      expect((await gqlError(api.url, `query($id: ID!) { challenge(id: $id) { id } }`, { id: draft.id }, invitee.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, CREATE_CHALLENGE, { input: challengeInput(promoterId) }, invitee.token)).code).toBe('FORBIDDEN');
      await acceptInvitation(api.url, invitee, promoterId);
      expect((await gqlOk(api.url, `query($id: ID!) { challenge(id: $id) { id } }`, { id: draft.id }, invitee.token)).challenge.id).toBe(draft.id);
    });

    it('makes nobody a sponsor who may be named tutor', async () => {
      const idea = await adoptableIdea(api.url, db);
      const { sponsor, companyId } = await company(api.url);
      const adoption = await propose(api.url, sponsor, idea.ideaId, companyId);
      await accept(api.url, idea.lead, adoption.id);
      const invitee = await signUp(api.url, { label: 'would-tutor' });
      await inviteMember(api.url, sponsor, companyId, invitee);
      const assign = () => gql(api.url, ASSIGN_TUTOR, { input: { adoptionId: adoption.id, email: invitee.email } }, sponsor.token);
      expect((await assign()).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
      expect(await db.query(`SELECT 1 FROM adoption_tutor WHERE user_id = $1`, [invitee.id])).toEqual([]);
      await acceptInvitation(api.url, invitee, companyId);
      expect((await assign()).errors).toBeUndefined();
    });

    it.each(['SCHOOL_CLIMATHON', 'OPEN_HACKATHON'])(
      "lets only the school's members name it as a team's school (%s): FORBIDDEN for an invitee, creating nothing",
      async (format) => {
        const { challenge } = await publishedChallenge(api.url, { format });
        const { teacher, schoolId } = await school(api.url, { name: `Liceo ${format}` });
        const invitee = await signUp(api.url, { label: 'would-coach' });
        const outsider = await signUp(api.url, { label: 'stranger' });
        await inviteMember(api.url, teacher, schoolId, invitee);
        const create = (user: TestUser, name: string) => gql(api.url, CREATE_TEAM, { input: { challengeId: challenge.id, schoolId, name } }, user.token);
        for (const user of [invitee, outsider]) {
          const error = (await create(user, 'Squadra abusiva')).errors?.[0];
          expect(error?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'schoolId' });
        }
        expect(await db.query(`SELECT 1 FROM team WHERE challenge_id = $1`, [challenge.id])).toEqual([]);
        await acceptInvitation(api.url, invitee, schoolId);
        expect((await create(invitee, 'Squadra della scuola')).data?.createTeam?.school).toMatchObject({ id: schoolId });
      },
    );

    it('never enters the conflicts of judging: an invited juror reviews the school, a member of it does not', async () => {
      const { organizer, challenge } = await publishedChallenge(api.url, { reviewsPerIdea: 1 });
      const { teacher, schoolId } = await school(api.url, { name: 'Liceo dei conflitti' });
      const team = (await gqlOk(api.url, CREATE_TEAM, { input: { challengeId: challenge.id, schoolId, name: '5A' } }, teacher.token)).createTeam;
      const idea = (
        await gqlOk(
          api.url,
          `mutation($input: SaveIdeaInput!) { saveIdea(input: $input) { id } }`,
          { input: { teamId: team.id, themeId: challenge.themes[0]!.id, title: 'Pannelli sul tetto', summary: 's', problem: 'p', solution: 's' } },
          teacher.token,
        )
      ).saveIdea;
      await gqlOk(api.url, `mutation($id: ID!) { submitIdea(ideaId: $id) { id } }`, { id: idea.id }, teacher.token);
      const invited = await signUp(api.url, { label: 'juror-invited' });
      const colleague = await signUp(api.url, { label: 'juror-member' });
      await inviteMember(api.url, teacher, schoolId, invited);
      await addMember(api.url, teacher, schoolId, colleague);
      const invitedSeat = await addJuror(api.url, organizer, challenge.id, invited);
      await addJuror(api.url, organizer, challenge.id, colleague);
      await startJudging(api.url, organizer, challenge.id);
      // One review per idea: the member of the school has a conflict, so the invited juror must take it.
      expect((await assignmentRows(db, challenge.id)).map((a) => [a.idea_id, a.juror_id])).toEqual([[idea.id, invitedSeat]]);
    });
  });

  it("erasing the invitee removes their invitations; an erased inviter's invitations stay, naming the erased person", async () => {
    const { owner, organizationId } = await organization();
    const invitee = await signUp(api.url, { label: 'forgotten' });
    await inviteMember(api.url, owner, organizationId, invitee);
    const colleague = await signUp(api.url, { label: 'colleague' });
    await addMember(api.url, owner, organizationId, colleague, 'OWNER');
    const third = await signUp(api.url, { label: 'third' });
    await inviteMember(api.url, colleague, organizationId, third);

    await gqlOk(api.url, `mutation($p: String!) { deleteMyAccount(password: $p) }`, { p: invitee.password }, invitee.token);
    expect(await db.query(`SELECT 1 FROM organization_invitation WHERE invitee_id = $1`, [invitee.id])).toEqual([]);
    await gqlOk(api.url, `mutation($p: String!) { deleteMyAccount(password: $p) }`, { p: colleague.password }, colleague.token);
    const pending = (await gqlOk(api.url, ORGANIZATION, { id: organizationId }, owner.token)).organization.invitations;
    expect(pending).toEqual([expect.objectContaining({ invitee: { id: third.id, displayName: expect.any(String) }, invitedBy: { id: colleague.id, displayName: 'Ex membro' } })]);
  });
});
