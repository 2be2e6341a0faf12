import type { DataSource } from 'typeorm';
import { ACCEPT, ASSIGN_TUTOR, FOUND, PROPOSE } from './adoption-factories.js';
import { createChallenge, createTeam, ideaInput, joinTeam, makeAdmin, publishChallenge, saveIdea, submitIdea } from './challenge-factories.js';
import { addMember, createOrganization, signUp, type TestUser } from './factories.js';
import { gqlOk } from './graphql.js';
import { ADD_JUROR, MY_ASSIGNMENTS, PUBLISH_RESULTS, START_JUDGING, SUBMIT_REVIEW } from './judging-factories.js';

/**
 * The seeded world of the authorization matrix: one person per role, the organizations they belong to, and
 * `context()`, which builds a fresh challenge in which every person holds the same relation to the target
 * team, idea, adoption and mini-company. Everything goes through the API except the pool of spare users
 * (plain rows: they never sign in) and the status jump of an open hackathon past judging.
 */

export const ROLES = [
  'anonymous',
  'otherStudent',
  'student',
  'coach',
  'captain',
  'jurorAssigned',
  'jurorOther',
  'otherOrganizer',
  'organizer',
  'sponsor',
  'tutor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface World {
  url: string;
  db: DataSource;
  /** Every role but `anonymous`. */
  users: Record<Exclude<Role, 'anonymous'>, TestUser>;
  /** The access token of a role (undefined for `anonymous`). */
  token(role: Role): string | undefined;
  /** Leads of the "other" teams, the owner of the tutor's company: people outside the matrix. */
  extras: { otherCoach: TestUser; otherCaptain: TestUser; companyOwner: TestUser };
  /** The organizer's promoter, the other organizer's promoter, the coach's school, the other coach's school. */
  promoterId: string;
  otherPromoterId: string;
  schoolId: string;
  otherSchoolId: string;
  /** The tutor's company (owned by extras.companyOwner) and the sponsor's company (no accepted adoption anywhere). */
  companyId: string;
  sponsorCompanyId: string;
  /** A challenge of the other organizer (PUBLISHED). */
  otherChallengeId: string;
  /** Spare users (id, email) nobody signs in as: jurors to add and remove, members to add. */
  spare(): Promise<{ id: string; email: string }>;
}

export type Phase = 'DRAFT' | 'PUBLISHED' | 'JUDGING' | 'RESULTS_PUBLISHED' | 'CLOSED';

export interface ContextOptions {
  format?: 'SCHOOL_CLIMATHON' | 'OPEN_HACKATHON';
  phase?: Phase;
  /** The target idea is SUBMITTED (default true); otherwise it stays DRAFT. */
  submit?: boolean;
  /** The other team's idea is SUBMITTED (default true). */
  otherSubmit?: boolean;
  /** jurorAssigned submits a review of the target idea (needs JUDGING or later, school format). */
  review?: boolean;
  /** The tutor's company adopts the target idea and names the tutor (needs RESULTS_PUBLISHED or later). */
  adopt?: boolean;
  /** The sponsor's company has an open proposal for the target idea. */
  sponsorProposal?: boolean;
  /** The tutor's company (owner: extras.companyOwner) has an open proposal for the target idea. */
  companyProposal?: boolean;
  /** The target team founds its mini-company (default plan). */
  miniCompany?: boolean;
  blindJudging?: boolean;
}

/**
 * A challenge of the organizer's promoter where: the target team is coached by `coach` (school format) or
 * captained by `captain` (open hackathon) and has `student`; the other team (led by an extra) has `otherStudent`;
 * `jurorAssigned` and `jurorOther` are jurors, the first one assigned to the target idea once judging started
 * (the second is affiliated with the coach's school, so never assigned to it); the tutor is a tutor of the
 * target team when adopted.
 */
export interface Context {
  challengeId: string;
  slug: string;
  themeId: string;
  criteria: { id: string }[];
  teamId: string;
  joinCode: string;
  ideaId: string;
  otherTeamId: string;
  otherJoinCode: string;
  otherIdeaId: string;
  jurorIds: { assigned: string; other: string };
  assignmentId?: string;
  adoptionId?: string;
  sponsorAdoptionId?: string;
  companyAdoptionId?: string;
  miniCompanyId?: string;
  milestoneIds?: string[];
}

const ORDER: Phase[] = ['DRAFT', 'PUBLISHED', 'JUDGING', 'RESULTS_PUBLISHED', 'CLOSED'];
const reached = (phase: Phase, step: Phase) => ORDER.indexOf(phase) >= ORDER.indexOf(step);

let spareCounter = 0;

export async function buildWorld(url: string, db: DataSource): Promise<World> {
  const label = (l: string) => ({ label: l, displayName: `Matrix ${l}` });
  const [organizer, otherOrganizer, coach, otherCoach, student, otherStudent, captain, otherCaptain, jurorAssigned, jurorOther, sponsor, tutor, companyOwner, adminUser] =
    await Promise.all(
      [
        'organizer',
        'otherOrganizer',
        'coach',
        'otherCoach',
        'student',
        'otherStudent',
        'captain',
        'otherCaptain',
        'jurorAssigned',
        'jurorOther',
        'sponsor',
        'tutor',
        'companyOwner',
        'admin',
      ].map((l) => signUp(url, label(l))),
    );
  const admin = await makeAdmin(url, db, adminUser!);
  const [promoterId, otherPromoterId, schoolId, otherSchoolId, companyId, sponsorCompanyId] = await Promise.all([
    createOrganization(url, organizer!, { kind: 'PROMOTER', name: 'Camera di Commercio Matrice' }),
    createOrganization(url, otherOrganizer!, { kind: 'PROMOTER', name: 'Provincia Altra' }),
    createOrganization(url, coach!, { kind: 'SCHOOL', name: 'ITIS Matrice' }),
    createOrganization(url, otherCoach!, { kind: 'SCHOOL', name: 'Liceo Altro' }),
    createOrganization(url, companyOwner!, { kind: 'COMPANY', name: 'Impresa Madrina' }),
    createOrganization(url, sponsor!, { kind: 'COMPANY', name: 'Impresa Sponsor' }),
  ]);
  await addMember(url, companyOwner!, companyId!, tutor!);
  const other = await createChallenge(url, otherOrganizer!, otherPromoterId!, { title: 'Altra sfida' });
  await publishChallenge(url, otherOrganizer!, other.id);

  const users = {
    otherStudent: otherStudent!,
    student: student!,
    coach: coach!,
    captain: captain!,
    jurorAssigned: jurorAssigned!,
    jurorOther: jurorOther!,
    otherOrganizer: otherOrganizer!,
    organizer: organizer!,
    sponsor: sponsor!,
    tutor: tutor!,
    admin,
  };
  return {
    url,
    db,
    users,
    token: (role) => (role === 'anonymous' ? undefined : users[role].token),
    extras: { otherCoach: otherCoach!, otherCaptain: otherCaptain!, companyOwner: companyOwner! },
    promoterId: promoterId!,
    otherPromoterId: otherPromoterId!,
    schoolId: schoolId!,
    otherSchoolId: otherSchoolId!,
    companyId: companyId!,
    sponsorCompanyId: sponsorCompanyId!,
    otherChallengeId: other.id,
    async spare() {
      const email = `spare.${Date.now().toString(36)}.${++spareCounter}@example.test`;
      const [row]: { id: string }[] = await db.query(`INSERT INTO app_user (email, password_hash, display_name) VALUES ($1, 'not-a-hash', 'Spare') RETURNING id`, [email]);
      return { id: row!.id, email };
    },
  };
}

/** A fresh challenge holding every role's relation (see Context), in the given phase. */
export async function context(w: World, options: ContextOptions = {}): Promise<Context> {
  const { url, users } = w;
  const format = options.format ?? 'SCHOOL_CLIMATHON';
  const phase = options.phase ?? 'PUBLISHED';
  const school = format === 'SCHOOL_CLIMATHON';
  const challenge = await createChallenge(url, users.organizer, w.promoterId, {
    title: `Matrice ${format} ${phase}`,
    format,
    reviewsPerIdea: 1,
    blindJudging: options.blindJudging ?? false,
  });
  const jurorIds = {
    assigned: (await gqlOk(url, ADD_JUROR, { input: { challengeId: challenge.id, email: users.jurorAssigned.email } }, users.organizer.token)).addJuror.id as string,
    other: (await gqlOk(url, ADD_JUROR, { input: { challengeId: challenge.id, email: users.jurorOther.email, affiliationId: w.schoolId } }, users.organizer.token)).addJuror
      .id as string,
  };
  const base = { challengeId: challenge.id, slug: challenge.slug, themeId: challenge.themes[0]!.id, criteria: challenge.criteria, jurorIds };
  if (phase === 'DRAFT') return { ...base, teamId: '', joinCode: '', ideaId: '', otherTeamId: '', otherJoinCode: '', otherIdeaId: '' };
  await publishChallenge(url, users.organizer, challenge.id);

  const lead = school ? users.coach : users.captain;
  const otherLead = school ? w.extras.otherCoach : w.extras.otherCaptain;
  const [team, otherTeam] = await Promise.all([
    createTeam(url, lead, { challengeId: challenge.id, schoolId: school ? w.schoolId : null, name: 'Squadra bersaglio' }),
    createTeam(url, otherLead, { challengeId: challenge.id, schoolId: school ? w.otherSchoolId : null, name: 'Altra squadra' }),
  ]);
  await Promise.all([joinTeam(url, users.student, team.joinCode), joinTeam(url, users.otherStudent, otherTeam.joinCode)]);
  const [idea, otherIdea] = await Promise.all([
    saveIdea(url, users.student, ideaInput(team.id, base.themeId, { title: 'Idea bersaglio' })),
    saveIdea(url, users.otherStudent, ideaInput(otherTeam.id, base.themeId, { title: 'Altra idea' })),
  ]);
  if (options.submit !== false) await submitIdea(url, lead, idea.id);
  if (options.otherSubmit !== false) await submitIdea(url, otherLead, otherIdea.id);
  const ctx: Context = {
    ...base,
    teamId: team.id,
    joinCode: team.joinCode,
    ideaId: idea.id,
    otherTeamId: otherTeam.id,
    otherJoinCode: otherTeam.joinCode,
    otherIdeaId: otherIdea.id,
  };

  if (reached(phase, 'JUDGING')) {
    if (school) {
      await gqlOk(url, START_JUDGING, { id: challenge.id }, users.organizer.token);
      const mine = (await gqlOk(url, MY_ASSIGNMENTS, { id: challenge.id }, users.jurorAssigned.token)).myAssignments as { id: string; idea: { id: string } }[];
      ctx.assignmentId = mine.find((a) => a.idea.id === idea.id)?.id;
      if (!ctx.assignmentId) throw new Error('jurorAssigned was not assigned the target idea');
      if (options.review || reached(phase, 'RESULTS_PUBLISHED')) {
        await gqlOk(
          url,
          SUBMIT_REVIEW,
          { input: { assignmentId: ctx.assignmentId, scores: challenge.criteria.map((c) => ({ criterionId: c.id, value: 7 })), comment: 'Buona idea' } },
          users.jurorAssigned.token,
        );
      }
      if (reached(phase, 'RESULTS_PUBLISHED')) await gqlOk(url, PUBLISH_RESULTS, { input: { challengeId: challenge.id, awards: [] } }, users.organizer.token);
      if (reached(phase, 'CLOSED')) await gqlOk(url, `mutation($id: ID!) { closeChallenge(id: $id) { id } }`, { id: challenge.id }, users.organizer.token);
    } else {
      // An open hackathon has no school to keep jurorOther away from the target idea: skip the assignment and jump.
      await w.db.query(`UPDATE challenge SET status = $2 WHERE id = $1`, [challenge.id, phase]);
    }
  }

  // Open proposals first: the adoption below declines them (they stay visible to their companies).
  if (options.companyProposal) {
    ctx.companyAdoptionId = (
      await gqlOk(url, PROPOSE, { input: { ideaId: idea.id, companyId: w.companyId, message: 'Proposta' } }, w.extras.companyOwner.token)
    ).proposeAdoption.id;
  }
  if (options.sponsorProposal) {
    ctx.sponsorAdoptionId = (
      await gqlOk(url, PROPOSE, { input: { ideaId: idea.id, companyId: w.sponsorCompanyId, message: 'Proposta dello sponsor' } }, users.sponsor.token)
    ).proposeAdoption.id;
  }
  if (options.adopt) {
    if (ctx.companyAdoptionId) throw new Error('adopt and companyProposal exclude each other');
    const proposal = (await gqlOk(url, PROPOSE, { input: { ideaId: idea.id, companyId: w.companyId, message: 'Vi adottiamo' } }, w.extras.companyOwner.token)).proposeAdoption;
    await gqlOk(url, ACCEPT, { input: { adoptionId: proposal.id } }, lead.token);
    await gqlOk(url, ASSIGN_TUTOR, { input: { adoptionId: proposal.id, email: users.tutor.email } }, w.extras.companyOwner.token);
    ctx.adoptionId = proposal.id;
  }
  if (options.miniCompany) {
    const company = (await gqlOk(url, FOUND, { input: { teamId: team.id, name: 'Impresa Studentesca' } }, lead.token)).foundMiniCompany;
    ctx.miniCompanyId = company.id;
    ctx.milestoneIds = company.milestones.map((m: { id: string }) => m.id);
  }
  return ctx;
}
