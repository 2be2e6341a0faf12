/**
 * The authorization matrix (issue #6, item 2): every contract operation (each Query field, each Mutation, both
 * Subscriptions) and the access-controlled object fields, called as every role on a seeded world
 * (test/helpers/world.ts), each cell compared with the outcome docs/rules.md implies.
 *
 * Outcomes of a cell:
 * - ALLOW: not refused by the access rules: no error, or BAD_USER_INPUT / CONFLICT / FAILED_PRECONDITION (the
 *   access check passed and a later rule refused, e.g. the second organizer publishing an already published challenge).
 * - FORBIDDEN / NOT_FOUND / UNAUTHENTICATED: the error code of the refusal (any other code is shown as is).
 * - Fields that hide rather than refuse: VISIBLE (the data is there), HIDDEN (null or empty), ANONYMISED (reviews
 *   shown with the juror nulled), ALL / OWN (adoption proposals: every one, or only the viewer's company's),
 *   SCHOOL_ONLY (a team's school shown, its idea not).
 *
 * Roles (test/helpers/world.ts): anonymous; otherStudent (student of another team of the same challenge); student
 * (member of the target team); coach (of the target team, SCHOOL_CLIMATHON); captain (of the target team in the
 * OPEN_HACKATHON rows, elsewhere an unrelated user); jurorAssigned (juror of the challenge assigned to the target
 * idea once judging started); jurorOther (juror of the same challenge, never assigned to the target idea);
 * otherOrganizer (organizes another challenge); organizer; sponsor (owner of a company with no accepted adoption);
 * tutor (member of the adopting company, tutor of the target team where it is adopted); admin.
 *
 * Mutations that succeed change the world: every mutation row gets its own objects (a fresh challenge context, a
 * spare user, a fresh juror or victim per cell) where an allowed call would change what later rows see, and the
 * cells of a row run refused-first, so that after the first allowed call succeeds the next allowed ones meet a state
 * rule (FAILED_PRECONDITION / CONFLICT), which still counts as ALLOW.
 *
 * Decisions where docs/rules.md is silent (what the people involved would expect):
 * 1. Public reads (organization(s), challenges, challenge, team, idea, ideas, miniCompany) answer anonymous callers
 *    like any signed-in outsider: NOT_FOUND or hidden data, never UNAUTHENTICATED. Every mutation, myTeams,
 *    myAssignments, companyAdoptions, myNotifications and both subscriptions need a token (UNAUTHENTICATED first,
 *    before any lookup, so an anonymous caller learns nothing about ids).
 * 2. FORBIDDEN only when the viewer may see the object: a published challenge and its teams are public (FORBIDDEN
 *    for a lifecycle step by a non-organizer, for createTeam by a non-member of the school, for saveIdea by a
 *    non-member, foundMiniCompany by a non-lead); an idea not yet public, a PROPOSED adoption, a review assignment,
 *    a mini-company and its milestones are NOT_FOUND for whoever may not see them.
 * 3. Organizers see ideas, teams' members and mini-companies of their challenges, and may decide on adoptions, but
 *    may not act for a team (saveIdea, submitIdea, withdrawIdea, removeTeamMember, foundMiniCompany, milestones:
 *    FORBIDDEN) nor for a juror (submitReview, recuseFromReview: FORBIDDEN, they see every assignment).
 * 4. Students do not see adoption proposals (the contract names coaches, organizers and the companies): deciding on
 *    a PROPOSED adoption is NOT_FOUND for them; an ACCEPTED adoption is seen by the team, its tutors, the organizers
 *    and the adopting company (NOT_FOUND to act on for anyone else), while Idea.adoptedBy is public with its idea.
 * 5. Tutors are "the team" for seeing it (members, idea, tutors, mini-company) but not for acting as members
 *    (submitMilestone: FORBIDDEN) nor for the reviews shown to the team after results (docs/rules.md: "the team" means
 *    its members of every role; tutors only where named).
 * 6. Team.tutors and Team.miniCompany have the audience of Team.members (members, tutors, organizers, admins).
 * 7. judgingProgress, a non-null field, refuses non-organizers with FORBIDDEN (UNAUTHENTICATED without a token);
 *    jurors and leaderboard are hidden (empty) instead, as the contract's list types allow.
 * 8. A member of the proposing company who is not a decider sees the proposal, so acceptAdoption is FORBIDDEN for
 *    them; withdrawAdoption is FORBIDDEN for the idea's coach and the organizers (they see the proposal).
 * 9. Admins may do everything, including acting as a juror or a team member (docs/rules.md: "platform admins may do
 *    everything"); their own assignment list is empty.
 * 10. signUp, signIn and refreshToken are open to everyone, signed in or not.
 * 11. Blind judging hides a team's school and idea from every juror of the challenge (assigned or not), and
 *     Idea.team from the jurors who see the idea; teams themselves stay public, but Challenge.teams shows a juror who
 *     does not organize the challenge only its totalCount (docs/rules.md "Ideas").
 * 12. A person's name and email (rows 'User.displayName (path)' / 'User.email (path)', decided in
 *     libs/domain/src/people/person-view.ts): the email only to the person themself and to admins, also in the
 *     answer of their own sign-in; the name wherever the path reaching them is visible. An accepted adoption's
 *     proposer and tutors are named to whoever sees the adoption (Team.tutors keeps the audience of Team.members).
 * 13. Rosters: acceptDataProcessingAgreement is for owners of the school (FORBIDDEN for others: schools are public);
 *     Organization.dataProcessingAgreement is shown to the organization's members and admins (hidden otherwise);
 *     addStudents is for the team's coaches (FORBIDDEN for others: the team is public); resetStudentCode is FORBIDDEN
 *     for whoever sees the team's members (its members, the organizers) and NOT_FOUND for everyone else;
 *     signInWithCode, like signIn, is open to everyone. recordConsent (a parent's, by the coach) and withdrawConsent
 *     follow resetStudentCode: the student's coaches and admins; FORBIDDEN for who sees the student, else NOT_FOUND.
 * 14. Reports (issue 14): Challenge.juryReport, the exports (GET /exports/..., by bearer token here) and
 *     createExportLink are for the challenge's organizers and admins, also after results are published (docs/rules.md:
 *     "Organizers download"): FORBIDDEN for whoever sees the challenge, NOT_FOUND for a DRAFT of others. The exports
 *     ask for a token before anything else (401). impactReport and impact.csv are for the promoter's members and
 *     admins (FORBIDDEN for others: organizations are public).
 * 15. People's choice: openPublicVoting and closePublicVoting are the organizers' (FORBIDDEN for others: a published
 *     challenge is public; NOT_FOUND for a draft); castPublicVote is for every signed-in user with a verified email
 *     except the members of the idea's team (FORBIDDEN: they see the idea); a hidden idea is NOT_FOUND. Counts
 *     (Challenge.peoplesChoice, Idea.publicVotes) are hidden from everyone, organizers and admins included, until the
 *     vote closes, then public; Challenge.publicVoting is public; Challenge.myPublicVote is the viewer's own.
 * 16. Sponsors: Organization.sectorsOfInterest and themesOfInterest are public with the organization; its followed
 *     themes and suggested ideas are for its members and admins (empty otherwise). setOrganizationInterests is for
 *     owners (FORBIDDEN for others: organizations are public), followTheme / unfollowTheme for any member.
 * 17. Membership by invitation (issue 17.5): otherStudent holds a PENDING invitation into the coach's school, as
 *     OWNER, through the whole matrix, and every row shows it counts for nothing (the school's members, agreement,
 *     createTeam, addOrganizationMember stay refused or hidden for them). Organization.invitations is for the
 *     organization's owners and admins (empty otherwise); myInvitations and User.invitations are the viewer's own.
 *     accept/declineOrganizationInvitation are the invitee's alone: NOT_FOUND for everyone else, admins included (no
 *     invitation of theirs exists); withdrawOrganizationInvitation is for owners and admins (FORBIDDEN for others:
 *     organizations are public).
 * 18. "Who am I here" (issue 18.3): User.memberships, jurorSeats, teams and invitations are filled for the viewer
 *     only; another user, reached through any visible path, reads them as empty lists, for admins too.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import { ASSIGN_TUTOR, PROPOSE } from './helpers/adoption-factories.js';
import { createChallenge, createTeam } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { uniqueEmail } from './helpers/factories.js';
import { collect, gql, gqlOk, wsClient, type GqlError, type GqlResponse } from './helpers/graphql.js';
import { ADD_JUROR, MY_ASSIGNMENTS } from './helpers/judging-factories.js';
import { buildWorld, context, ROLES, type Context, type ContextOptions, type Role, type World } from './helpers/world.js';

type Outcome = string;
type Table = Record<Role, Outcome>;
/** What a cell does: the outcome of one call as one role. */
type Cell = (role: Role) => Promise<Outcome>;

interface Row {
  op: string;
  expected: Table;
  /** Runs once before the row's cells; returns the cell. */
  prepare: () => Promise<Cell>;
  /** Cells may run at once (read-only rows). */
  parallel?: boolean;
}

/** Codes that mean "authorization passed, a later rule refused". */
const PAST_AUTHORIZATION = new Set(['BAD_USER_INPUT', 'CONFLICT', 'FAILED_PRECONDITION']);
const REFUSALS = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED']);
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_IN_PATH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Copies of `value`, one per id (UUID string) found in it, with that one id replaced by UNKNOWN. */
function withEachIdUnknown(value: unknown): any[] {
  if (typeof value === 'string') return UUID.test(value) && value !== UNKNOWN ? [UNKNOWN] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => withEachIdUnknown(item).map((replaced) => value.map((v, j) => (i === j ? replaced : v))));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => withEachIdUnknown(item).map((replaced) => ({ ...value, [key]: replaced })));
  }
  return [];
}
const codeOf = (error: GqlError | undefined): Outcome => error?.extensions?.code ?? `NO_CODE(${error?.message})`;
function outcomeOf(response: GqlResponse, judge?: (data: any, role: Role) => Outcome, role?: Role): Outcome {
  if (response.errors?.length) {
    const code = codeOf(response.errors[0]);
    return PAST_AUTHORIZATION.has(code) ? 'ALLOW' : code;
  }
  return judge ? judge(response.data, role!) : 'ALLOW';
}
const shown = (value: unknown): Outcome => (value === null || value === undefined || (Array.isArray(value) && value.length === 0) ? 'HIDDEN' : 'VISIBLE');

/**
 * A row's expected outcomes: `rest` for every role not listed; anonymous gets `anonymous` unless listed.
 * Example: table('FORBIDDEN', { ALLOW: ['organizer', 'admin'] }).
 */
function table(rest: Outcome, groups: Record<Outcome, readonly Role[]> = {}, anonymous: Outcome = 'UNAUTHENTICATED'): Table {
  const result = Object.fromEntries(ROLES.map((r) => [r, r === 'anonymous' ? anonymous : rest])) as Table;
  for (const [outcome, roles] of Object.entries(groups)) for (const role of roles) result[role] = outcome;
  return result;
}
const ALL_SIGNED_IN = ROLES.filter((r) => r !== 'anonymous');
const ORGANIZERS = ['organizer', 'admin'] as const;

describe('authorization matrix', () => {
  let api: RunningApi;
  let db: DataSource;
  let w: World;
  /** Read-mostly contexts: rows that change them touch only objects nobody else looks at. */
  const shared: Record<'draft' | 'open' | 'hackOpen' | 'judging' | 'blind' | 'results', Context> = {} as any;
  /**
   * Contexts walked through by a chain of mutation rows, in file order: each allowed call leaves the state the
   * next row needs (school: withdraw, submit, startJudging, recuse, publishResults, proposeAdoption, close;
   * hackathon: withdraw, submit, foundMiniCompany, acceptAdoption; adoption: decline, withdraw, accept, foundMiniCompany).
   */
  const chain: Record<'school' | 'hack' | 'adoption', Context> = {} as any;
  let cellsChecked = 0;

  /** One GraphQL call as the role. */
  const call = (query: string, variables: Record<string, unknown>, role: Role) => gql(api.url, query, variables, w.token(role));
  /**
   * A cell running one operation, judged by the error code (or by `judge` when there is no error). A NOT_FOUND
   * must be the very answer an unknown id gets (docs/rules.md "Errors": nothing tells that a hidden object exists),
   * so the call is repeated with each id of the variables in turn replaced by an unknown one: the NOT_FOUND counts
   * only when one of them answers the same code and message; otherwise the cell shows what differed.
   */
  const op =
    (query: string, variables: (role: Role) => Record<string, unknown> | Promise<Record<string, unknown>>, judge?: (data: any, role: Role) => Outcome): Cell =>
    async (role) => {
      const vars = await variables(role);
      const response = await call(query, vars, role);
      const outcome = outcomeOf(response, judge, role);
      if (outcome !== 'NOT_FOUND') return outcome;
      const answer = response.errors![0]!.message;
      const probes: string[] = [];
      for (const unknown of withEachIdUnknown(vars)) {
        const probe = (await call(query, unknown, role)).errors?.[0];
        if (codeOf(probe) === 'NOT_FOUND' && probe!.message === answer) return outcome;
        probes.push(`${codeOf(probe)}: ${probe?.message}`);
      }
      return probes.length === 0 ? outcome : `NOT_FOUND unlike an unknown id ("${answer}" vs ${probes.map((p) => `"${p}"`).join(', ')})`;
    };
  const fresh = (options: ContextOptions) => context(w, options);

  /** Subscribes as the role: the first error's code, or ALLOW when the subscription is still open after a while. */
  const subscribe =
    (query: string, variables: Record<string, unknown>): Cell =>
    async (role) => {
      const client = wsClient(api.wsUrl, w.token(role));
      const sub = collect(client, query, variables);
      try {
        const deadline = Date.now() + 600;
        while (Date.now() < deadline && sub.received.length === 0 && sub.errors.length === 0 && !sub.isCompleted()) await new Promise((r) => setTimeout(r, 20));
        const payloadErrors = sub.received.flatMap((p) => (p.errors as GqlError[] | undefined) ?? []);
        const thrown = sub.errors.flatMap((e) => (Array.isArray(e) ? (e as GqlError[]) : [{ message: String((e as { reason?: string }).reason ?? e) } as GqlError]));
        const first = payloadErrors[0] ?? thrown[0];
        if (first) return PAST_AUTHORIZATION.has(codeOf(first)) ? 'ALLOW' : codeOf(first);
        return sub.isCompleted() ? 'COMPLETED_WITHOUT_ERROR' : 'ALLOW';
      } finally {
        sub.dispose();
        await client.dispose();
      }
    };

  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
    w = await buildWorld(api.url, db);
    // Decision 17: a standing invitation that must count for nothing in every row.
    await gqlOk(api.url, INVITE, { input: { organizationId: w.schoolId, email: w.users.otherStudent.email, role: 'OWNER' } }, w.users.coach.token);
    [shared.draft, shared.open, shared.hackOpen, shared.judging, shared.blind, shared.results, chain.school, chain.hack, chain.adoption] = await Promise.all([
      fresh({ phase: 'DRAFT' }),
      fresh({ phase: 'PUBLISHED', submit: false }),
      fresh({ phase: 'PUBLISHED', format: 'OPEN_HACKATHON', submit: false }),
      fresh({ phase: 'JUDGING', review: true }),
      fresh({ phase: 'JUDGING', blindJudging: true }),
      fresh({ phase: 'RESULTS_PUBLISHED', otherSubmit: false, sponsorProposal: true, adopt: true, miniCompany: true }),
      fresh({ phase: 'PUBLISHED' }),
      fresh({ phase: 'PUBLISHED', format: 'OPEN_HACKATHON' }),
      fresh({ phase: 'RESULTS_PUBLISHED', companyProposal: true, sponsorProposal: true }),
    ]);
  }, 60_000);

  afterAll(async () => {
    console.log(`authorization matrix: ${cellsChecked} cells checked (${rows.length} rows x ${ROLES.length} roles)`);
    await api?.close();
    await db?.destroy();
  });

  // ------------------------------------------------------------------------------------------------ rows

  const INVITE = `mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) { id } }`;
  const ACCEPT_DPA = `mutation($org: ID!, $v: String!) { acceptDataProcessingAgreement(organizationId: $org, version: $v) { version } }`;
  const ADD_STUDENTS = `mutation($team: ID!, $students: [RosterStudentInput!]!) { addStudents(teamId: $team, students: $students, guardianConsentConfirmed: true) { students { user { id } username code } } }`;
  const IDEA = `query($id: ID!) { idea(id: $id) { id } }`;
  const TEAM_FIELD = (field: string) => `query($id: ID!) { team(id: $id) { id ${field} } }`;
  const IDEA_FIELD = (field: string) => `query($id: ID!) { idea(id: $id) { id ${field} } }`;
  const CHALLENGE_FIELD = (field: string) => `query($id: ID!) { challenge(id: $id) { id ${field} } }`;
  const TEAM_LEADS_SCHOOL = ['coach', 'admin'] as const;
  const TEAM_LEADS_HACK = ['captain', 'admin'] as const;
  const TEAM_INSIDE = ['student', 'coach', 'organizer', 'admin'] as const;
  const ADOPTED_TEAM_INSIDE = [...TEAM_INSIDE, 'tutor'] as const;
  const OPEN_VOTING = `mutation($input: OpenPublicVotingInput!) { openPublicVoting(input: $input) { id } }`;
  const CAST_VOTE = `mutation($ideaId: ID!) { castPublicVote(ideaId: $ideaId) { idea { id } } }`;
  const SET_INTERESTS = `mutation($input: OrganizationInterestsInput!) { setOrganizationInterests(input: $input) { id } }`;
  const FOLLOW_THEME = `mutation($org: ID!, $theme: String!) { followTheme(organizationId: $org, theme: $theme) { id } }`;
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  const rows: Row[] = [
    // ---------------------------------------------------------------- queries
    {
      op: 'me (with email)',
      expected: table('ALLOW', {}, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          `{ me { id email } }`,
          () => ({}),
          (data, role) =>
            data.me === null
              ? 'HIDDEN'
              : role !== 'anonymous' && data.me.id === w.users[role].id && String(data.me.email).toLowerCase() === w.users[role].email.toLowerCase()
                ? 'ALLOW'
                : 'WRONG_USER',
        ),
    },
    {
      op: 'organization(id)',
      expected: table('ALLOW', {}, 'ALLOW'),
      parallel: true,
      prepare: async () => op(`query($id: ID!) { organization(id: $id) { id name } }`, () => ({ id: w.schoolId })),
    },
    {
      op: 'Organization.members (school)',
      expected: table('HIDDEN', { VISIBLE: ['coach', 'admin'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          `query($id: ID!) { organization(id: $id) { members { role user { id } } } }`,
          () => ({ id: w.schoolId }),
          (d) => shown(d.organization.members),
        ),
    },
    {
      op: 'Organization.dataProcessingAgreement (school)',
      // Who accepted which version is the school's business: its members (here its owner, the coach) and admins.
      expected: table('HIDDEN', { VISIBLE: ['coach', 'admin'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () => {
        await gqlOk(api.url, ACCEPT_DPA, { org: w.schoolId, v: 'matrice-1' }, w.users.coach.token);
        return op(
          `query($id: ID!) { organization(id: $id) { dataProcessingAgreement { version acceptedBy { id } } } }`,
          () => ({ id: w.schoolId }),
          (d) => shown(d.organization.dataProcessingAgreement),
        );
      },
    },
    {
      op: 'Organization.members (company)',
      expected: table('HIDDEN', { VISIBLE: ['tutor', 'admin'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          `query($id: ID!) { organization(id: $id) { members { role user { id } } } }`,
          () => ({ id: w.companyId }),
          (d) => shown(d.organization.members),
        ),
    },
    {
      op: 'organizations',
      expected: table('ALLOW', {}, 'ALLOW'),
      parallel: true,
      prepare: async () => op(`{ organizations(first: 5, kind: SCHOOL) { totalCount edges { node { id } } } }`, () => ({})),
    },
    {
      op: 'Organization.sectorsOfInterest / themesOfInterest (company)',
      expected: table('ALLOW', {}, 'ALLOW'),
      parallel: true,
      prepare: async () => op(`query($id: ID!) { organization(id: $id) { sectorsOfInterest themesOfInterest } }`, () => ({ id: w.companyId })),
    },
    {
      op: 'Organization.followedThemes (company)',
      expected: table('HIDDEN', { VISIBLE: ['tutor', 'admin'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () => {
        await gqlOk(api.url, FOLLOW_THEME, { org: w.companyId, theme: 'Tema seguito dalla matrice' }, w.extras.companyOwner.token);
        return op(
          `query($id: ID!) { organization(id: $id) { followedThemes } }`,
          () => ({ id: w.companyId }),
          (d) => shown(d.organization.followedThemes),
        );
      },
    },
    {
      op: 'Organization.suggestedIdeas (company)',
      expected: table('HIDDEN', { VISIBLE: ['tutor', 'admin'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () => {
        await gqlOk(api.url, SET_INTERESTS, { input: { organizationId: w.companyId, themes: ['Mobilità'] } }, w.extras.companyOwner.token);
        return op(
          `query($id: ID!) { organization(id: $id) { suggestedIdeas { score reasons { kind } idea { id } } } }`,
          () => ({ id: w.companyId }),
          (d) => shown(d.organization.suggestedIdeas),
        );
      },
    },
    {
      op: 'challenges (lists a DRAFT)',
      expected: table('HIDDEN', { VISIBLE: ORGANIZERS }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          `{ challenges(first: 100, status: DRAFT) { edges { node { id } } } }`,
          () => ({}),
          (d) => (d.challenges.edges.some((e: any) => e.node.id === shared.draft.challengeId) ? 'VISIBLE' : 'HIDDEN'),
        ),
    },
    {
      op: 'myOrganizations (lists the adopting company)',
      expected: table('HIDDEN', { VISIBLE: ['tutor'] }),
      parallel: true,
      prepare: async () =>
        op(
          `{ myOrganizations { id } }`,
          () => ({}),
          (d) => (d.myOrganizations.some((o: any) => o.id === w.companyId) ? 'VISIBLE' : 'HIDDEN'),
        ),
    },
    {
      op: 'challenges(organizerId) (lists a DRAFT)',
      expected: table('HIDDEN', { VISIBLE: ORGANIZERS }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          `query($organizerId: ID) { challenges(first: 100, organizerId: $organizerId) { edges { node { id } } } }`,
          () => ({ organizerId: w.promoterId }),
          (d) => (d.challenges.edges.some((e: any) => e.node.id === shared.draft.challengeId) ? 'VISIBLE' : 'HIDDEN'),
        ),
    },
    {
      op: 'challenges (PUBLISHED)',
      expected: table('ALLOW', {}, 'ALLOW'),
      parallel: true,
      prepare: async () => op(`{ challenges(first: 5, status: PUBLISHED) { totalCount edges { node { id } } } }`, () => ({})),
    },
    {
      op: 'challenge(id) DRAFT',
      expected: table('NOT_FOUND', { ALLOW: ORGANIZERS }, 'NOT_FOUND'),
      parallel: true,
      prepare: async () => op(`query($id: ID) { challenge(id: $id) { id } }`, () => ({ id: shared.draft.challengeId })),
    },
    {
      op: 'challenge(slug) DRAFT',
      expected: table('NOT_FOUND', { ALLOW: ORGANIZERS }, 'NOT_FOUND'),
      parallel: true,
      prepare: async () => op(`query($slug: String) { challenge(slug: $slug) { id } }`, () => ({ slug: shared.draft.slug })),
    },
    {
      op: 'challenge(id) PUBLISHED',
      expected: table('ALLOW', {}, 'ALLOW'),
      parallel: true,
      prepare: async () => op(`query($id: ID) { challenge(id: $id) { id teams(first: 5) { totalCount } } }`, () => ({ id: shared.open.challengeId })),
    },
    {
      op: 'team(id)',
      expected: table('ALLOW', {}, 'ALLOW'),
      parallel: true,
      prepare: async () => op(TEAM_FIELD('name school { id }'), () => ({ id: shared.open.teamId })),
    },
    {
      op: 'Team.members',
      expected: table('HIDDEN', { VISIBLE: TEAM_INSIDE }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          TEAM_FIELD('members { role user { id } }'),
          () => ({ id: shared.open.teamId }),
          (d) => shown(d.team.members),
        ),
    },
    {
      op: 'Team.members (adopted team)',
      expected: table('HIDDEN', { VISIBLE: ADOPTED_TEAM_INSIDE }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          TEAM_FIELD('members { role user { id } }'),
          () => ({ id: shared.results.teamId }),
          (d) => shown(d.team.members),
        ),
    },
    {
      op: 'User.email (of a team member)',
      expected: table('HIDDEN', { VISIBLE: ['student', 'admin'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          TEAM_FIELD('members { user { id email } }'),
          () => ({ id: shared.results.teamId }),
          (d) => shown(d.team.members.find((m: any) => m.user.id === w.users.student.id)?.user.email),
        ),
    },
    {
      op: 'Team.joinCode (school)',
      expected: table('HIDDEN', { VISIBLE: TEAM_LEADS_SCHOOL }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          TEAM_FIELD('joinCode'),
          () => ({ id: shared.open.teamId }),
          (d) => shown(d.team.joinCode),
        ),
    },
    {
      op: 'Team.joinCode (open hackathon)',
      expected: table('HIDDEN', { VISIBLE: TEAM_LEADS_HACK }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          TEAM_FIELD('joinCode'),
          () => ({ id: shared.hackOpen.teamId }),
          (d) => shown(d.team.joinCode),
        ),
    },
    {
      op: 'Team.idea (DRAFT idea)',
      expected: table('HIDDEN', { VISIBLE: TEAM_INSIDE }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          TEAM_FIELD('idea { id }'),
          () => ({ id: shared.open.teamId }),
          (d) => shown(d.team.idea),
        ),
    },
    {
      op: 'Team.tutors (adopted team)',
      expected: table('HIDDEN', { VISIBLE: ADOPTED_TEAM_INSIDE }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          TEAM_FIELD('tutors { id }'),
          () => ({ id: shared.results.teamId }),
          (d) => shown(d.team.tutors),
        ),
    },
    {
      op: 'Team.miniCompany (adopted team)',
      expected: table('HIDDEN', { VISIBLE: ADOPTED_TEAM_INSIDE }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          TEAM_FIELD('miniCompany { id }'),
          () => ({ id: shared.results.teamId }),
          (d) => shown(d.team.miniCompany),
        ),
    },
    {
      op: 'myTeams',
      expected: table('ALLOW'),
      parallel: true,
      prepare: async () => op(`{ myTeams { id } }`, () => ({})),
    },
    // "Who am I here" (issue 18.3): a user's memberships, juror seats, teams and invitations are filled for that user
    // only; another user (reached through any visible path) reads them as empty lists, for admins and organizers too.
    {
      op: 'User.memberships (me)',
      expected: table('HIDDEN', { VISIBLE: ['organizer', 'otherOrganizer', 'coach', 'sponsor', 'tutor'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          `{ me { memberships { role organization { id } } } }`,
          () => ({}),
          (d) => shown(d.me?.memberships),
        ),
    },
    {
      op: 'User.jurorSeats (me)',
      expected: table('HIDDEN', { VISIBLE: ['jurorAssigned', 'jurorOther'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          `{ me { jurorSeats { id challenge { id } } } }`,
          () => ({}),
          (d) => shown(d.me?.jurorSeats),
        ),
    },
    {
      op: 'User.teams (me)',
      expected: table('HIDDEN', { VISIBLE: ['student', 'otherStudent', 'coach', 'captain'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          `{ me { teams { id } } }`,
          () => ({}),
          (d) => shown(d.me?.teams),
        ),
    },
    ...(['memberships { role }', 'teams { id }'] as const).map((field): Row => ({
      op: `User.${field.split(' ')[0]} (of the coach, through Team.members)`,
      // Team.members shows the coach to the team, the organizers and admins: only the coach reads their own list.
      expected: table('HIDDEN', { VISIBLE: ['coach'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          TEAM_FIELD(`members { user { id ${field} } }`),
          () => ({ id: shared.open.teamId }),
          (d) => shown(d.team.members.find((m: any) => m.user.id === w.users.coach.id)?.user[field.split(' ')[0]!]),
        ),
    })),
    {
      op: 'User.jurorSeats (of a juror, through Challenge.jurors)',
      // The organizers and admins reach the jurors, and read their seats as empty.
      expected: table('HIDDEN', {}, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          CHALLENGE_FIELD('jurors { user { id jurorSeats { id } } }'),
          () => ({ id: shared.judging.challengeId }),
          (d) => {
            const users = d.challenge.jurors.map((j: any) => j.user);
            if (users.length > 0 && !users.some((u: any) => u.id === w.users.jurorAssigned.id)) return 'JUROR_NOT_REACHED';
            return shown(users.find((u: any) => u.id === w.users.jurorAssigned.id)?.jurorSeats);
          },
        ),
    },
    {
      op: 'User.invitations (me)',
      expected: table('HIDDEN', { VISIBLE: ['otherStudent'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          `{ me { invitations { id organization { id } } } }`,
          () => ({}),
          (d) => shown(d.me?.invitations),
        ),
    },
    {
      op: 'myInvitations',
      expected: table('HIDDEN', { VISIBLE: ['otherStudent'] }),
      parallel: true,
      prepare: async () =>
        op(
          `{ myInvitations { id status role organization { id } invitee { id } invitedBy { id } } }`,
          () => ({}),
          (d) => (d.myInvitations.some((i: any) => i.organization.id === w.schoolId && i.status === 'PENDING') ? 'VISIBLE' : shown(d.myInvitations)),
        ),
    },
    {
      op: 'Organization.invitations (school)',
      expected: table('HIDDEN', { VISIBLE: ['coach', 'admin'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          `query($id: ID!) { organization(id: $id) { invitations { id role invitee { id } invitedBy { id } } } }`,
          () => ({ id: w.schoolId }),
          (d) => shown(d.organization.invitations),
        ),
    },
    {
      op: 'User.invitations (of the invitee, through Organization.invitations)',
      // The owner and admins reach the invitee, and read their invitations as empty.
      expected: table('HIDDEN', {}, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          `query($id: ID!) { organization(id: $id) { invitations { invitee { id invitations { id } } } } }`,
          () => ({ id: w.schoolId }),
          (d, role) => {
            const invitee = d.organization.invitations.map((i: any) => i.invitee).find((u: any) => u.id === w.users.otherStudent.id);
            if ((role === 'coach' || role === 'admin') && !invitee) return 'INVITEE_NOT_REACHED';
            return shown(invitee?.invitations);
          },
        ),
    },
    {
      op: 'idea(id) DRAFT, PUBLISHED challenge',
      expected: table('NOT_FOUND', { ALLOW: TEAM_INSIDE }, 'NOT_FOUND'),
      parallel: true,
      prepare: async () => op(IDEA, () => ({ id: shared.open.ideaId })),
    },
    {
      op: 'idea(id) SUBMITTED, JUDGING',
      expected: table('NOT_FOUND', { ALLOW: [...TEAM_INSIDE, 'jurorAssigned'] }, 'NOT_FOUND'),
      parallel: true,
      prepare: async () => op(IDEA, () => ({ id: shared.judging.ideaId })),
    },
    {
      op: 'idea(id) SUBMITTED, RESULTS_PUBLISHED',
      expected: table('ALLOW', {}, 'ALLOW'),
      parallel: true,
      prepare: async () => op(IDEA, () => ({ id: shared.results.ideaId })),
    },
    {
      op: 'idea(id) DRAFT of the other team, RESULTS_PUBLISHED',
      expected: table('NOT_FOUND', { ALLOW: ['otherStudent', 'organizer', 'admin'] }, 'NOT_FOUND'),
      parallel: true,
      prepare: async () => op(IDEA, () => ({ id: shared.results.otherIdeaId })),
    },
    {
      op: 'ideas (lists a DRAFT idea)',
      expected: table('HIDDEN', { VISIBLE: TEAM_INSIDE }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          `query($c: ID) { ideas(first: 100, filter: { challengeId: $c }) { edges { node { id } } } }`,
          () => ({ c: shared.open.challengeId }),
          (d) => (d.ideas.edges.some((e: any) => e.node.id === shared.open.ideaId) ? 'VISIBLE' : 'HIDDEN'),
        ),
    },
    {
      op: 'Challenge.ideas (JUDGING)',
      expected: table('HIDDEN', { VISIBLE: [...TEAM_INSIDE, 'jurorAssigned'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          CHALLENGE_FIELD('ideas(first: 100) { edges { node { id } } }'),
          () => ({ id: shared.judging.challengeId }),
          (d) => (d.challenge.ideas.edges.some((e: any) => e.node.id === shared.judging.ideaId) ? 'VISIBLE' : 'HIDDEN'),
        ),
    },
    {
      op: 'myAssignments (JUDGING)',
      expected: table('HIDDEN', { VISIBLE: ['jurorAssigned'] }),
      parallel: true,
      prepare: async () =>
        op(
          `query($id: ID!) { myAssignments(challengeId: $id) { id idea { id } } }`,
          () => ({ id: shared.judging.challengeId }),
          (d) => (d.myAssignments.some((a: any) => a.id === shared.judging.assignmentId) ? 'VISIBLE' : 'HIDDEN'),
        ),
    },
    {
      op: 'myAssignments (DRAFT challenge)',
      expected: table('NOT_FOUND', { ALLOW: ORGANIZERS }),
      parallel: true,
      prepare: async () => op(`query($id: ID!) { myAssignments(challengeId: $id) { id } }`, () => ({ id: shared.draft.challengeId })),
    },
    {
      op: 'companyAdoptions',
      expected: table('FORBIDDEN', { ALLOW: ['tutor', 'admin'] }),
      parallel: true,
      prepare: async () => op(`query($id: ID!) { companyAdoptions(companyId: $id) { id } }`, () => ({ id: w.companyId })),
    },
    {
      op: 'miniCompany(id)',
      expected: table('NOT_FOUND', { ALLOW: ADOPTED_TEAM_INSIDE }, 'NOT_FOUND'),
      parallel: true,
      prepare: async () => op(`query($id: ID!) { miniCompany(id: $id) { id milestones { id } } }`, () => ({ id: shared.results.miniCompanyId })),
    },
    {
      op: 'myNotifications',
      expected: table('ALLOW'),
      parallel: true,
      prepare: async () => op(`{ myNotifications(first: 5) { totalCount unreadCount } }`, () => ({})),
    },
    // ---------------------------------------------------------------- access-controlled fields of judging and adoption
    {
      op: 'Challenge.jurors',
      expected: table('HIDDEN', { VISIBLE: ORGANIZERS }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          CHALLENGE_FIELD('jurors { id user { id } }'),
          () => ({ id: shared.judging.challengeId }),
          (d) => shown(d.challenge.jurors),
        ),
    },
    {
      op: 'Challenge.judgingProgress',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      parallel: true,
      prepare: async () => op(CHALLENGE_FIELD('judgingProgress { assignments submitted }'), () => ({ id: shared.judging.challengeId })),
    },
    {
      op: 'Challenge.leaderboard (JUDGING)',
      expected: table('HIDDEN', { VISIBLE: ORGANIZERS }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          CHALLENGE_FIELD('leaderboard { rank idea { id } }'),
          () => ({ id: shared.judging.challengeId }),
          (d) => shown(d.challenge.leaderboard),
        ),
    },
    {
      op: 'Challenge.leaderboard (RESULTS_PUBLISHED)',
      expected: table('VISIBLE', {}, 'VISIBLE'),
      parallel: true,
      prepare: async () =>
        op(
          CHALLENGE_FIELD('leaderboard { rank idea { id } }'),
          () => ({ id: shared.results.challengeId }),
          (d) => shown(d.challenge.leaderboard),
        ),
    },
    // ---------------------------------------------------------------- reports and exports (issue 14)
    {
      op: 'Challenge.juryReport (JUDGING)',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      parallel: true,
      prepare: async () =>
        op(CHALLENGE_FIELD('juryReport { reviewCount agreement { alpha } jurors { pseudonym } disputedIdeas { idea { id } } }'), () => ({ id: shared.judging.challengeId })),
    },
    {
      op: 'Challenge.juryReport (RESULTS_PUBLISHED)',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      parallel: true,
      prepare: async () => op(CHALLENGE_FIELD('juryReport { reviewCount }'), () => ({ id: shared.results.challengeId })),
    },
    {
      op: 'Challenge.juryReport (DRAFT)',
      expected: table('NOT_FOUND', { ALLOW: ORGANIZERS }, 'NOT_FOUND'),
      parallel: true,
      prepare: async () => op(CHALLENGE_FIELD('juryReport { reviewCount }'), () => ({ id: shared.draft.challengeId })),
    },
    {
      op: 'impactReport',
      // The promoter's members (here its owner, the organizer) and admins; organizations are public, so FORBIDDEN.
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      parallel: true,
      prepare: async () =>
        op(
          `query($org: ID!, $from: DateTime!, $to: DateTime!) { impactReport(organizerId: $org, from: $from, to: $to) { overall { teams students } bySchool { school { id } } } }`,
          () => ({
            org: w.promoterId,
            from: new Date(Date.now() - 86_400_000).toISOString(),
            to: new Date(Date.now() + 86_400_000).toISOString(),
          }),
        ),
    },
    {
      op: 'createExportLink (results.csv, JUDGING)',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      parallel: true, // a link changes nothing
      prepare: async () => op(CREATE_EXPORT_LINK, () => ({ path: `/exports/challenges/${shared.judging.challengeId}/results.csv` })),
    },
    {
      op: 'createExportLink (reviews.csv, DRAFT)',
      expected: table('NOT_FOUND', { ALLOW: ORGANIZERS }),
      parallel: true,
      prepare: async () => exportLinkCell(shared.draft.challengeId),
    },
    {
      op: 'createExportLink (impact.csv)',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      parallel: true,
      prepare: async () => op(CREATE_EXPORT_LINK, () => ({ path: `/exports/organizations/${w.promoterId}/impact.csv?from=2020-01-01&to=2030-01-01` })),
    },
    ...(['results.csv', 'results.json', 'reviews.csv'] as const).flatMap((file): Row[] => [
      {
        op: `GET ${file} (JUDGING)`,
        expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
        parallel: true,
        prepare: async () => httpCell(`/exports/challenges/${shared.judging.challengeId}/${file}`),
      },
      {
        op: `GET ${file} (RESULTS_PUBLISHED)`,
        expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
        parallel: true,
        prepare: async () => httpCell(`/exports/challenges/${shared.results.challengeId}/${file}`),
      },
      {
        op: `GET ${file} (DRAFT)`,
        expected: table('NOT_FOUND', { ALLOW: ORGANIZERS }),
        parallel: true,
        prepare: async () => httpCell(`/exports/challenges/${shared.draft.challengeId}/${file}`),
      },
    ]),
    {
      op: 'GET impact.csv',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      parallel: true,
      prepare: async () => httpCell(`/exports/organizations/${w.promoterId}/impact.csv?from=2020-01-01&to=2030-01-01`),
    },
    {
      op: 'Idea.score (JUDGING)',
      expected: table('NOT_FOUND', { VISIBLE: ORGANIZERS, HIDDEN: ['student', 'coach', 'jurorAssigned'] }, 'NOT_FOUND'),
      parallel: true,
      prepare: async () =>
        op(
          IDEA_FIELD('score { rank rawScore }'),
          () => ({ id: shared.judging.ideaId }),
          (d) => shown(d.idea.score),
        ),
    },
    {
      op: 'Idea.reviews (JUDGING)',
      expected: table('NOT_FOUND', { VISIBLE: [...ORGANIZERS, 'jurorAssigned'], HIDDEN: ['student', 'coach'] }, 'NOT_FOUND'),
      parallel: true,
      prepare: async () =>
        op(
          IDEA_FIELD('reviews { id juror { id } }'),
          () => ({ id: shared.judging.ideaId }),
          (d) => reviewsOutcome(d.idea.reviews),
        ),
    },
    {
      op: 'Idea.reviews (RESULTS_PUBLISHED)',
      expected: table('HIDDEN', { VISIBLE: [...ORGANIZERS, 'jurorAssigned'], ANONYMISED: ['student', 'coach'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          IDEA_FIELD('reviews { id juror { id } }'),
          () => ({ id: shared.results.ideaId }),
          (d) => reviewsOutcome(d.idea.reviews),
        ),
    },
    {
      op: 'Idea.team (blind judging)',
      expected: table('NOT_FOUND', { VISIBLE: TEAM_INSIDE, HIDDEN: ['jurorAssigned'] }, 'NOT_FOUND'),
      parallel: true,
      prepare: async () =>
        op(
          IDEA_FIELD('team { id }'),
          () => ({ id: shared.blind.ideaId }),
          (d) => shown(d.idea.team),
        ),
    },
    {
      op: 'Team.school and Team.idea (blind judging)',
      // Teams stay public; their school, and their idea (which would name them), are hidden from every juror of the challenge.
      expected: table('SCHOOL_ONLY', { VISIBLE: TEAM_INSIDE, HIDDEN: ['jurorAssigned', 'jurorOther'] }, 'SCHOOL_ONLY'),
      parallel: true,
      prepare: async () =>
        op(
          TEAM_FIELD('school { id } idea { id }'),
          () => ({ id: shared.blind.teamId }),
          (d) => (d.team.school && d.team.idea ? 'VISIBLE' : d.team.school ? 'SCHOOL_ONLY' : d.team.idea ? 'IDEA_ONLY' : 'HIDDEN'),
        ),
    },
    {
      op: 'Challenge.teams (blind judging)',
      // A juror who does not organize the challenge sees how many teams there are, not which (no names, classes, cursors).
      expected: table('VISIBLE', { COUNT_ONLY: ['jurorAssigned', 'jurorOther'] }, 'VISIBLE'),
      parallel: true,
      prepare: async () =>
        op(
          `query($id: ID) { challenge(id: $id) { teams(first: 5) { totalCount edges { cursor node { id name } } pageInfo { endCursor } } } }`,
          () => ({ id: shared.blind.challengeId }),
          (d) => (d.challenge.teams.edges.length > 0 ? 'VISIBLE' : d.challenge.teams.totalCount > 0 && d.challenge.teams.pageInfo.endCursor === null ? 'COUNT_ONLY' : 'HIDDEN'),
        ),
    },
    {
      op: 'Idea.adoptedBy (accepted)',
      // Which company adopted the idea is public with the idea.
      expected: table('VISIBLE', {}, 'VISIBLE'),
      parallel: true,
      prepare: async () =>
        op(
          IDEA_FIELD('adoptedBy { id name }'),
          () => ({ id: shared.results.ideaId }),
          (d) => (d.idea.adoptedBy === null ? 'HIDDEN' : d.idea.adoptedBy.id === w.companyId && d.idea.adoptedBy.name ? 'VISIBLE' : 'WRONG_COMPANY'),
        ),
    },
    {
      op: 'Idea.adoptedBy (hidden idea)',
      expected: table('NOT_FOUND', { HIDDEN: ['student', 'coach', 'organizer', 'admin'] }, 'NOT_FOUND'),
      parallel: true,
      prepare: async () =>
        op(
          IDEA_FIELD('adoptedBy { id }'),
          () => ({ id: shared.open.ideaId }),
          (d) => shown(d.idea.adoptedBy),
        ),
    },
    {
      op: 'Idea.adoption (accepted)',
      // Its terms (message, commitment, decision note, proposer, tutors): the team, its tutors, the organizers, the adopting company.
      expected: table('HIDDEN', { VISIBLE: ADOPTED_TEAM_INSIDE }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          IDEA_FIELD('adoption { id message commitment decisionNote company { id } }'),
          () => ({ id: shared.results.ideaId }),
          (d) => shown(d.idea.adoption),
        ),
    },
    {
      op: 'Idea.adoptionProposals',
      expected: table('HIDDEN', { ALL: ['coach', 'organizer', 'admin'], OWN: ['sponsor', 'tutor'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          IDEA_FIELD('adoptionProposals { id }'),
          () => ({ id: shared.results.ideaId }),
          (d) => {
            const ids = new Set(d.idea.adoptionProposals.map((a: any) => a.id));
            if (ids.size === 0) return 'HIDDEN';
            return ids.has(shared.results.adoptionId) && ids.has(shared.results.sponsorAdoptionId) ? 'ALL' : ids.size === 1 ? 'OWN' : `UNEXPECTED(${ids.size})`;
          },
        ),
    },
    // ---------------------------------------------------------------- a person's name and email, through every path that reaches a user
    ...personRows('me', {
      target: (role) => (role === 'anonymous' ? undefined : w.users[role]),
      query: `{ me { id displayName email } }`,
      reach: (d) => [d.me],
      // User.email of me: the row 'me (with email)' above.
      displayName: table('VISIBLE', {}, 'HIDDEN'),
    }),
    ...personRows('AuthPayload.user (signIn)', {
      // Anonymous callers sign in as the student, like the signIn row.
      target: (role) => w.users[role === 'anonymous' ? 'student' : role],
      query: `mutation($input: SignInInput!) { signIn(input: $input) { user { id displayName email } } }`,
      variables: (role) => {
        const user = w.users[role === 'anonymous' ? 'student' : role];
        return { input: { email: user.email, password: user.password } };
      },
      reach: (d) => [d.signIn.user],
      displayName: table('VISIBLE', {}, 'VISIBLE'),
      email: table('VISIBLE', {}, 'VISIBLE'),
    }),
    ...personRows('Team.members.user, student (adopted team)', {
      target: () => w.users.student,
      query: TEAM_FIELD('members { user { id displayName email } }'),
      variables: () => ({ id: shared.results.teamId }),
      reach: (d) => d.team.members.map((m: any) => m.user),
      // User.email of this student: the row 'User.email (of a team member)' above.
      displayName: table('HIDDEN', { VISIBLE: ADOPTED_TEAM_INSIDE }, 'HIDDEN'),
    }),
    ...personRows('Team.members.user, coach (adopted team)', {
      target: () => w.users.coach,
      query: TEAM_FIELD('members { user { id displayName email } }'),
      variables: () => ({ id: shared.results.teamId }),
      reach: (d) => d.team.members.map((m: any) => m.user),
      displayName: table('HIDDEN', { VISIBLE: ADOPTED_TEAM_INSIDE }, 'HIDDEN'),
      email: table('HIDDEN', { VISIBLE: ['coach', 'admin'] }, 'HIDDEN'),
    }),
    ...personRows('Organization.members.user, coach (school)', {
      target: () => w.users.coach,
      query: `query($id: ID!) { organization(id: $id) { members { user { id displayName email } } } }`,
      variables: () => ({ id: w.schoolId }),
      reach: (d) => d.organization.members.map((m: any) => m.user),
      displayName: table('HIDDEN', { VISIBLE: ['coach', 'admin'] }, 'HIDDEN'),
      email: table('HIDDEN', { VISIBLE: ['coach', 'admin'] }, 'HIDDEN'),
    }),
    ...personRows('Organization.members.user, tutor (company)', {
      target: () => w.users.tutor,
      query: `query($id: ID!) { organization(id: $id) { members { user { id displayName email } } } }`,
      variables: () => ({ id: w.companyId }),
      reach: (d) => d.organization.members.map((m: any) => m.user),
      displayName: table('HIDDEN', { VISIBLE: ['tutor', 'admin'] }, 'HIDDEN'),
      email: table('HIDDEN', { VISIBLE: ['tutor', 'admin'] }, 'HIDDEN'),
    }),
    ...personRows('Challenge.jurors.user, jurorAssigned', {
      target: () => w.users.jurorAssigned,
      query: CHALLENGE_FIELD('jurors { user { id displayName email } }'),
      variables: () => ({ id: shared.judging.challengeId }),
      reach: (d) => d.challenge.jurors.map((j: any) => j.user),
      displayName: table('HIDDEN', { VISIBLE: ORGANIZERS }, 'HIDDEN'),
      email: table('HIDDEN', { VISIBLE: ['admin'] }, 'HIDDEN'),
    }),
    ...personRows('Idea.reviews.juror.user (JUDGING), jurorAssigned', {
      target: () => w.users.jurorAssigned,
      query: IDEA_FIELD('reviews { juror { user { id displayName email } } }'),
      variables: () => ({ id: shared.judging.ideaId }),
      reach: (d) => d.idea.reviews.map((r: any) => r.juror?.user),
      displayName: table('NOT_FOUND', { VISIBLE: [...ORGANIZERS, 'jurorAssigned'], HIDDEN: ['student', 'coach'] }, 'NOT_FOUND'),
      email: table('NOT_FOUND', { VISIBLE: ['jurorAssigned', 'admin'], HIDDEN: ['student', 'coach', 'organizer'] }, 'NOT_FOUND'),
    }),
    ...personRows('Team.tutors, tutor (adopted team)', {
      target: () => w.users.tutor,
      query: TEAM_FIELD('tutors { id displayName email }'),
      variables: () => ({ id: shared.results.teamId }),
      reach: (d) => d.team.tutors,
      displayName: table('HIDDEN', { VISIBLE: ADOPTED_TEAM_INSIDE }, 'HIDDEN'),
      email: table('HIDDEN', { VISIBLE: ['tutor', 'admin'] }, 'HIDDEN'),
    }),
    ...personRows('Idea.adoption.tutors (accepted), tutor', {
      target: () => w.users.tutor,
      query: IDEA_FIELD('adoption { tutors { id displayName email } }'),
      variables: () => ({ id: shared.results.ideaId }),
      reach: (d) => d.idea.adoption?.tutors ?? [],
      displayName: table('HIDDEN', { VISIBLE: ADOPTED_TEAM_INSIDE }, 'HIDDEN'),
      email: table('HIDDEN', { VISIBLE: ['tutor', 'admin'] }, 'HIDDEN'),
    }),
    ...personRows('Idea.adoption.proposedBy (accepted), company owner', {
      target: () => w.extras.companyOwner,
      query: IDEA_FIELD('adoption { proposedBy { id displayName email } }'),
      variables: () => ({ id: shared.results.ideaId }),
      reach: (d) => [d.idea.adoption?.proposedBy],
      displayName: table('HIDDEN', { VISIBLE: ADOPTED_TEAM_INSIDE }, 'HIDDEN'),
      email: table('HIDDEN', { VISIBLE: ['admin'] }, 'HIDDEN'),
    }),
    ...personRows('Milestone.reviewedBy, coach (adopted team)', {
      target: () => w.users.coach,
      // The student submits a milestone no other row touches and the coach approves it, once for both rows.
      setup: async () => {
        const milestoneId = shared.results.milestoneIds![3];
        await gqlOk(
          api.url,
          `mutation($input: SubmitMilestoneInput!) { submitMilestone(input: $input) { id } }`,
          { input: { milestoneId, evidence: 'Lanciato' } },
          w.users.student.token,
        );
        await gqlOk(api.url, `mutation($input: ReviewMilestoneInput!) { reviewMilestone(input: $input) { id } }`, { input: { milestoneId, approve: true } }, w.users.coach.token);
      },
      query: `query($id: ID!) { miniCompany(id: $id) { milestones { reviewedBy { id displayName email } } } }`,
      variables: () => ({ id: shared.results.miniCompanyId }),
      reach: (d) => d.miniCompany.milestones.map((m: any) => m.reviewedBy),
      displayName: table('NOT_FOUND', { VISIBLE: ADOPTED_TEAM_INSIDE }, 'NOT_FOUND'),
      email: table('NOT_FOUND', { VISIBLE: ['coach', 'admin'], HIDDEN: ['student', 'organizer', 'tutor'] }, 'NOT_FOUND'),
    }),
    // ---------------------------------------------------------------- mutations: identity and organizations
    {
      op: 'signUp',
      expected: table('ALLOW', {}, 'ALLOW'),
      parallel: true,
      prepare: async () =>
        op(`mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`, (role) => ({
          input: { email: uniqueEmail(`signup.${role}`), password: 'correct horse battery', displayName: 'Nuovo' },
        })),
    },
    {
      op: 'signIn',
      expected: table('ALLOW', {}, 'ALLOW'),
      parallel: true,
      prepare: async () =>
        op(`mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`, (role) => {
          const user = w.users[role === 'anonymous' ? 'student' : role];
          return { input: { email: user.email, password: user.password } };
        }),
    },
    {
      op: 'refreshToken',
      expected: table('ALLOW', {}, 'ALLOW'),
      parallel: true,
      prepare: async () =>
        op(`mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }`, async (role) => {
          const user = w.users[role === 'anonymous' ? 'student' : role];
          const signedIn = await gqlOk(api.url, `mutation($i: SignInInput!) { signIn(input: $i) { refreshToken } }`, { i: { email: user.email, password: user.password } });
          return { t: signedIn.signIn.refreshToken };
        }),
    },
    {
      op: 'createOrganization',
      expected: table('ALLOW'),
      prepare: async () => op(`mutation { createOrganization(input: { name: "Nuova associazione", kind: OTHER }) { id } }`, () => ({})),
    },
    {
      op: 'addOrganizationMember (school)',
      expected: table('FORBIDDEN', { ALLOW: ['coach', 'admin'] }),
      prepare: async () => {
        const spare = await w.spare();
        return op(`mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) { id } }`, () => ({
          input: { organizationId: w.schoolId, email: spare.email },
        }));
      },
    },
    {
      op: 'acceptOrganizationInvitation',
      // Only the invitee (here the student) has an invitation to accept; for anyone else none exists.
      expected: table('NOT_FOUND', { ALLOW: ['student'] }),
      prepare: async () => {
        const org = (await gqlOk(api.url, `mutation { createOrganization(input: { name: "Associazione che invita", kind: OTHER }) { id } }`, {}, w.extras.companyOwner.token))
          .createOrganization.id;
        await gqlOk(api.url, INVITE, { input: { organizationId: org, email: w.users.student.email } }, w.extras.companyOwner.token);
        return op(`mutation($org: ID!) { acceptOrganizationInvitation(organizationId: $org) { id } }`, () => ({ org }));
      },
    },
    {
      op: 'declineOrganizationInvitation',
      expected: table('NOT_FOUND', { ALLOW: ['student'] }),
      prepare: async () => {
        const org = (await gqlOk(api.url, `mutation { createOrganization(input: { name: "Associazione rifiutata", kind: OTHER }) { id } }`, {}, w.extras.companyOwner.token))
          .createOrganization.id;
        await gqlOk(api.url, INVITE, { input: { organizationId: org, email: w.users.student.email } }, w.extras.companyOwner.token);
        return op(`mutation($org: ID!) { declineOrganizationInvitation(organizationId: $org) { id status } }`, () => ({ org }));
      },
    },
    {
      op: 'withdrawOrganizationInvitation (school)',
      // The owner of the school (the coach) and admins; otherStudent, invited as OWNER, is no owner yet.
      expected: table('FORBIDDEN', { ALLOW: ['coach', 'admin'] }),
      prepare: async () =>
        op(`mutation($org: ID!, $user: ID!) { withdrawOrganizationInvitation(organizationId: $org, userId: $user) { id status } }`, async () => {
          const spare = await w.spare();
          await gqlOk(api.url, INVITE, { input: { organizationId: w.schoolId, email: spare.email } }, w.users.coach.token);
          return { org: w.schoolId, user: spare.id };
        }),
    },
    {
      op: 'acceptDataProcessingAgreement (school)',
      // Only an owner of the school (the coach owns it); the school is public, so others are FORBIDDEN.
      expected: table('FORBIDDEN', { ALLOW: ['coach', 'admin'] }),
      prepare: async () => op(ACCEPT_DPA, () => ({ org: w.schoolId, v: 'matrice-2' })),
    },
    {
      op: 'signInWithCode',
      expected: table('ALLOW', {}, 'ALLOW'),
      parallel: true,
      prepare: async () => {
        const [credential] = await rosterStudents(shared.open.challengeId);
        return op(`mutation($u: String!, $c: String!) { signInWithCode(username: $u, code: $c) { accessToken } }`, () => ({ u: credential!.username, c: credential!.code }));
      },
    },
    // ---------------------------------------------------------------- mutations: challenges
    {
      op: 'createChallenge',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      prepare: async () =>
        op(`mutation($input: CreateChallengeInput!) { createChallenge(input: $input) { id } }`, () => ({
          input: {
            organizerId: w.promoterId,
            title: 'Sfida della matrice',
            description: 'Descrizione',
            format: 'SCHOOL_CLIMATHON',
            submissionOpensAt: new Date(Date.now() + 86_400_000).toISOString(),
            submissionClosesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
            judgingClosesAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
            themes: [{ name: 'Energia' }],
            criteria: [{ name: 'Impatto' }],
          },
        })),
    },
    {
      op: 'updateChallenge DRAFT',
      expected: table('NOT_FOUND', { ALLOW: ORGANIZERS }),
      prepare: async () =>
        op(`mutation($input: UpdateChallengeInput!) { updateChallenge(input: $input) { id } }`, () => ({ input: { id: shared.draft.challengeId, description: 'Aggiornata' } })),
    },
    {
      op: 'updateChallenge PUBLISHED',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      prepare: async () =>
        op(`mutation($input: UpdateChallengeInput!) { updateChallenge(input: $input) { id } }`, () => ({ input: { id: shared.open.challengeId, description: 'Aggiornata' } })),
    },
    {
      op: 'publishChallenge',
      expected: table('NOT_FOUND', { ALLOW: ORGANIZERS }),
      prepare: async () => {
        const draft = await createChallenge(api.url, w.users.organizer, w.promoterId, { title: 'Bozza da pubblicare' });
        return op(`mutation($id: ID!) { publishChallenge(id: $id) { id } }`, () => ({ id: draft.id }));
      },
    },
    // ---------------------------------------------------------------- mutations: teams
    {
      op: 'createTeam (school)',
      expected: table('FORBIDDEN', { ALLOW: TEAM_LEADS_SCHOOL }),
      prepare: async () =>
        op(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, () => ({
          input: { challengeId: shared.open.challengeId, name: 'Nuova', schoolId: w.schoolId },
        })),
    },
    {
      op: 'createTeam (open hackathon)',
      // Everyone may found a team; who already is in one meets CONFLICT. New captains lead only their new team.
      expected: table('ALLOW'),
      prepare: async () =>
        op(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, () => ({ input: { challengeId: shared.hackOpen.challengeId, name: 'Nuova' } })),
    },
    {
      op: 'createTeam (open hackathon, with schoolId)',
      // The school must be the captain's (docs/rules.md "People and roles"): the coach owns it, so only they and admins.
      expected: table('FORBIDDEN', { ALLOW: ['coach', 'admin'] }),
      prepare: async () =>
        op(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, () => ({
          input: { challengeId: shared.hackOpen.challengeId, name: 'Con scuola', schoolId: w.schoolId },
        })),
    },
    {
      op: 'createTeam (DRAFT challenge)',
      // The organizer sees the draft but is no member of the school; the admin is refused by the phase only.
      expected: table('NOT_FOUND', { FORBIDDEN: ['organizer'], ALLOW: ['admin'] }),
      prepare: async () =>
        op(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, () => ({
          input: { challengeId: shared.draft.challengeId, name: 'Nuova', schoolId: w.schoolId },
        })),
    },
    {
      op: 'joinTeam',
      // Anyone holding the code joins (a second team of the coach in the open challenge, so the target team keeps its members).
      expected: table('ALLOW'),
      prepare: async () => {
        const team = await createTeam(api.url, w.users.coach, { challengeId: shared.open.challengeId, schoolId: w.schoolId, name: 'Squadra aperta' });
        return op(`mutation($code: String!) { joinTeam(joinCode: $code) { id } }`, () => ({ code: team.joinCode }));
      },
    },
    {
      op: 'addStudents (school)',
      // Coaches of the team (and admins); the team is public, so everyone else signed in is FORBIDDEN.
      expected: table('FORBIDDEN', { ALLOW: TEAM_LEADS_SCHOOL }),
      prepare: async () => {
        await gqlOk(api.url, ACCEPT_DPA, { org: w.schoolId, v: 'matrice-1' }, w.users.coach.token);
        const team = await createTeam(api.url, w.users.coach, { challengeId: shared.open.challengeId, schoolId: w.schoolId, name: 'Classe del registro' });
        return op(ADD_STUDENTS, () => ({ team: team.id, students: [{ displayName: 'Giulia R.' }] }));
      },
    },
    {
      op: 'resetStudentCode',
      // A roster student of the target team: its coaches (and admins) reset; who sees the team's members (the team,
      // the organizers) is FORBIDDEN; for everyone else the student does not exist.
      expected: table('NOT_FOUND', { ALLOW: TEAM_LEADS_SCHOOL, FORBIDDEN: ['student', 'organizer'] }),
      prepare: async () => {
        const [credential] = await rosterStudents(shared.open.challengeId, shared.open.teamId);
        return op(`mutation($id: ID!) { resetStudentCode(userId: $id) { code } }`, () => ({ id: credential!.userId }));
      },
    },
    {
      op: 'recordConsent (PARENT, roster student)',
      // A roster student of a new team of the coach: the coach records a parent's consent; the organizers see the
      // student (FORBIDDEN); for the rest the student does not exist.
      expected: table('NOT_FOUND', { ALLOW: TEAM_LEADS_SCHOOL, FORBIDDEN: ['organizer'] }),
      prepare: async () => {
        const [credential] = await rosterStudents(shared.open.challengeId);
        return op(`mutation($u: ID!) { recordConsent(userId: $u, purpose: PUBLIC_NAME, givenBy: PARENT) { givenBy } }`, () => ({ u: credential!.userId }));
      },
    },
    {
      op: 'withdrawConsent (roster student)',
      expected: table('NOT_FOUND', { ALLOW: TEAM_LEADS_SCHOOL, FORBIDDEN: ['organizer'] }),
      prepare: async () => {
        const [credential] = await rosterStudents(shared.open.challengeId);
        await gqlOk(api.url, `mutation($u: ID!) { recordConsent(userId: $u, purpose: PUBLIC_NAME, givenBy: PARENT) { givenBy } }`, { u: credential!.userId }, w.users.coach.token);
        return op(`mutation($u: ID!) { withdrawConsent(userId: $u, purpose: PUBLIC_NAME) }`, () => ({ u: credential!.userId }));
      },
    },
    {
      op: 'removeTeamMember (school, another member)',
      expected: table('FORBIDDEN', { ALLOW: TEAM_LEADS_SCHOOL }),
      prepare: async () => removeVictimCell(shared.open),
    },
    {
      op: 'removeTeamMember (open hackathon, another member)',
      expected: table('FORBIDDEN', { ALLOW: TEAM_LEADS_HACK }),
      prepare: async () => removeVictimCell(shared.hackOpen),
    },
    // ---------------------------------------------------------------- mutations: ideas
    {
      op: 'saveIdea (school)',
      expected: table('FORBIDDEN', { ALLOW: ['student', 'coach', 'admin'] }),
      prepare: async () => saveIdeaCell(shared.open),
    },
    {
      op: 'saveIdea (open hackathon)',
      expected: table('FORBIDDEN', { ALLOW: ['student', 'captain', 'admin'] }),
      prepare: async () => saveIdeaCell(shared.hackOpen),
    },
    {
      op: 'withdrawIdea (school)',
      expected: table('NOT_FOUND', { ALLOW: TEAM_LEADS_SCHOOL, FORBIDDEN: ['student', 'organizer'] }),
      prepare: async () => op(`mutation($id: ID!) { withdrawIdea(ideaId: $id) { id } }`, () => ({ id: chain.school.ideaId })),
    },
    {
      op: 'submitIdea (school)',
      expected: table('NOT_FOUND', { ALLOW: TEAM_LEADS_SCHOOL, FORBIDDEN: ['student', 'organizer'] }),
      prepare: async () => op(`mutation($id: ID!) { submitIdea(ideaId: $id) { id } }`, () => ({ id: chain.school.ideaId })),
    },
    {
      op: 'withdrawIdea (open hackathon)',
      expected: table('NOT_FOUND', { ALLOW: TEAM_LEADS_HACK, FORBIDDEN: ['student', 'organizer'] }),
      prepare: async () => op(`mutation($id: ID!) { withdrawIdea(ideaId: $id) { id } }`, () => ({ id: chain.hack.ideaId })),
    },
    {
      op: 'submitIdea (open hackathon)',
      expected: table('NOT_FOUND', { ALLOW: TEAM_LEADS_HACK, FORBIDDEN: ['student', 'organizer'] }),
      prepare: async () => op(`mutation($id: ID!) { submitIdea(ideaId: $id) { id } }`, () => ({ id: chain.hack.ideaId })),
    },
    {
      op: 'foundMiniCompany (open hackathon)',
      expected: table('FORBIDDEN', { ALLOW: TEAM_LEADS_HACK }),
      prepare: async () =>
        op(`mutation($input: FoundMiniCompanyInput!) { foundMiniCompany(input: $input) { id } }`, () => ({ input: { teamId: chain.hack.teamId, name: 'Nuova impresa' } })),
    },
    {
      op: 'acceptAdoption (open hackathon)',
      expected: table('NOT_FOUND', { ALLOW: ['captain', 'organizer', 'admin'], FORBIDDEN: ['tutor'] }),
      prepare: async () => {
        await db.query(`UPDATE challenge SET status = 'RESULTS_PUBLISHED' WHERE id = $1`, [chain.hack.challengeId]);
        const proposal = await gqlOk(api.url, PROPOSE, { input: { ideaId: chain.hack.ideaId, companyId: w.companyId, message: 'Proposta' } }, w.extras.companyOwner.token);
        return op(`mutation($input: DecideAdoptionInput!) { acceptAdoption(input: $input) { id } }`, () => ({ input: { adoptionId: proposal.proposeAdoption.id } }));
      },
    },
    // ---------------------------------------------------------------- mutations: judging
    {
      op: 'addJuror PUBLISHED',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      prepare: async () => {
        const spare = await w.spare();
        return op(ADD_JUROR, () => ({ input: { challengeId: shared.open.challengeId, email: spare.email } }));
      },
    },
    {
      op: 'addJuror DRAFT',
      expected: table('NOT_FOUND', { ALLOW: ORGANIZERS }),
      prepare: async () => {
        const spare = await w.spare();
        return op(ADD_JUROR, () => ({ input: { challengeId: shared.draft.challengeId, email: spare.email } }));
      },
    },
    {
      op: 'removeJuror',
      // Only organizers see a jury: for everyone else a juror of a public challenge does not exist.
      expected: table('NOT_FOUND', { ALLOW: ORGANIZERS }),
      prepare: async () =>
        op(`mutation($id: ID!) { removeJuror(jurorId: $id) }`, async () => {
          const spare = await w.spare();
          const juror = await gqlOk(api.url, ADD_JUROR, { input: { challengeId: shared.open.challengeId, email: spare.email } }, w.users.organizer.token);
          return { id: juror.addJuror.id };
        }),
    },
    {
      op: 'submitReview',
      expected: table('NOT_FOUND', { ALLOW: ['jurorAssigned', 'admin'], FORBIDDEN: ['organizer'] }),
      prepare: async () =>
        op(`mutation($input: SubmitReviewInput!) { submitReview(input: $input) { id } }`, () => ({
          input: { assignmentId: shared.judging.assignmentId, scores: shared.judging.criteria.map((c) => ({ criterionId: c.id, value: 6 })) },
        })),
    },
    {
      op: 'startJudging',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      prepare: async () => op(`mutation($id: ID!) { startJudging(challengeId: $id) { id } }`, () => ({ id: chain.school.challengeId })),
    },
    {
      op: 'recuseFromReview',
      expected: table('NOT_FOUND', { ALLOW: ['jurorAssigned', 'admin'], FORBIDDEN: ['organizer'] }),
      prepare: async () => {
        const mine = (await gqlOk(api.url, MY_ASSIGNMENTS, { id: chain.school.challengeId }, w.users.jurorAssigned.token)).myAssignments;
        const assignment = mine.find((a: any) => a.idea.id === chain.school.ideaId);
        if (!assignment) throw new Error('startJudging did not assign the target idea to jurorAssigned');
        return op(`mutation($id: ID!) { recuseFromReview(assignmentId: $id, reason: "Conosco la squadra") { id } }`, () => ({ id: assignment.id }));
      },
    },
    {
      op: 'publishResults',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      prepare: async () =>
        op(`mutation($input: PublishResultsInput!) { publishResults(input: $input) { id } }`, () => ({
          input: { challengeId: chain.school.challengeId, awards: [{ ideaId: chain.school.ideaId, title: 'Primo premio', place: 1 }] },
        })),
    },
    // ---------------------------------------------------------------- mutations: adoption
    {
      op: 'proposeAdoption',
      expected: table('FORBIDDEN', { ALLOW: ['sponsor', 'admin'] }),
      prepare: async () =>
        op(`mutation($input: ProposeAdoptionInput!) { proposeAdoption(input: $input) { id } }`, () => ({
          input: { ideaId: chain.school.ideaId, companyId: w.sponsorCompanyId, message: 'Vorremmo adottarvi' },
        })),
    },
    {
      op: 'closeChallenge',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      prepare: async () => op(`mutation($id: ID!) { closeChallenge(id: $id) { id } }`, () => ({ id: chain.school.challengeId })),
    },
    {
      op: 'declineAdoption',
      expected: table('NOT_FOUND', { ALLOW: ['coach', 'organizer', 'admin'], FORBIDDEN: ['tutor'] }),
      prepare: async () =>
        op(`mutation($input: DecideAdoptionInput!) { declineAdoption(input: $input) { id } }`, () => ({ input: { adoptionId: chain.adoption.companyAdoptionId } })),
    },
    {
      op: 'withdrawAdoption',
      expected: table('NOT_FOUND', { ALLOW: ['sponsor', 'admin'], FORBIDDEN: ['coach', 'organizer'] }),
      prepare: async () => op(`mutation($id: ID!) { withdrawAdoption(adoptionId: $id) { id } }`, () => ({ id: chain.adoption.sponsorAdoptionId })),
    },
    {
      op: 'acceptAdoption (school)',
      expected: table('NOT_FOUND', { ALLOW: ['coach', 'organizer', 'admin'], FORBIDDEN: ['tutor'] }),
      prepare: async () => {
        const proposal = await gqlOk(api.url, PROPOSE, { input: { ideaId: chain.adoption.ideaId, companyId: w.companyId, message: 'Di nuovo' } }, w.extras.companyOwner.token);
        chain.adoption.adoptionId = proposal.proposeAdoption.id;
        return op(`mutation($input: DecideAdoptionInput!) { acceptAdoption(input: $input) { id } }`, () => ({ input: { adoptionId: chain.adoption.adoptionId } }));
      },
    },
    {
      op: 'assignTutor',
      // The accepted adoption is seen by the team and the organizers (FORBIDDEN), hidden from everyone else (NOT_FOUND).
      expected: table('NOT_FOUND', { ALLOW: ['tutor', 'admin'], FORBIDDEN: ['student', 'coach', 'organizer'] }),
      prepare: async () => {
        const spare = await w.spare();
        await db.query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'MEMBER')`, [w.companyId, spare.id]);
        return op(`mutation($input: AssignTutorInput!) { assignTutor(input: $input) { id } }`, () => ({ input: { adoptionId: shared.results.adoptionId, email: spare.email } }));
      },
    },
    // ---------------------------------------------------------------- mutations and counts: people's choice
    {
      op: 'openPublicVoting (DRAFT)',
      // Organizers see the draft and meet FAILED_PRECONDITION (results are not published); for everyone else it does not exist.
      expected: table('NOT_FOUND', { ALLOW: ORGANIZERS }),
      prepare: async () => op(OPEN_VOTING, () => ({ input: { challengeId: shared.draft.challengeId, closesAt: inDays(7) } })),
    },
    {
      op: 'openPublicVoting',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      prepare: async () => op(OPEN_VOTING, () => ({ input: { challengeId: shared.results.challengeId, closesAt: inDays(7) } })),
    },
    {
      op: 'castPublicVote',
      // Everyone signed in but the target team's members (the student and the coach; tutors are not members).
      expected: table('ALLOW', { FORBIDDEN: ['student', 'coach'] }),
      prepare: async () => op(CAST_VOTE, () => ({ ideaId: shared.results.ideaId })),
    },
    {
      op: 'castPublicVote (unsubmitted idea)',
      // The other team's draft: its own student may see it (FORBIDDEN, their team), organizers see it (FAILED_PRECONDITION), nobody else.
      expected: table('NOT_FOUND', { FORBIDDEN: ['otherStudent'], ALLOW: ORGANIZERS }),
      prepare: async () => op(CAST_VOTE, () => ({ ideaId: shared.results.otherIdeaId })),
    },
    {
      op: 'Challenge.publicVoting',
      expected: table('VISIBLE', {}, 'VISIBLE'),
      parallel: true,
      prepare: async () =>
        op(
          CHALLENGE_FIELD('publicVoting { status closesAt }'),
          () => ({ id: shared.results.challengeId }),
          (d) => shown(d.challenge.publicVoting),
        ),
    },
    {
      op: 'Challenge.myPublicVote',
      // Each voter's own vote (cast in the castPublicVote row); the target team's members could not vote.
      expected: table('VISIBLE', { HIDDEN: ['student', 'coach'] }, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          CHALLENGE_FIELD('myPublicVote { idea { id } }'),
          () => ({ id: shared.results.challengeId }),
          (d) => shown(d.challenge.myPublicVote),
        ),
    },
    {
      op: 'Challenge.peoplesChoice (vote open)',
      expected: table('HIDDEN', {}, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          CHALLENGE_FIELD('peoplesChoice { votes idea { id } }'),
          () => ({ id: shared.results.challengeId }),
          (d) => shown(d.challenge.peoplesChoice),
        ),
    },
    {
      op: 'Idea.publicVotes (vote open)',
      expected: table('HIDDEN', {}, 'HIDDEN'),
      parallel: true,
      prepare: async () =>
        op(
          IDEA_FIELD('publicVotes'),
          () => ({ id: shared.results.ideaId }),
          (d) => shown(d.idea.publicVotes),
        ),
    },
    {
      op: 'closePublicVoting',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      prepare: async () => {
        await gqlOk(api.url, OPEN_VOTING, { input: { challengeId: chain.adoption.challengeId, closesAt: inDays(7) } }, w.users.organizer.token);
        await gqlOk(api.url, CAST_VOTE, { ideaId: chain.adoption.ideaId }, w.users.otherStudent.token);
        return op(`mutation($id: ID!) { closePublicVoting(challengeId: $id) { id } }`, () => ({ id: chain.adoption.challengeId }));
      },
    },
    {
      op: 'Challenge.peoplesChoice (vote closed)',
      expected: table('VISIBLE', {}, 'VISIBLE'),
      parallel: true,
      prepare: async () =>
        op(
          CHALLENGE_FIELD('peoplesChoice { votes idea { id } }'),
          () => ({ id: chain.adoption.challengeId }),
          (d) => shown(d.challenge.peoplesChoice),
        ),
    },
    {
      op: 'Idea.publicVotes (vote closed)',
      expected: table('VISIBLE', {}, 'VISIBLE'),
      parallel: true,
      prepare: async () =>
        op(
          IDEA_FIELD('publicVotes'),
          () => ({ id: chain.adoption.ideaId }),
          (d) => shown(d.idea.publicVotes),
        ),
    },
    // ---------------------------------------------------------------- mutations: sponsors
    {
      op: 'setOrganizationInterests (company)',
      // The sponsor owns the sponsor company; organizations are public, so others are FORBIDDEN.
      expected: table('FORBIDDEN', { ALLOW: ['sponsor', 'admin'] }),
      prepare: async () => op(SET_INTERESTS, () => ({ input: { organizationId: w.sponsorCompanyId, district: 'Matrice', sectors: ['Energia'], themes: ['Acqua'] } })),
    },
    {
      op: 'followTheme (company)',
      // Any member of the company (the tutor is one); the second allowed call meets CONFLICT.
      expected: table('FORBIDDEN', { ALLOW: ['tutor', 'admin'] }),
      prepare: async () => op(FOLLOW_THEME, () => ({ org: w.companyId, theme: 'Tema della riga follow' })),
    },
    {
      op: 'unfollowTheme (company)',
      // Each cell unfollows a theme the company follows just for it.
      expected: table('FORBIDDEN', { ALLOW: ['tutor', 'admin'] }),
      prepare: async () =>
        op(`mutation($org: ID!, $theme: String!) { unfollowTheme(organizationId: $org, theme: $theme) { id } }`, async (role) => {
          const theme = `Da non seguire ${role}`;
          await gqlOk(api.url, FOLLOW_THEME, { org: w.companyId, theme }, w.extras.companyOwner.token);
          return { org: w.companyId, theme };
        }),
    },
    // ---------------------------------------------------------------- mutations: mini-companies
    {
      op: 'foundMiniCompany (school, adopted)',
      expected: table('FORBIDDEN', { ALLOW: TEAM_LEADS_SCHOOL }),
      prepare: async () => {
        await gqlOk(api.url, ASSIGN_TUTOR, { input: { adoptionId: chain.adoption.adoptionId, email: w.users.tutor.email } }, w.extras.companyOwner.token);
        return op(`mutation($input: FoundMiniCompanyInput!) { foundMiniCompany(input: $input) { id } }`, () => ({
          input: { teamId: chain.adoption.teamId, name: 'Nuova impresa' },
        }));
      },
    },
    {
      op: 'submitMilestone',
      expected: table('NOT_FOUND', { ALLOW: ['student', 'coach', 'admin'], FORBIDDEN: ['organizer', 'tutor'] }),
      prepare: async () =>
        op(`mutation($input: SubmitMilestoneInput!) { submitMilestone(input: $input) { id } }`, () => ({
          input: { milestoneId: shared.results.milestoneIds![0], evidence: 'Fatto' },
        })),
    },
    {
      op: 'reviewMilestone',
      expected: table('NOT_FOUND', { ALLOW: ['coach', 'tutor', 'admin'], FORBIDDEN: ['student', 'organizer'] }),
      prepare: async () => {
        const milestoneId = shared.results.milestoneIds![1];
        await gqlOk(
          api.url,
          `mutation($input: SubmitMilestoneInput!) { submitMilestone(input: $input) { id } }`,
          { input: { milestoneId, evidence: 'Piano' } },
          w.users.student.token,
        );
        return op(`mutation($input: ReviewMilestoneInput!) { reviewMilestone(input: $input) { id } }`, () => ({ input: { milestoneId, approve: false, feedback: 'Da rivedere' } }));
      },
    },
    {
      op: 'rescheduleMilestone',
      expected: table('NOT_FOUND', { ALLOW: ['coach', 'tutor', 'admin'], FORBIDDEN: ['student', 'organizer'] }),
      prepare: async () =>
        op(`mutation($input: RescheduleMilestoneInput!) { rescheduleMilestone(input: $input) { id } }`, () => ({
          input: { milestoneId: shared.results.milestoneIds![2], dueAt: new Date(Date.now() + 300 * 86_400_000).toISOString() },
        })),
    },
    // ---------------------------------------------------------------- mutations: notifications
    {
      op: 'markNotificationsRead',
      expected: table('ALLOW'),
      prepare: async () => op(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, () => ({ ids: [UNKNOWN] })),
    },
    // ---------------------------------------------------------------- subscriptions (graphql-ws)
    {
      op: 'subscription notificationAdded',
      expected: table('ALLOW'),
      parallel: true,
      prepare: async () => subscribe(`subscription { notificationAdded { id } }`, {}),
    },
    {
      op: 'subscription leaderboardUpdated (JUDGING)',
      expected: table('FORBIDDEN', { ALLOW: ORGANIZERS }),
      parallel: true,
      prepare: async () => subscribe(`subscription($id: ID!) { leaderboardUpdated(challengeId: $id) { rank } }`, { id: shared.judging.challengeId }),
    },
    {
      op: 'subscription leaderboardUpdated (DRAFT)',
      expected: table('NOT_FOUND', { ALLOW: ORGANIZERS }),
      parallel: true,
      prepare: async () => subscribe(`subscription($id: ID!) { leaderboardUpdated(challengeId: $id) { rank } }`, { id: shared.draft.challengeId }),
    },
  ];

  /**
   * The personal fields of one target person reached through one path, as rows 'User.displayName (path)' and
   * 'User.email (path)' (only the fields given an expected table). A cell reads the target's own entry (by id):
   * VISIBLE when the field holds the target's value, HIDDEN when it is null or the target is not reached at all
   * (the list that leads to them is hidden), or the error code of the refusal.
   */
  function personRows(
    path: string,
    spec: {
      target: (role: Role) => { id: string; email: string } | undefined;
      query: string;
      variables?: (role: Role) => Record<string, unknown>;
      reach: (data: any) => ({ id: string; displayName: string | null; email: string | null } | null | undefined)[];
      setup?: () => Promise<void>;
      displayName?: Table;
      email?: Table;
    },
  ): Row[] {
    let ready: Promise<void> | undefined;
    const entry = (data: any, role: Role) => {
      const target = spec.target(role);
      return target ? spec.reach(data).find((u) => u?.id === target.id) : undefined;
    };
    const judges: Record<'displayName' | 'email', (data: any, role: Role) => Outcome> = {
      displayName: (data, role) => (entry(data, role)?.displayName ? 'VISIBLE' : 'HIDDEN'),
      email: (data, role) => {
        const email = entry(data, role)?.email;
        if (email === null || email === undefined) return 'HIDDEN';
        return email.toLowerCase() === spec.target(role)!.email.toLowerCase() ? 'VISIBLE' : 'WRONG_EMAIL';
      },
    };
    return (['displayName', 'email'] as const).flatMap((field) => {
      const expected = spec[field];
      if (!expected) return [];
      return [
        {
          op: `User.${field} (${path})`,
          expected,
          parallel: true,
          prepare: async () => {
            if (spec.setup) await (ready ??= spec.setup());
            return op(spec.query, (role) => spec.variables?.(role) ?? {}, judges[field]);
          },
        },
      ];
    });
  }

  /** Roster students created by the coach (the school's owner, who accepts the agreement first) in `teamId` or a new team. */
  async function rosterStudents(challengeId: string, teamId?: string): Promise<{ userId: string; username: string; code: string }[]> {
    await gqlOk(api.url, ACCEPT_DPA, { org: w.schoolId, v: 'matrice-1' }, w.users.coach.token);
    const team = teamId ?? (await createTeam(api.url, w.users.coach, { challengeId, schoolId: w.schoolId, name: 'Classe con codici' })).id;
    const data = await gqlOk(api.url, ADD_STUDENTS, { team, students: [{ displayName: 'Marco T.' }] }, w.users.coach.token);
    return data.addStudents.students.map((s: { user: { id: string }; username: string; code: string }) => ({ userId: s.user.id, username: s.username, code: s.code }));
  }

  const CREATE_EXPORT_LINK = `mutation($path: String!) { createExportLink(path: $path) { url expiresAt } }`;

  /**
   * A GET of an export (README "Exports") with the role's bearer token, judged by the HTTP status (200 ALLOW, 401, 403,
   * 404 as their codes); a 404 must be the very answer an unknown challenge or organization gets.
   */
  const httpCell =
    (path: string): Cell =>
    async (role) => {
      const get = (p: string) =>
        fetch(api.url.replace(/\/graphql$/, '') + p, { headers: w.token(role) ? { authorization: `Bearer ${w.token(role)}` } : {} }).then(async (r) => ({
          status: r.status,
          body: await r.text(),
        }));
      const { status, body } = await get(path);
      if (status === 200) return 'ALLOW';
      const code = (JSON.parse(body) as { errors?: GqlError[] }).errors?.[0]?.extensions?.code ?? `HTTP_${status}`;
      if (code !== 'NOT_FOUND') return PAST_AUTHORIZATION.has(code) ? 'ALLOW' : code;
      const probe = await get(path.replace(UUID_IN_PATH, UNKNOWN));
      return probe.status === 404 && probe.body === body ? code : `NOT_FOUND unlike an unknown id (${body} vs ${probe.body})`;
    };

  /** createExportLink for a challenge's reviews.csv; a NOT_FOUND must read as it does for an unknown challenge. */
  function exportLinkCell(challengeId: string): Cell {
    const path = (id: string) => ({ path: `/exports/challenges/${id}/reviews.csv` });
    const cell = op(CREATE_EXPORT_LINK, () => path(challengeId));
    return async (role) => {
      const outcome = await cell(role);
      if (outcome !== 'NOT_FOUND') return outcome;
      const [got, unknown] = await Promise.all([call(CREATE_EXPORT_LINK, path(challengeId), role), call(CREATE_EXPORT_LINK, path(UNKNOWN), role)]);
      return got.errors?.[0]?.message === unknown.errors?.[0]?.message ? outcome : 'NOT_FOUND unlike an unknown id';
    };
  }

  /** Reviews as shown: VISIBLE with jurors, ANONYMISED without, HIDDEN when none. */
  function reviewsOutcome(reviews: { juror: unknown }[]): Outcome {
    if (reviews.length === 0) return 'HIDDEN';
    return reviews.every((r) => r.juror === null) ? 'ANONYMISED' : 'VISIBLE';
  }

  /** Each cell removes its own victim: a fresh STUDENT of the context's target team. */
  async function removeVictimCell(ctx: Context): Promise<Cell> {
    return op(`mutation($team: ID!, $user: ID!) { removeTeamMember(teamId: $team, userId: $user) { id } }`, async () => {
      const victim = await w.spare();
      await db.query(`INSERT INTO team_member (team_id, user_id, challenge_id, role) VALUES ($1, $2, $3, 'STUDENT')`, [ctx.teamId, victim.id, ctx.challengeId]);
      return { team: ctx.teamId, user: victim.id };
    });
  }

  async function saveIdeaCell(ctx: Context): Promise<Cell> {
    return op(`mutation($input: SaveIdeaInput!) { saveIdea(input: $input) { id } }`, () => ({
      input: { teamId: ctx.teamId, themeId: ctx.themeId, title: 'Idea bersaglio', summary: 'Sintesi', problem: 'Problema', solution: 'Soluzione' },
    }));
  }

  /** Refused cells first, so that the first allowed call cannot change what a refused one meets. */
  const order = (expected: Table) => [...ROLES].sort((a, b) => Number(!REFUSALS.has(expected[a])) - Number(!REFUSALS.has(expected[b])));

  for (const row of rows) {
    it(row.op, async () => {
      const cell = await row.prepare();
      const got = {} as Table;
      if (row.parallel) {
        await Promise.all(ROLES.map(async (role) => (got[role] = await cell(role))));
      } else {
        for (const role of order(row.expected)) got[role] = await cell(role);
      }
      cellsChecked += ROLES.length;
      const wrong = ROLES.filter((role) => got[role] !== row.expected[role]).map((role) => `${row.op} | ${role} | expected ${row.expected[role]} | got ${got[role]}`);
      expect(wrong).toEqual([]);
    });
  }

  it('covers every role in every row', () => {
    for (const row of rows) expect(Object.keys(row.expected).sort()).toEqual([...ROLES].sort());
    expect(ALL_SIGNED_IN).toHaveLength(ROLES.length - 1);
  });
});
