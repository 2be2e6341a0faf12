import type { EntityManager } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import { Idea } from '../ideas/idea.entity.js';
import { User } from '../identity/user.entity.js';
import { clientPaths } from '../notifications/client-paths.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { Organization } from '../organizations/organization.entity.js';
import { Team } from '../teams/team.entity.js';
import { Adoption, AdoptionStatus } from './adoption.entity.js';
import { ADOPTION_ACCEPTED, ADOPTION_DECLINED, ADOPTION_PROPOSED, TUTOR_ASSIGNED, type AdoptionEventPayload, type TutorAssignedPayload } from './adoption.service.js';

export const adoptionTemplates: TemplateSet = {
  ADOPTION_PROPOSED: {
    it: {
      title: '{company} vuole adottare «{idea}»',
      body: 'L’impresa {company} propone di adottare l’idea «{idea}» della squadra {team}. La squadra può accettare o rifiutare la proposta.',
      reason: 'Ricevi questa email perché guidi la squadra di questa idea o fai parte dell’organizzazione che promuove la sfida.',
    },
    en: {
      title: '{company} wants to adopt "{idea}"',
      body: 'The company {company} proposes to adopt the idea "{idea}" of the team {team}. The team may accept or decline the proposal.',
      reason: 'You receive this email because you lead the team of this idea or are part of the organization that runs the challenge.',
    },
  },
  // `audience`: `team` for the team's members, `company` for the proposing company's (docs/rules.md: ACCEPTED tells both).
  ADOPTION_ACCEPTED: {
    it: {
      title: 'Adozione accettata: «{idea}»',
      body: '{audience, select, team {La vostra squadra {team} ha accettato la proposta di {company}: l’idea «{idea}» ora ha un’impresa che la adotta e presto vi seguiranno i suoi tutor.} other {La squadra {team} ha accettato la proposta di {company} di adottare l’idea «{idea}». Ora potete assegnare i tutor.}}',
      reason: 'Ricevi questa email perché fai parte della squadra di questa idea o dell’impresa che ha proposto di adottarla.',
    },
    en: {
      title: 'Adoption accepted: "{idea}"',
      body: '{audience, select, team {Your team {team} accepted the proposal of {company}: the idea "{idea}" now has a company adopting it, and its tutors will soon take charge of you.} other {The team {team} accepted the proposal of {company} to adopt the idea "{idea}". You can now assign tutors.}}',
      reason: 'You receive this email because you are part of the team of this idea or of the company that proposed to adopt it.',
    },
  },
  ADOPTION_DECLINED: {
    it: {
      title: 'Adozione non accettata: «{idea}»',
      body: 'La squadra {team} non ha accettato la proposta di {company} di adottare l’idea «{idea}».',
      reason: 'Ricevi questa email perché fai parte dell’impresa che ha proposto di adottare questa idea.',
    },
    en: {
      title: 'Adoption declined: "{idea}"',
      body: 'The team {team} declined the proposal of {company} to adopt the idea "{idea}".',
      reason: 'You receive this email because you are part of the company that proposed to adopt this idea.',
    },
  },
  // `audience`: `tutor` for the tutor, `team` for the team's members.
  TUTOR_ASSIGNED: {
    it: {
      title: '{audience, select, tutor {Ora segui la squadra {team}} other {{tutor} fa da tutor alla squadra {team}}}',
      body: '{audience, select, tutor {Per {company} segui ora la squadra {team} e la sua idea «{idea}».} other {{tutor} di {company} segue ora la squadra {team} e la sua idea «{idea}».}}',
      reason: 'Ricevi questa email perché fai parte di questa squadra o ne sei tutor.',
    },
    en: {
      title: '{audience, select, tutor {You now mentor the team {team}} other {{tutor} is now tutor of the team {team}}}',
      body: '{audience, select, tutor {For {company}, you now take charge of the team {team} and its idea "{idea}".} other {{tutor} of {company} now takes charge of the team {team} and its idea "{idea}".}}',
      reason: 'You receive this email because you are part of this team or its tutor.',
    },
  },
};

interface AdoptionContext {
  adoption: Adoption;
  idea: Idea;
  team: Team;
  challenge: Challenge;
  company: Organization;
}

/** Re-reads the adoption and what the texts name; null when it is gone. */
async function context(manager: EntityManager, adoptionId: string): Promise<AdoptionContext | null> {
  const adoption = await manager.findOneBy(Adoption, { id: adoptionId });
  if (!adoption) return null;
  const [idea, company] = await Promise.all([manager.findOneBy(Idea, { id: adoption.ideaId }), manager.findOneBy(Organization, { id: adoption.companyId })]);
  if (!idea || !company) return null;
  const [team, challenge] = await Promise.all([manager.findOneByOrFail(Team, { id: idea.teamId }), manager.findOneByOrFail(Challenge, { id: idea.challengeId })]);
  return { adoption, idea, team, challenge, company };
}

const params = (c: AdoptionContext) => ({ company: c.company.name, idea: c.idea.title, team: c.team.name });

const companyMembers = async (manager: EntityManager, companyId: string): Promise<string[]> =>
  (await manager.query<{ user_id: string }[]>(`SELECT user_id FROM organization_member WHERE organization_id = $1`, [companyId])).map((r) => r.user_id);

const teamMembers = async (manager: EntityManager, teamId: string): Promise<string[]> =>
  (await manager.query<{ user_id: string }[]>(`SELECT user_id FROM team_member WHERE team_id = $1`, [teamId])).map((r) => r.user_id);

/**
 * ADOPTION_ACCEPTED / ADOPTION_DECLINED: the proposing company's members, when the adoption is still in that state;
 * an acceptance also tells every member of the team (docs/rules.md "Notifications"), its decider included, in words
 * for the team (a person in both is told as a team member).
 */
const decisionRule = (eventType: string, kind: string, status: AdoptionStatus): NotificationRule<AdoptionEventPayload> => ({
  eventType,
  async plan(manager, payload) {
    const c = await context(manager, payload.adoptionId);
    if (!c || c.adoption.status !== status) return null;
    const company = await companyMembers(manager, c.company.id);
    const path = clientPaths.idea(c.idea.id);
    if (status !== AdoptionStatus.ACCEPTED) return { kind, recipientIds: company, subjectId: c.adoption.id, path, params: params(c) };
    const team = new Set(await teamMembers(manager, c.team.id));
    return {
      kind,
      recipientIds: [...new Set([...company, ...team])],
      subjectId: c.adoption.id,
      path,
      params: params(c),
      paramsFor: (recipientId: string) => ({ audience: team.has(recipientId) ? 'team' : 'company' }),
    };
  },
});

export const adoptionNotificationRules: NotificationRule<any>[] = [
  {
    eventType: ADOPTION_PROPOSED,
    /** The team's coaches (or captain) and the challenge's organizers, not the proposer; nothing once it is no longer open. */
    async plan(manager: EntityManager, payload: AdoptionEventPayload) {
      const c = await context(manager, payload.adoptionId);
      if (!c || c.adoption.status !== AdoptionStatus.PROPOSED) return null;
      const rows: { user_id: string }[] = await manager.query(
        `SELECT user_id FROM team_member WHERE team_id = $1 AND role IN ('COACH', 'CAPTAIN')
         UNION SELECT user_id FROM organization_member WHERE organization_id = $2`,
        [c.team.id, c.challenge.organizerId],
      );
      return {
        kind: 'ADOPTION_PROPOSED',
        recipientIds: rows.map((r) => r.user_id).filter((id) => id !== payload.actorId),
        subjectId: c.adoption.id,
        path: clientPaths.idea(c.idea.id),
        params: params(c),
      };
    },
  } satisfies NotificationRule<AdoptionEventPayload>,
  decisionRule(ADOPTION_ACCEPTED, 'ADOPTION_ACCEPTED', AdoptionStatus.ACCEPTED),
  decisionRule(ADOPTION_DECLINED, 'ADOPTION_DECLINED', AdoptionStatus.DECLINED),
  {
    eventType: TUTOR_ASSIGNED,
    /** The tutor and the whole team (coaches included), while the tutor is still assigned. */
    async plan(manager: EntityManager, payload: TutorAssignedPayload) {
      const c = await context(manager, payload.adoptionId);
      const tutor = await manager.findOneBy(User, { id: payload.tutorId });
      if (!c || !tutor) return null;
      const assigned: unknown[] = await manager.query(`SELECT 1 FROM adoption_tutor WHERE adoption_id = $1 AND user_id = $2`, [c.adoption.id, tutor.id]);
      if (assigned.length === 0) return null;
      const members: { user_id: string }[] = await manager.query(`SELECT user_id FROM team_member WHERE team_id = $1`, [c.team.id]);
      return {
        kind: 'TUTOR_ASSIGNED',
        recipientIds: [tutor.id, ...members.map((m) => m.user_id)],
        subjectId: c.adoption.id,
        path: clientPaths.team(c.team.id),
        params: { ...params(c), tutor: tutor.displayName },
        paramsFor: (recipientId: string) => ({ audience: recipientId === tutor.id ? 'tutor' : 'team' }),
      };
    },
  } satisfies NotificationRule<TutorAssignedPayload>,
];
