import type { DataSource } from 'typeorm';
import { createTeam, ideaInput, publishedChallenge, saveIdea, school, submitIdea, type TestChallenge } from './challenge-factories.js';
import { signUp, type TestUser } from './factories.js';
import { gqlOk } from './graphql.js';

export const JUROR_FIELDS = `id assignedCount submittedCount user { id } challenge { id } affiliation { id }`;
export const REVIEW_FIELDS = `id total comment submittedAt updatedAt scores { value criterion { id name } } juror { id }`;
export const ASSIGNMENT_FIELDS = `id status dueAt juror { id } idea { id title team { id name school { id } } } review { id total }`;
export const ENTRY_FIELDS = `rank rawScore normalizedScore reviewCount idea { id title }`;

export const ADD_JUROR = `mutation($input: AddJurorInput!) { addJuror(input: $input) { ${JUROR_FIELDS} } }`;
export const REMOVE_JUROR = `mutation($id: ID!) { removeJuror(jurorId: $id) }`;
export const START_JUDGING = `mutation($id: ID!) { startJudging(challengeId: $id) { id status } }`;
export const MY_ASSIGNMENTS = `query($id: ID!, $status: AssignmentStatus) { myAssignments(challengeId: $id, status: $status) { ${ASSIGNMENT_FIELDS} } }`;
export const SUBMIT_REVIEW = `mutation($input: SubmitReviewInput!) { submitReview(input: $input) { ${REVIEW_FIELDS} } }`;
export const RECUSE = `mutation($id: ID!, $reason: String!) { recuseFromReview(assignmentId: $id, reason: $reason) { id status idea { id } juror { id } } }`;
export const PUBLISH_RESULTS = `mutation($input: PublishResultsInput!) { publishResults(input: $input) { id status } }`;
export const LEADERBOARD = `query($id: ID!, $n: ScoreNormalization) { challenge(id: $id) { leaderboard(normalization: $n) { ${ENTRY_FIELDS} } } }`;
export const PROGRESS = `query($id: ID!) { challenge(id: $id) { judgingProgress { assignments submitted recused pending ideasFullyReviewed ideas jurors { assigned submitted recused juror { id } } } } }`;

export interface JudgingFixture {
  organizer: TestUser;
  promoterId: string;
  challenge: TestChallenge;
  teacher: TestUser;
  schoolId: string;
  /** One team per idea, coached by `teacher`, each idea SUBMITTED. */
  ideas: { id: string; teamId: string; title: string }[];
  jurors: { user: TestUser; jurorId: string }[];
}

export async function addJuror(url: string, organizer: TestUser, challengeId: string, user: TestUser, affiliationId?: string): Promise<string> {
  const data = await gqlOk(url, ADD_JUROR, { input: { challengeId, email: user.email, affiliationId } }, organizer.token);
  return data.addJuror.id;
}

export async function newJuror(url: string, organizer: TestUser, challengeId: string, label = 'juror', affiliationId?: string): Promise<{ user: TestUser; jurorId: string }> {
  const user = await signUp(url, { label });
  return { user, jurorId: await addJuror(url, organizer, challengeId, user, affiliationId) };
}

/** A PUBLISHED challenge with `ideas` submitted ideas (one team each, one school) and `jurors` jurors. */
export async function judgingFixture(url: string, options: { ideas?: number; jurors?: number; overrides?: Record<string, unknown>; now?: Date } = {}): Promise<JudgingFixture> {
  const { organizer, promoterId, challenge } = await publishedChallenge(url, { reviewsPerIdea: 2, ...options.overrides }, options.now);
  const { teacher, schoolId } = await school(url, { name: `Liceo ${Math.random().toString(36).slice(2, 7)}`, district: 'Pianura Est' });
  const ideas: JudgingFixture['ideas'] = [];
  for (let i = 0; i < (options.ideas ?? 3); i++) {
    const team = await createTeam(url, teacher, { challengeId: challenge.id, schoolId, name: `Squadra ${i}` });
    const title = `Idea numero ${i}`;
    const idea = await saveIdea(url, teacher, ideaInput(team.id, challenge.themes[0]!.id, { title }));
    await submitIdea(url, teacher, idea.id);
    ideas.push({ id: idea.id, teamId: team.id, title });
  }
  const jurors: JudgingFixture['jurors'] = [];
  for (let j = 0; j < (options.jurors ?? 2); j++) jurors.push(await newJuror(url, organizer, challenge.id, `juror${j}`));
  return { organizer, promoterId, challenge, teacher, schoolId, ideas, jurors };
}

export async function startJudging(url: string, organizer: TestUser, challengeId: string): Promise<void> {
  await gqlOk(url, START_JUDGING, { id: challengeId }, organizer.token);
}

export async function myAssignments(url: string, user: TestUser, challengeId: string, status?: string): Promise<any[]> {
  return (await gqlOk(url, MY_ASSIGNMENTS, { id: challengeId, status }, user.token)).myAssignments;
}

/** Scores giving every criterion of the challenge the same value. */
export const uniformScores = (challenge: TestChallenge, value: number) => challenge.criteria.map((c) => ({ criterionId: c.id, value }));

export async function submitReview(url: string, user: TestUser, assignmentId: string, scores: { criterionId: string; value: number }[], comment?: string): Promise<any> {
  return (await gqlOk(url, SUBMIT_REVIEW, { input: { assignmentId, scores, comment } }, user.token)).submitReview;
}

/** (idea, juror) pairs of a challenge's assignments, straight from the database. */
export async function assignmentRows(db: DataSource, challengeId: string): Promise<{ id: string; idea_id: string; juror_id: string; status: string; due_at: Date }[]> {
  return db.query(`SELECT id, idea_id, juror_id, status, due_at FROM review_assignment WHERE challenge_id = $1 ORDER BY idea_id, juror_id`, [challengeId]);
}
