import type { DataSource } from 'typeorm';
import { addMember, createOrganization, signUp, type TestUser } from './factories.js';
import { gqlOk } from './graphql.js';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export const CHALLENGE_FIELDS = `id slug title description format status submissionOpensAt submissionClosesAt judgingClosesAt reviewsPerIdea maxTeamSize blindJudging rankingNormalization
  organizer { id name } themes { id name description } criteria { id name description weight maxScore }`;
export const TEAM_FIELDS = `id name className joinCode challenge { id } school { id name district } members { role user { id } }`;
export const IDEA_FIELDS = `id title summary problem solution impact tags status version submittedAt updatedAt challenge { id } theme { id name } team { id name }`;

export const CREATE_CHALLENGE = `mutation($input: CreateChallengeInput!) { createChallenge(input: $input) { ${CHALLENGE_FIELDS} } }`;
export const PUBLISH_CHALLENGE = `mutation($id: ID!) { publishChallenge(id: $id) { id status } }`;
export const CREATE_TEAM = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { ${TEAM_FIELDS} } }`;
export const JOIN_TEAM = `mutation($code: String!) { joinTeam(joinCode: $code) { ${TEAM_FIELDS} } }`;
export const SAVE_IDEA = `mutation($input: SaveIdeaInput!) { saveIdea(input: $input) { ${IDEA_FIELDS} } }`;
export const SUBMIT_IDEA = `mutation($id: ID!) { submitIdea(ideaId: $id) { ${IDEA_FIELDS} } }`;

export interface ChallengeTimes {
  submissionOpensAt: string;
  submissionClosesAt: string;
  judgingClosesAt: string;
}

/** Submissions open an hour before `now` and close in a week; judging closes a week later. */
export function timesAround(now: Date, overrides: Partial<Record<keyof ChallengeTimes, number>> = {}): ChallengeTimes {
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
  return {
    submissionOpensAt: at(overrides.submissionOpensAt ?? -HOUR),
    submissionClosesAt: at(overrides.submissionClosesAt ?? 7 * DAY),
    judgingClosesAt: at(overrides.judgingClosesAt ?? 14 * DAY),
  };
}

export function challengeInput(organizerId: string, overrides: Record<string, unknown> = {}, now = new Date()): Record<string, unknown> {
  return {
    organizerId,
    title: 'Climathon Scuole Bologna',
    description: 'Idee verdi per la città.',
    format: 'SCHOOL_CLIMATHON',
    ...timesAround(now),
    themes: [{ name: 'Mobilità sostenibile', description: 'Muoversi meglio' }, { name: 'Rifiuti e riuso' }],
    criteria: [{ name: 'Impatto', weight: 2, maxScore: 10 }, { name: 'Fattibilità' }],
    ...overrides,
  };
}

export interface TestChallenge {
  id: string;
  slug: string;
  themes: { id: string; name: string }[];
  criteria: { id: string }[];
  organizerId: string;
}

export async function createChallenge(url: string, organizer: TestUser, organizerId: string, overrides: Record<string, unknown> = {}, now = new Date()): Promise<TestChallenge> {
  const data = await gqlOk(url, CREATE_CHALLENGE, { input: challengeInput(organizerId, overrides, now) }, organizer.token);
  return { ...data.createChallenge, organizerId };
}

export async function publishChallenge(url: string, organizer: TestUser, id: string): Promise<void> {
  await gqlOk(url, PUBLISH_CHALLENGE, { id }, organizer.token);
}

/** A promoter organization with its owner, running one PUBLISHED challenge. */
export async function publishedChallenge(
  url: string,
  overrides: Record<string, unknown> = {},
  now = new Date(),
): Promise<{ organizer: TestUser; promoterId: string; challenge: TestChallenge }> {
  const organizer = await signUp(url, { label: 'organizer' });
  const promoterId = await createOrganization(url, organizer, { name: `Camera di Commercio ${Math.random().toString(36).slice(2, 7)}`, kind: 'PROMOTER' });
  const challenge = await createChallenge(url, organizer, promoterId, overrides, now);
  await publishChallenge(url, organizer, challenge.id);
  return { organizer, promoterId, challenge };
}

/** A SCHOOL organization with a teacher (its owner). */
export async function school(url: string, input: { name?: string; district?: string; city?: string } = {}): Promise<{ teacher: TestUser; schoolId: string }> {
  const teacher = await signUp(url, { label: 'teacher' });
  const schoolId = await createOrganization(url, teacher, { kind: 'SCHOOL', name: input.name ?? 'ITIS Aldini Valeriani', district: input.district, city: input.city });
  return { teacher, schoolId };
}

export async function addTeacher(url: string, owner: TestUser, schoolId: string): Promise<TestUser> {
  const teacher = await signUp(url, { label: 'teacher2' });
  await addMember(url, owner, schoolId, teacher);
  return teacher;
}

export interface TestTeam {
  id: string;
  joinCode: string;
}

export async function createTeam(url: string, user: TestUser, input: { challengeId: string; schoolId?: string | null; name?: string; className?: string }): Promise<TestTeam> {
  const data = await gqlOk(url, CREATE_TEAM, { input: { name: 'I Riciclatori', ...input } }, user.token);
  return { id: data.createTeam.id, joinCode: data.createTeam.joinCode };
}

export async function joinTeam(url: string, user: TestUser, joinCode: string): Promise<void> {
  await gqlOk(url, JOIN_TEAM, { code: joinCode }, user.token);
}

/** A new student who joined the team. */
export async function student(url: string, joinCode: string, label = 'student'): Promise<TestUser> {
  const user = await signUp(url, { label });
  await joinTeam(url, user, joinCode);
  return user;
}

export function ideaInput(teamId: string, themeId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    teamId,
    themeId,
    title: 'Borracce per tutti',
    summary: 'Meno plastica a scuola.',
    problem: 'Ogni giorno la scuola butta centinaia di bottiglie di plastica.',
    solution: 'Distributori di acqua e borracce personalizzate.',
    impact: 'Diecimila bottiglie in meno ogni anno.',
    tags: ['plastica', 'acqua'],
    ...overrides,
  };
}

export async function saveIdea(url: string, user: TestUser, input: Record<string, unknown>): Promise<{ id: string; version: number; status: string }> {
  const data = await gqlOk(url, SAVE_IDEA, { input }, user.token);
  return data.saveIdea;
}

export async function submitIdea(url: string, user: TestUser, ideaId: string): Promise<void> {
  await gqlOk(url, SUBMIT_IDEA, { id: ideaId }, user.token);
}

/** Marks the user a platform admin and signs in again so the token carries it. */
export async function makeAdmin(url: string, db: DataSource, user: TestUser): Promise<TestUser> {
  await db.query(`UPDATE app_user SET is_admin = true WHERE id = $1`, [user.id]);
  const signedIn = await gqlOk(url, `mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`, { i: { email: user.email, password: user.password } });
  return { ...user, token: signedIn.signIn.accessToken };
}

/** Moves a challenge to a later status directly in the database (judging's transitions are another feature's). */
export async function forceStatus(db: DataSource, challengeId: string, status: 'JUDGING' | 'RESULTS_PUBLISHED' | 'CLOSED'): Promise<void> {
  await db.query(`UPDATE challenge SET status = $2 WHERE id = $1`, [challengeId, status]);
}
