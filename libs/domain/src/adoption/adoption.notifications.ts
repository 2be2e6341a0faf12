import type { EntityManager } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import { Idea } from '../ideas/idea.entity.js';
import { User } from '../identity/user.entity.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { Organization } from '../organizations/organization.entity.js';
import { Team } from '../teams/team.entity.js';
import { Adoption, AdoptionStatus } from './adoption.entity.js';
import { ADOPTION_ACCEPTED, ADOPTION_DECLINED, ADOPTION_PROPOSED, TUTOR_ASSIGNED, type AdoptionEventPayload, type TutorAssignedPayload } from './adoption.service.js';

export const adoptionTemplates: TemplateSet = {
  ADOPTION_PROPOSED: {
    it: { title: '{company} vuole adottare «{idea}»', body: "L'impresa {company} propone di adottare l'idea «{idea}» della squadra {team}. Accetta o rifiuta la proposta." },
    en: { title: '{company} wants to adopt "{idea}"', body: 'The company {company} proposes to adopt the idea "{idea}" of the team {team}. Accept or decline the proposal.' },
  },
  ADOPTION_ACCEPTED: {
    it: { title: 'Adozione accettata: «{idea}»', body: "La squadra {team} ha accettato la proposta di {company} di adottare l'idea «{idea}». Ora potete assegnare i tutor." },
    en: { title: 'Adoption accepted: "{idea}"', body: 'The team {team} accepted the proposal of {company} to adopt the idea "{idea}". You can now assign tutors.' },
  },
  ADOPTION_DECLINED: {
    it: { title: 'Adozione non accettata: «{idea}»', body: "La proposta di {company} di adottare l'idea «{idea}» della squadra {team} non è stata accettata." },
    en: { title: 'Adoption declined: "{idea}"', body: 'The proposal of {company} to adopt the idea "{idea}" of the team {team} was declined.' },
  },
  TUTOR_ASSIGNED: {
    it: { title: '{tutor} è tutor della squadra {team}', body: '{tutor} di {company} segue ora la squadra {team} e la sua idea «{idea}».' },
    en: { title: '{tutor} is now tutor of the team {team}', body: '{tutor} of {company} now takes charge of the team {team} and its idea "{idea}".' },
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
 * an acceptance also tells every member of the team (PRODUCT.md "Notifications"), its decider included.
 */
const decisionRule = (eventType: string, kind: string, status: AdoptionStatus): NotificationRule<AdoptionEventPayload> => ({
  eventType,
  async plan(manager, payload) {
    const c = await context(manager, payload.adoptionId);
    if (!c || c.adoption.status !== status) return null;
    const recipients = await companyMembers(manager, c.company.id);
    if (status === AdoptionStatus.ACCEPTED) recipients.push(...(await teamMembers(manager, c.team.id)));
    return { kind, recipientIds: [...new Set(recipients)], subjectId: c.adoption.id, params: params(c) };
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
        params: { ...params(c), tutor: tutor.displayName },
      };
    },
  } satisfies NotificationRule<TutorAssignedPayload>,
];
