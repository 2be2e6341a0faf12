import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock } from '#platform/clock/clock.js';
import { DomainError, isUniqueViolation } from '#platform/errors/domain-error.js';
import { recordEvents, type DomainEvent } from '#platform/outbox/outbox.js';
import { ChallengeAccess, RESULTS_VISIBLE_STATUSES } from '../challenges/challenge-access.js';
import { Challenge, ChallengeFormat } from '../challenges/challenge.entity.js';
import { Idea, IdeaStatus } from '../ideas/idea.entity.js';
import { User } from '../identity/user.entity.js';
import { OrganizationMember } from '../organizations/organization-member.entity.js';
import { Organization, OrganizationKind } from '../organizations/organization.entity.js';
import { TeamRole } from '../teams/team-member.entity.js';
import { check, checkInput, isUuid } from '../validation.js';
import { requireUser, type Viewer } from '../viewer.js';
import { AdoptionTutor } from './adoption-tutor.entity.js';
import { Adoption, AdoptionStatus } from './adoption.entity.js';
import { memberOfOrganization, memberOfTeam, tutorOfTeam } from '../access/grounds.js';
import { IdeaReads } from '../ideas/idea-reads.js';

export const ADOPTION_PROPOSED = 'adoption.proposed';
export const ADOPTION_ACCEPTED = 'adoption.accepted';
export const ADOPTION_DECLINED = 'adoption.declined';
export const ADOPTION_WITHDRAWN = 'adoption.withdrawn';
export const TUTOR_ASSIGNED = 'adoption.tutor-assigned';

export interface AdoptionEventPayload {
  adoptionId: string;
  ideaId: string;
  companyId: string;
  /** Who proposed, decided, withdrew or assigned. */
  actorId: string;
  /** adoption.declined: true when the decline came from accepting another proposal. */
  automatic?: boolean;
}
export interface TutorAssignedPayload extends AdoptionEventPayload {
  tutorId: string;
}

export interface ProposeAdoptionData {
  ideaId: string;
  companyId: string;
  message: string;
  commitment?: string | null;
}

export const ADOPTION_LIMITS = { message: [1, 2_000], commitment: 2_000, note: 2_000 } as const;

/** Team roles that decide on proposals: the coach, or the captain of an OPEN_HACKATHON team. */
const decides = (role: TeamRole | undefined, format: ChallengeFormat) => role === TeamRole.COACH || (role === TeamRole.CAPTAIN && format === ChallengeFormat.OPEN_HACKATHON);

@Injectable()
export class AdoptionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ChallengeAccess,
    private readonly ideas: IdeaReads,
    private readonly clock: Clock,
  ) {}

  /**
   * A member of the COMPANY proposes to adopt a SUBMITTED idea of a challenge whose results are published (or closed).
   * One open proposal per company and idea, none once the idea is adopted (CONFLICT). The idea row is share-locked,
   * so a proposal never slips in beside a concurrent accept (which locks it for update).
   */
  async propose(viewer: Viewer, input: ProposeAdoptionData): Promise<Adoption> {
    const user = requireUser(viewer);
    const { idea, challenge } = await this.ideas.visibleWithChallenge(viewer, input.ideaId);
    const company = isUuid(input.companyId) ? await this.dataSource.getRepository(Organization).findOneBy({ id: input.companyId }) : null;
    if (!company) throw DomainError.notFound('company');
    if (company.kind !== OrganizationKind.COMPANY) throw DomainError.badInput('companyId', 'adoption.companyOnly');
    if (!(await this.access.isOrganizationMember(viewer, company.id))) throw DomainError.forbidden('adoption.proposeForbidden');
    const { message, commitment } = checkInput((field) => ({
      message: field(() => check.text('message', input.message, ...ADOPTION_LIMITS.message)),
      commitment: field(() => check.optionalText('commitment', input.commitment, ADOPTION_LIMITS.commitment)),
    }));
    if (idea.status !== IdeaStatus.SUBMITTED || !RESULTS_VISIBLE_STATUSES.includes(challenge.status)) {
      throw DomainError.precondition('adoption.notYet');
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT 1 FROM idea WHERE id = $1 FOR SHARE`, [idea.id]);
        if (await this.acceptedOf(manager, idea.id)) throw DomainError.conflict('adoption.alreadyAdopted');
        const adoption = await manager.save(Adoption, manager.create(Adoption, { ideaId: idea.id, companyId: company.id, proposedById: user.userId, message, commitment }));
        await recordEvents(manager, [this.event(ADOPTION_PROPOSED, adoption, user.userId)]);
        return adoption;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_adoption_open_proposal')) throw DomainError.conflict('adoption.openProposal');
      throw error;
    }
  }

  /**
   * The idea's coach (or captain in an OPEN_HACKATHON) or an organizer accepts a PROPOSED adoption and, in the same
   * transaction, declines every other open proposal for the idea. Accepts of one idea serialize on its row; the partial
   * unique index uq_adoption_idea_accepted is the guarantee. A loser (its proposal declined by the winner, or the index
   * refusing it) gets CONFLICT; any other adoption that is no longer PROPOSED is FAILED_PRECONDITION.
   */
  async accept(viewer: Viewer, input: { adoptionId: string; note?: string | null }): Promise<Adoption> {
    const user = requireUser(viewer);
    const { adoption, idea, challenge } = await this.visibleAdoption(viewer, input.adoptionId);
    await this.assertDecider(viewer, idea, challenge);
    const note = check.optionalText('note', input.note, ADOPTION_LIMITS.note);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT 1 FROM idea WHERE id = $1 FOR UPDATE`, [idea.id]);
        const now = this.clock.now();
        const accepted = await manager
          .createQueryBuilder()
          .update(Adoption)
          .set({ status: AdoptionStatus.ACCEPTED, decidedAt: now, decidedById: user.userId, decisionNote: note })
          .where('id = :id AND status = :proposed', { id: adoption.id, proposed: AdoptionStatus.PROPOSED })
          .execute();
        if (!accepted.affected) {
          const current = await manager.findOneByOrFail(Adoption, { id: adoption.id });
          const winner = await this.acceptedOf(manager, idea.id);
          if (winner && winner.id !== current.id && current.status === AdoptionStatus.DECLINED) throw DomainError.conflict('adoption.adoptedByAnother');
          throw DomainError.precondition('adoption.notProposed', { status: current.status });
        }
        // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
        const [declined]: [{ id: string; company_id: string }[], number] = await manager.query(
          `UPDATE adoption SET status = 'DECLINED', decided_at = $3, decided_by_id = $4
            WHERE idea_id = $1 AND status = 'PROPOSED' AND id <> $2 RETURNING id, company_id`,
          [idea.id, adoption.id, now, user.userId],
        );
        await recordEvents(manager, [
          this.event(ADOPTION_ACCEPTED, adoption, user.userId),
          ...declined.map((d) => this.event(ADOPTION_DECLINED, { id: d.id, ideaId: idea.id, companyId: d.company_id }, user.userId, { automatic: true })),
        ]);
        return manager.findOneByOrFail(Adoption, { id: adoption.id });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_adoption_idea_accepted')) throw DomainError.conflict('adoption.adoptedByAnother');
      throw error;
    }
  }

  /** The idea's coach (or captain in an OPEN_HACKATHON) or an organizer declines a PROPOSED adoption. */
  async decline(viewer: Viewer, input: { adoptionId: string; note?: string | null }): Promise<Adoption> {
    const user = requireUser(viewer);
    const { adoption, idea, challenge } = await this.visibleAdoption(viewer, input.adoptionId);
    await this.assertDecider(viewer, idea, challenge);
    const note = check.optionalText('note', input.note, ADOPTION_LIMITS.note);
    return this.close(adoption, AdoptionStatus.DECLINED, user.userId, note, ADOPTION_DECLINED);
  }

  /** A member of the proposing company withdraws a PROPOSED adoption. */
  async withdraw(viewer: Viewer, adoptionId: string): Promise<Adoption> {
    const user = requireUser(viewer);
    const { adoption } = await this.visibleAdoption(viewer, adoptionId);
    if (!(await this.access.isOrganizationMember(viewer, adoption.companyId))) throw DomainError.forbidden('adoption.withdrawForbidden');
    return this.close(adoption, AdoptionStatus.WITHDRAWN, user.userId, null, ADOPTION_WITHDRAWN);
  }

  /**
   * A member of the adopting company names a tutor (an existing user, member of that company) of an ACCEPTED adoption.
   * The same tutor twice is CONFLICT.
   */
  async assignTutor(viewer: Viewer, input: { adoptionId: string; email: string }): Promise<Adoption> {
    const user = requireUser(viewer);
    const { adoption } = await this.visibleAdoption(viewer, input.adoptionId);
    if (!(await this.access.isOrganizationMember(viewer, adoption.companyId))) throw DomainError.forbidden('adoption.tutorsForbidden');
    const email = check.email('email', input.email);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const current = await manager.getRepository(Adoption).createQueryBuilder('a').setLock('pessimistic_read').where('a.id = :id', { id: adoption.id }).getOneOrFail();
        if (current.status !== AdoptionStatus.ACCEPTED) throw DomainError.precondition('adoption.tutorsAccepted', { status: current.status });
        const tutor = await manager.findOneBy(User, { email });
        if (!tutor) throw DomainError.notFound('user');
        if (!(await manager.existsBy(OrganizationMember, { organizationId: current.companyId, userId: tutor.id }))) {
          throw DomainError.badInput('email', 'adoption.tutorNotMember');
        }
        await manager.insert(AdoptionTutor, { adoptionId: current.id, userId: tutor.id });
        await recordEvents(manager, [this.event(TUTOR_ASSIGNED, current, user.userId, { tutorId: tutor.id })]);
        return current;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.conflict('adoption.alreadyTutor');
      throw error;
    }
  }

  /** A company's adoptions, newest first, for its members (and admins). */
  async ofCompany(viewer: Viewer, companyId: string, status?: AdoptionStatus | null): Promise<Adoption[]> {
    requireUser(viewer);
    const company = isUuid(companyId) ? await this.dataSource.getRepository(Organization).findOneBy({ id: companyId }) : null;
    if (!company) throw DomainError.notFound('company');
    if (!(await this.access.isOrganizationMember(viewer, company.id))) throw DomainError.forbidden('adoption.listForbidden');
    return this.dataSource.getRepository(Adoption).find({ where: { companyId: company.id, ...(status ? { status } : {}) }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /**
   * Idea.adoption: the ACCEPTED adoption of each idea, where the viewer may see its terms (docs/rules.md "Who sees an
   * adoption"): the team (every role), its tutors, the challenge's organizers, the adopting company's members, admins.
   */
  async acceptedOfIdeasVisibleTo(viewer: Viewer, ideaIds: readonly string[]): Promise<Adoption[]> {
    const ids = [...new Set(ideaIds)].filter(isUuid);
    if (ids.length === 0 || !viewer.userId) return [];
    const query = this.dataSource.getRepository(Adoption).createQueryBuilder('a').where('a.idea_id IN (:...ids)', { ids }).andWhere(`a.status = 'ACCEPTED'`);
    if (!viewer.isAdmin)
      query
        .innerJoin(Idea, 'ti', 'ti.id = a.idea_id')
        .innerJoin(Challenge, 'tc', 'tc.id = ti.challenge_id')
        .andWhere(`(${this.teamGrounds('ti')} OR ${memberOfOrganization('tc.organizer_id', ':viewerId')} OR ${memberOfOrganization('a.company_id', ':viewerId')})`, {
          viewerId: viewer.userId,
        });
    return query.getMany();
  }

  /** Idea.adoptedBy: the company of each idea's ACCEPTED adoption, public with the idea (the caller already sees the ideas). */
  async adoptersOfIdeas(ideaIds: readonly string[]): Promise<{ ideaId: string; companyId: string }[]> {
    const ids = [...new Set(ideaIds)].filter(isUuid);
    if (ids.length === 0) return [];
    const rows: { idea_id: string; company_id: string }[] = await this.dataSource.query(
      `SELECT idea_id, company_id FROM adoption WHERE idea_id = ANY($1::uuid[]) AND status = 'ACCEPTED'`,
      [ids],
    );
    return rows.map((r) => ({ ideaId: r.idea_id, companyId: r.company_id }));
  }

  /**
   * Idea.adoptionProposals: every proposal for the team's coaches and captain, the challenge's organizers and admins;
   * a company's members see their own company's; others none. Oldest first.
   */
  async proposalsVisibleTo(viewer: Viewer, ideaIds: readonly string[]): Promise<Adoption[]> {
    const ids = [...new Set(ideaIds)].filter(isUuid);
    if (ids.length === 0 || !viewer.userId) return [];
    const query = this.dataSource.getRepository(Adoption).createQueryBuilder('a').where('a.idea_id IN (:...ids)', { ids });
    if (!viewer.isAdmin)
      query
        .innerJoin(Idea, 'pi', 'pi.id = a.idea_id')
        .innerJoin(Challenge, 'pc', 'pc.id = pi.challenge_id')
        .andWhere(this.proposalGrounds('a', 'pi', 'pc'), { viewerId: viewer.userId });
    return query.orderBy('a.created_at', 'ASC').addOrderBy('a.id', 'ASC').getMany();
  }

  async byIds(ids: readonly string[]): Promise<Adoption[]> {
    const valid = [...new Set(ids)].filter(isUuid);
    return valid.length ? this.dataSource.getRepository(Adoption).findBy({ id: In(valid) }) : [];
  }

  /** Tutors per adoption, in the order they were assigned. */
  async tutorsOf(adoptionIds: readonly string[]): Promise<AdoptionTutor[]> {
    const ids = [...new Set(adoptionIds)].filter(isUuid);
    return ids.length ? this.dataSource.getRepository(AdoptionTutor).find({ where: { adoptionId: In(ids) }, order: { createdAt: 'ASC', userId: 'ASC' } }) : [];
  }

  /** Team.tutors: the tutors of each team's accepted adoption, where the viewer may see the team's members. */
  async tutorsOfTeamsVisibleTo(viewer: Viewer, teamIds: readonly string[]): Promise<{ teamId: string; userId: string }[]> {
    const visible = [...(await this.access.teamsWithVisibleMembers(viewer, teamIds))];
    if (visible.length === 0) return [];
    const rows: { team_id: string; user_id: string }[] = await this.dataSource.query(
      `SELECT i.team_id, t.user_id FROM adoption_tutor t JOIN adoption a ON a.id = t.adoption_id JOIN idea i ON i.id = a.idea_id
        WHERE i.team_id = ANY($1::uuid[]) AND a.status = 'ACCEPTED' ORDER BY t.created_at, t.user_id`,
      [visible],
    );
    return rows.map((r) => ({ teamId: r.team_id, userId: r.user_id }));
  }

  /** Whether the viewer is a tutor of the team (through an ACCEPTED adoption). */
  async isTutorOfTeam(viewer: Viewer, teamId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    if (!viewer.userId) return false;
    const rows: unknown[] = await manager.query(`SELECT 1 WHERE ${tutorOfTeam('$1::uuid', '$2::uuid')}`, [teamId, viewer.userId]);
    return rows.length > 0;
  }

  /** PROPOSED -> DECLINED or WITHDRAWN, once (FAILED_PRECONDITION when it is no longer PROPOSED). */
  private async close(adoption: Adoption, status: AdoptionStatus, actorId: string, note: string | null, eventType: string): Promise<Adoption> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Adoption)
        .set({ status, decidedAt: this.clock.now(), decidedById: actorId, decisionNote: note })
        .where('id = :id AND status = :proposed', { id: adoption.id, proposed: AdoptionStatus.PROPOSED })
        .execute();
      if (!result.affected) {
        const current = await manager.findOneByOrFail(Adoption, { id: adoption.id });
        throw DomainError.precondition('adoption.notProposed', { status: current.status });
      }
      await recordEvents(manager, [this.event(eventType, adoption, actorId, eventType === ADOPTION_DECLINED ? { automatic: false } : {})]);
      return manager.findOneByOrFail(Adoption, { id: adoption.id });
    });
  }

  private event(type: string, adoption: Pick<Adoption, 'id' | 'ideaId' | 'companyId'>, actorId: string, extra: Record<string, unknown> = {}): DomainEvent {
    const payload: AdoptionEventPayload = { adoptionId: adoption.id, ideaId: adoption.ideaId, companyId: adoption.companyId, actorId };
    return { type, payload: { ...payload, ...extra } };
  }

  private acceptedOf(manager: EntityManager, ideaId: string): Promise<Adoption | null> {
    return manager.findOneBy(Adoption, { ideaId, status: AdoptionStatus.ACCEPTED });
  }

  /** FORBIDDEN unless the viewer is the idea's coach (or captain in an OPEN_HACKATHON), an organizer or an admin. */
  private async assertDecider(viewer: Viewer, idea: Idea, challenge: Challenge): Promise<void> {
    if (viewer.isAdmin) return;
    const role = (await this.access.teamRoles(viewer, [idea.teamId])).get(idea.teamId);
    if (decides(role, challenge.format) || (await this.access.isOrganizer(viewer, challenge))) return;
    throw DomainError.forbidden('adoption.decideForbidden');
  }

  /**
   * Who sees a proposal: the team's coaches and captain, the challenge's organizers, the proposing company's members
   * (SQL over the adoption, idea and challenge aliases; binds :viewerId).
   */
  private proposalGrounds(a: string, i: string, c: string): string {
    return `(EXISTS (SELECT 1 FROM team_member ptm WHERE ptm.team_id = ${i}.team_id AND ptm.user_id = :viewerId AND ptm.role IN ('COACH', 'CAPTAIN'))
      OR EXISTS (SELECT 1 FROM organization_member pom WHERE pom.organization_id = ${c}.organizer_id AND pom.user_id = :viewerId)
      OR EXISTS (SELECT 1 FROM organization_member pcm WHERE pcm.organization_id = ${a}.company_id AND pcm.user_id = :viewerId))`;
  }

  /** The viewer (`:viewerId`) is of the team of the idea alias `i`: a member of any role, or a tutor. */
  private teamGrounds(i: string): string {
    return `(${memberOfTeam(`${i}.team_id`, ':viewerId')} OR ${tutorOfTeam(`${i}.team_id`, ':viewerId')})`;
  }

  /**
   * An adoption the viewer may see (NOT_FOUND otherwise): its proposal grounds, or it is ACCEPTED and the viewer is
   * of the team (the audience of Idea.adoption). Returned with its idea and challenge.
   */
  private async visibleAdoption(viewer: Viewer, id: string): Promise<{ adoption: Adoption; idea: Idea; challenge: Challenge }> {
    const adoption = isUuid(id) ? await this.dataSource.getRepository(Adoption).findOneBy({ id }) : null;
    if (!adoption) throw DomainError.notFound('adoption');
    const query = this.dataSource
      .getRepository(Idea)
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.challenge', 'c')
      .innerJoin(Adoption, 'a', 'a.idea_id = i.id')
      .where('a.id = :adoptionId', { adoptionId: adoption.id });
    if (!viewer.isAdmin) {
      if (!viewer.userId) throw DomainError.notFound('adoption');
      query.andWhere(`(${this.proposalGrounds('a', 'i', 'c')} OR (a.status = 'ACCEPTED' AND ${this.teamGrounds('i')}))`, { viewerId: viewer.userId });
    }
    const idea = await query.getOne();
    if (!idea?.challenge) throw DomainError.notFound('adoption');
    const { challenge, ...rest } = idea;
    return { adoption, idea: rest, challenge };
  }
}
