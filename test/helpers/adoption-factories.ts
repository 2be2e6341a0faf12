import type { DataSource } from 'typeorm';
import { createTeam, forceStatus, ideaInput, publishedChallenge, saveIdea, school, student, submitIdea, type TestChallenge, type TestTeam } from './challenge-factories.js';
import { addMember, createOrganization, signUp, type TestUser } from './factories.js';
import { gqlOk } from './graphql.js';

export const ADOPTION_FIELDS = `id message commitment status createdAt decidedAt decisionNote idea { id } company { id name } proposedBy { id } tutors { id }`;
export const PROPOSE = `mutation($input: ProposeAdoptionInput!) { proposeAdoption(input: $input) { ${ADOPTION_FIELDS} } }`;
export const ACCEPT = `mutation($input: DecideAdoptionInput!) { acceptAdoption(input: $input) { ${ADOPTION_FIELDS} } }`;
export const DECLINE = `mutation($input: DecideAdoptionInput!) { declineAdoption(input: $input) { ${ADOPTION_FIELDS} } }`;
export const WITHDRAW = `mutation($id: ID!) { withdrawAdoption(adoptionId: $id) { ${ADOPTION_FIELDS} } }`;
export const ASSIGN_TUTOR = `mutation($input: AssignTutorInput!) { assignTutor(input: $input) { ${ADOPTION_FIELDS} } }`;
export const COMPANY_ADOPTIONS = `query($companyId: ID!, $status: AdoptionStatus) { companyAdoptions(companyId: $companyId, status: $status) { ${ADOPTION_FIELDS} } }`;
export const IDEA_ADOPTION = `query($id: ID!) { idea(id: $id) { id adoption { id status company { id } } adoptionProposals { id status company { id } } } }`;

export const MILESTONE_FIELDS = `id kind title dueAt status evidence submittedAt reviewedAt reviewedBy { id } feedback`;
export const MINI_COMPANY_FIELDS = `id name status foundedAt progress team { id } idea { id } adoption { id } milestones { ${MILESTONE_FIELDS} }`;
export const FOUND = `mutation($input: FoundMiniCompanyInput!) { foundMiniCompany(input: $input) { ${MINI_COMPANY_FIELDS} } }`;
export const MINI_COMPANY = `query($id: ID!) { miniCompany(id: $id) { ${MINI_COMPANY_FIELDS} } }`;
export const SUBMIT_MILESTONE = `mutation($input: SubmitMilestoneInput!) { submitMilestone(input: $input) { ${MILESTONE_FIELDS} } }`;
export const REVIEW_MILESTONE = `mutation($input: ReviewMilestoneInput!) { reviewMilestone(input: $input) { ${MILESTONE_FIELDS} } }`;
export const RESCHEDULE_MILESTONE = `mutation($input: RescheduleMilestoneInput!) { rescheduleMilestone(input: $input) { ${MILESTONE_FIELDS} } }`;
export const TEAM_INSIDE = `query($id: ID!) { team(id: $id) { id members { role user { id } } tutors { id } miniCompany { id } idea { id } } }`;

/** A COMPANY organization owned by a new sponsor. */
export async function company(url: string, name = `Impresa ${Math.random().toString(36).slice(2, 7)}`): Promise<{ sponsor: TestUser; companyId: string }> {
  const sponsor = await signUp(url, { label: 'sponsor' });
  const companyId = await createOrganization(url, sponsor, { kind: 'COMPANY', name });
  return { sponsor, companyId };
}

/** A new user added as MEMBER of the company. */
export async function companyMember(url: string, owner: TestUser, companyId: string, label = 'employee'): Promise<TestUser> {
  const member = await signUp(url, { label });
  await addMember(url, owner, companyId, member);
  return member;
}

export interface Edition {
  organizer: TestUser;
  promoterId: string;
  challenge: TestChallenge;
}

export interface AdoptableIdea {
  /** The coach (SCHOOL_CLIMATHON) or the captain (OPEN_HACKATHON). */
  lead: TestUser;
  team: TestTeam;
  student: TestUser;
  ideaId: string;
}

/** A published challenge (SCHOOL_CLIMATHON unless overridden) whose ideas are still open for submission. */
export async function edition(url: string, overrides: Record<string, unknown> = {}, now = new Date()): Promise<Edition> {
  return publishedChallenge(url, overrides, now);
}

/** A team of the edition with a student and a SUBMITTED idea (the challenge must still accept submissions). */
export async function submittedIdea(url: string, run: Edition, options: { format?: 'SCHOOL_CLIMATHON' | 'OPEN_HACKATHON'; submit?: boolean } = {}): Promise<AdoptableIdea> {
  let lead: TestUser;
  let team: TestTeam;
  if (options.format === 'OPEN_HACKATHON') {
    lead = await signUp(url, { label: 'captain' });
    team = await createTeam(url, lead, { challengeId: run.challenge.id, name: 'Hackers Verdi' });
  } else {
    const s = await school(url);
    lead = s.teacher;
    team = await createTeam(url, lead, { challengeId: run.challenge.id, schoolId: s.schoolId, name: '4B Ambiente' });
  }
  const pupil = await student(url, team.joinCode);
  const idea = await saveIdea(url, pupil, ideaInput(team.id, run.challenge.themes[0]!.id));
  if (options.submit !== false) await submitIdea(url, lead, idea.id);
  return { lead, team, student: pupil, ideaId: idea.id };
}

/** Publishes the results of the edition (directly in the database: judging is another feature). */
export async function publishResults(db: DataSource, run: Edition, status: 'RESULTS_PUBLISHED' | 'CLOSED' = 'RESULTS_PUBLISHED'): Promise<void> {
  await forceStatus(db, run.challenge.id, status);
}

/** One edition with results published and one adoptable SUBMITTED idea. */
export async function adoptableIdea(url: string, db: DataSource, options: { format?: 'SCHOOL_CLIMATHON' | 'OPEN_HACKATHON' } = {}): Promise<Edition & AdoptableIdea> {
  const run = await edition(url, options.format ? { format: options.format } : {});
  const idea = await submittedIdea(url, run, options);
  await publishResults(db, run);
  return { ...run, ...idea };
}

export async function propose(url: string, sponsor: TestUser, ideaId: string, companyId: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; status: string }> {
  const data = await gqlOk(
    url,
    PROPOSE,
    { input: { ideaId, companyId, message: 'Vorremmo adottare la vostra idea.', commitment: '20 ore di mentoring', ...overrides } },
    sponsor.token,
  );
  return data.proposeAdoption;
}

export async function accept(url: string, lead: TestUser, adoptionId: string, note?: string): Promise<{ id: string; status: string }> {
  return (await gqlOk(url, ACCEPT, { input: { adoptionId, note } }, lead.token)).acceptAdoption;
}

export async function assignTutor(url: string, sponsor: TestUser, adoptionId: string, tutor: TestUser): Promise<void> {
  await gqlOk(url, ASSIGN_TUTOR, { input: { adoptionId, email: tutor.email } }, sponsor.token);
}

/** An adoptable idea adopted by a new company, with a tutor (a member of the company) assigned. */
export async function adoptedTeam(url: string, db: DataSource, options: { format?: 'SCHOOL_CLIMATHON' | 'OPEN_HACKATHON' } = {}) {
  const idea = await adoptableIdea(url, db, options);
  const { sponsor, companyId } = await company(url);
  const tutor = await companyMember(url, sponsor, companyId, 'tutor');
  const adoption = await propose(url, sponsor, idea.ideaId, companyId);
  await accept(url, idea.lead, adoption.id);
  await assignTutor(url, sponsor, adoption.id, tutor);
  return { ...idea, sponsor, companyId, tutor, adoptionId: adoption.id };
}

export async function foundMiniCompany(
  url: string,
  lead: TestUser,
  teamId: string,
  milestones?: { kind: string; title: string; dueAt: string }[],
): Promise<{ id: string; milestones: { id: string; kind: string; dueAt: string; status: string }[]; adoption: { id: string } | null }> {
  return (await gqlOk(url, FOUND, { input: { teamId, name: 'BorracciaVerde', milestones } }, lead.token)).foundMiniCompany;
}
