import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { projectionOf, readRows } from '#platform/database/sql-reads.js';
import { Clock } from '#platform/clock/clock.js';
import { DomainError, isUniqueViolation } from '#platform/errors/domain-error.js';
import { recordEvents } from '#platform/outbox/outbox.js';
import { assertPageSize, CursorCodec, keysetCondition, type Page } from '#platform/pagination/cursor.js';
import { Organization } from '../organizations/organization.entity.js';
import { check, checkInput, isUuid, type InputField } from '../validation.js';
import { requireUser, type Viewer } from '../viewer.js';
import { ChallengeAccess } from './challenge-access.js';
import { Challenge, ChallengeFormat, ChallengeStatus, ScoreNormalization } from './challenge.entity.js';
import { replaceStructure, type StructureItem } from './challenge-structure.js';
import { Criterion } from './criterion.entity.js';
import { slugify, uniqueSlug } from './slug.js';
import { Theme } from './theme.entity.js';

/** Outbox events of the lifecycle (no notification of their own; schedulers listen to them). */
export const CHALLENGE_PUBLISHED = 'challenge.published';
export const CHALLENGE_UPDATED = 'challenge.updated';
export const CHALLENGE_CLOSED = 'challenge.closed';
export interface ChallengeEventPayload {
  challengeId: string;
  by: string;
}

export interface ThemeData {
  name: string;
  description?: string | null;
}

export interface CriterionData {
  name: string;
  description?: string | null;
  weight?: number | null;
  maxScore?: number | null;
}

export interface CreateChallengeData {
  organizerId: string;
  title: string;
  description: string;
  format: ChallengeFormat;
  submissionOpensAt: Date;
  submissionClosesAt: Date;
  judgingClosesAt: Date;
  reviewsPerIdea?: number | null;
  maxTeamSize?: number | null;
  blindJudging?: boolean | null;
  rankingNormalization?: ScoreNormalization | null;
  themes: ThemeData[];
  criteria: CriterionData[];
}

/** Omitted (or null) fields keep their value. */
export interface UpdateChallengeData {
  id: string;
  title?: string | null;
  description?: string | null;
  submissionOpensAt?: Date | null;
  submissionClosesAt?: Date | null;
  judgingClosesAt?: Date | null;
  reviewsPerIdea?: number | null;
  maxTeamSize?: number | null;
  blindJudging?: boolean | null;
  rankingNormalization?: ScoreNormalization | null;
  /** Replaces the themes (see replaceStructure): an item with `id` keeps that theme. */
  themes?: (ThemeData & StructureItem)[] | null;
  /** Replaces the criteria (see replaceStructure): an item with `id` keeps that criterion. */
  criteria?: (CriterionData & StructureItem)[] | null;
}

export const CHALLENGE_LIMITS = {
  title: [3, 200],
  description: [1, 10_000],
  name: [1, 120],
  itemDescription: 2_000,
  reviewsPerIdea: [1, 10],
  maxTeamSize: [1, 60],
  maxScore: [1, 100],
  weight: { above: 0, max: 100, decimals: 2 },
  themes: 50,
  criteria: 30,
} as const;

type Settings = Pick<
  Challenge,
  'title' | 'description' | 'submissionOpensAt' | 'submissionClosesAt' | 'judgingClosesAt' | 'reviewsPerIdea' | 'maxTeamSize' | 'blindJudging' | 'rankingNormalization'
>;

const ORDER = { columns: ['c.created_at', 'c.id'], directions: ['DESC', 'DESC'] as ('ASC' | 'DESC')[] };
/** The list its cursors are sealed for (CursorCodec). */
const CURSOR_LIST = 'Query.challenges';

@Injectable()
export class ChallengesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ChallengeAccess,
    private readonly clock: Clock,
    private readonly cursors: CursorCodec,
  ) {}

  /** A member of `organizerId` creates a DRAFT challenge with its themes and criteria; the slug comes from the title. */
  async create(viewer: Viewer, input: CreateChallengeData): Promise<Challenge> {
    requireUser(viewer);
    // Every invalid field at once.
    const { settings, themes, criteria } = checkInput((field) => ({
      settings: this.checkSettings(field, {
        title: input.title,
        description: input.description,
        submissionOpensAt: input.submissionOpensAt,
        submissionClosesAt: input.submissionClosesAt,
        judgingClosesAt: input.judgingClosesAt,
        reviewsPerIdea: input.reviewsPerIdea ?? 3,
        maxTeamSize: input.maxTeamSize ?? 30,
        blindJudging: input.blindJudging ?? false,
        rankingNormalization: input.rankingNormalization ?? ScoreNormalization.ZSCORE,
      }),
      format: field(() => {
        if (!Object.values(ChallengeFormat).includes(input.format)) throw DomainError.badInput('format', 'challenges.formatInvalid');
      }),
      themes: this.checkThemes(field, input.themes),
      criteria: this.checkCriteria(field, input.criteria),
    }));

    const organization = isUuid(input.organizerId) ? await this.dataSource.getRepository(Organization).findOneBy({ id: input.organizerId }) : null;
    if (!organization) throw DomainError.notFound('organization');
    if (!(await this.access.isOrganizationMember(viewer, organization.id))) {
      throw DomainError.forbidden('challenges.createForbidden');
    }

    // The slug carries a tag of the organizer and is unique within it, so it never depends on (or reveals)
    // another organization's challenges, hidden drafts included.
    const base = `${slugify(settings.title)}-${organization.id.replace(/-/g, '').slice(0, 8)}`;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (manager) => {
          const taken: { slug: string }[] = await manager.query(`SELECT slug FROM challenge WHERE organizer_id = $1 AND (slug = $2 OR slug LIKE $3)`, [
            organization.id,
            base,
            `${base}-%`,
          ]);
          const challenge = await manager.save(
            Challenge,
            manager.create(Challenge, {
              ...settings,
              organizerId: organization.id,
              format: input.format,
              status: ChallengeStatus.DRAFT,
              slug: uniqueSlug(
                base,
                taken.map((t) => t.slug),
              ),
            }),
          );
          await manager.insert(
            Theme,
            themes.map((t, position) => ({ ...t, challengeId: challenge.id, position })),
          );
          await manager.insert(
            Criterion,
            criteria.map((c, position) => ({ ...c, challengeId: challenge.id, position })),
          );
          return challenge;
        });
      } catch (error) {
        // Two challenges with the same title created at once: the loser takes the next suffix.
        if (isUniqueViolation(error, 'uq_challenge_organizer_slug') && attempt < 5) continue;
        throw error;
      }
    }
  }

  /** Organizers change the settings of a DRAFT or PUBLISHED challenge; the merged values are validated as on creation. */
  async update(viewer: Viewer, input: UpdateChallengeData): Promise<Challenge> {
    const user = requireUser(viewer);
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.lockForOrganizer(viewer, input.id, manager);
      if (challenge.status !== ChallengeStatus.DRAFT && challenge.status !== ChallengeStatus.PUBLISHED) {
        throw DomainError.precondition('challenges.frozen', { status: challenge.status });
      }
      const merged: Settings = {
        title: input.title ?? challenge.title,
        description: input.description ?? challenge.description,
        submissionOpensAt: input.submissionOpensAt ?? challenge.submissionOpensAt,
        submissionClosesAt: input.submissionClosesAt ?? challenge.submissionClosesAt,
        judgingClosesAt: input.judgingClosesAt ?? challenge.judgingClosesAt,
        reviewsPerIdea: input.reviewsPerIdea ?? challenge.reviewsPerIdea,
        maxTeamSize: input.maxTeamSize ?? challenge.maxTeamSize,
        blindJudging: input.blindJudging ?? challenge.blindJudging,
        rankingNormalization: input.rankingNormalization ?? challenge.rankingNormalization,
      };
      // Every invalid field at once, the replaced lists' items included.
      const { settings, themes, criteria } = checkInput((field) => ({
        settings: this.checkSettings(field, merged),
        themes: input.themes == null ? null : this.checkThemes(field, input.themes).map((t, i) => ({ ...t, id: input.themes![i].id })),
        criteria: input.criteria == null ? null : this.checkCriteria(field, input.criteria).map((c, i) => ({ ...c, id: input.criteria![i].id })),
      }));
      if (settings.maxTeamSize < challenge.maxTeamSize) {
        // A team never exceeds maxTeamSize: refuse a size below the largest existing team.
        const [largest]: { n: number }[] = await manager.query(
          `SELECT coalesce(max(n), 0)::int AS n FROM (SELECT count(*) AS n FROM team_member WHERE challenge_id = $1 GROUP BY team_id) s`,
          [challenge.id],
        );
        if (largest && settings.maxTeamSize < largest.n) {
          throw DomainError.badInput('maxTeamSize', 'challenges.maxTeamSizeBelow', { largest: largest.n });
        }
      }
      await manager.update(Challenge, { id: challenge.id }, settings);
      if (themes) await replaceStructure(manager, Theme, 'themes', challenge.id, themes);
      if (criteria) await replaceStructure(manager, Criterion, 'criteria', challenge.id, criteria);
      const datesChanged = (['submissionOpensAt', 'submissionClosesAt', 'judgingClosesAt'] as const).some((k) => settings[k].getTime() !== challenge[k].getTime());
      if (datesChanged) {
        await recordEvents(manager, [{ type: CHALLENGE_UPDATED, payload: { challengeId: challenge.id, by: user.userId } satisfies ChallengeEventPayload }]);
      }
      return { ...challenge, ...settings };
    });
  }

  /** DRAFT -> PUBLISHED, by an organizer. */
  async publish(viewer: Viewer, id: string): Promise<Challenge> {
    return this.transition(viewer, id, ChallengeStatus.DRAFT, ChallengeStatus.PUBLISHED, CHALLENGE_PUBLISHED);
  }

  /** RESULTS_PUBLISHED -> CLOSED, by an organizer. */
  async close(viewer: Viewer, id: string): Promise<Challenge> {
    return this.transition(viewer, id, ChallengeStatus.RESULTS_PUBLISHED, ChallengeStatus.CLOSED, CHALLENGE_CLOSED);
  }

  /**
   * One step of the lifecycle, by an organizer, under a row lock so concurrent steps apply once.
   * Judging owns PUBLISHED -> JUDGING -> RESULTS_PUBLISHED and may reuse this.
   */
  async transition(viewer: Viewer, id: string, from: ChallengeStatus, to: ChallengeStatus, eventType: string): Promise<Challenge> {
    const user = requireUser(viewer);
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.lockForOrganizer(viewer, id, manager);
      if (challenge.status !== from) throw DomainError.precondition('challenges.transition', { from, to, status: challenge.status });
      await manager.update(Challenge, { id: challenge.id }, to === ChallengeStatus.CLOSED ? { status: to, closedAt: this.clock.now() } : { status: to });
      await recordEvents(manager, [{ type: eventType, payload: { challengeId: challenge.id, by: user.userId } satisfies ChallengeEventPayload }]);
      return { ...challenge, status: to };
    });
  }

  /**
   * The challenge locked FOR UPDATE, when the viewer organizes it: NOT_FOUND when the viewer may not see it
   * (unknown, or a DRAFT of others), FORBIDDEN when they see it but do not organize it.
   */
  async lockForOrganizer(viewer: Viewer, id: string, manager: EntityManager): Promise<Challenge> {
    const challenge = isUuid(id) ? await manager.getRepository(Challenge).createQueryBuilder('c').setLock('for_no_key_update').where('c.id = :id', { id }).getOne() : null;
    if (!challenge) throw DomainError.notFound('challenge');
    if (!(await this.access.isOrganizer(viewer, challenge, manager))) {
      if (challenge.status === ChallengeStatus.DRAFT) throw DomainError.notFound('challenge');
      throw DomainError.forbidden('challenges.organizersOnly');
    }
    return challenge;
  }

  /** A challenge by id or slug, as the viewer may see it (NOT_FOUND otherwise). */
  async get(viewer: Viewer, args: { id?: string | null; slug?: string | null }): Promise<Challenge> {
    if (!args.id && !args.slug) throw DomainError.badInput('id', 'challenges.idOrSlug');
    let challenge: Challenge | null = null;
    // The entry point of every public page (the gallery): a prepared read, not the query builder.
    const byColumn = async (column: 'id' | 'slug', value: string) => {
      const columns = projectionOf(this.dataSource, Challenge, 'c');
      const rows = await readRows(this.dataSource, `SELECT ${columns.select} FROM challenge c WHERE c.${column} = :value ORDER BY c.created_at, c.id`, { value });
      return rows.map((row) => columns.read(row)).filter((c): c is Challenge => c !== null);
    };
    let candidates: Challenge[] = [];
    if (args.id) {
      candidates = isUuid(args.id) ? await byColumn('id', args.id) : [];
      if (args.slug) candidates = candidates.filter((c) => c.slug === args.slug);
    } else if (args.slug && args.slug.length <= 200) {
      // Slugs are unique per organizer; two organizers' tags could in theory meet, so the first visible one wins.
      candidates = await byColumn('slug', args.slug);
    }
    for (const candidate of candidates) {
      if (await this.access.canSeeChallenge(viewer, candidate)) {
        challenge = candidate;
        break;
      }
    }
    if (!challenge) throw DomainError.notFound('challenge');
    return challenge;
  }

  /**
   * Challenges newest first: everything but DRAFTs, plus the DRAFTs of the viewer's organizations (all for admins);
   * optionally of one organizer only (a malformed id matches nothing).
   */
  async list(viewer: Viewer, args: { first?: number | null; after?: string | null; status?: ChallengeStatus | null; organizerId?: string | null }): Promise<Page<Challenge>> {
    const first = assertPageSize(args.first);
    if (args.organizerId && !isUuid(args.organizerId)) return this.cursors.page(CURSOR_LIST, [], first, 0, (c: Challenge) => [c.createdAt.toISOString(), c.id]);
    const query = this.dataSource.getRepository(Challenge).createQueryBuilder('c');
    if (!viewer.isAdmin) {
      if (viewer.userId) {
        query.where(`(c.status <> 'DRAFT' OR EXISTS (SELECT 1 FROM organization_member om WHERE om.organization_id = c.organizer_id AND om.user_id = :viewerId))`, {
          viewerId: viewer.userId,
        });
      } else {
        query.where(`c.status <> 'DRAFT'`);
      }
    }
    if (args.status) query.andWhere('c.status = :status', { status: args.status });
    if (args.organizerId) query.andWhere('c.organizer_id = :organizerId', { organizerId: args.organizerId });
    const totalCount = await query.clone().getCount();
    if (args.after) query.andWhere(...keyset(ORDER, this.cursors.decodeKeyed(CURSOR_LIST, args.after, 'time')));
    const rows = await query
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(first + 1)
      .getMany();
    return this.cursors.page(CURSOR_LIST, rows, first, totalCount, (c) => [c.createdAt.toISOString(), c.id]);
  }

  /** Challenges by id without access checks: for loaders below an object the viewer already sees. */
  async byIds(ids: readonly string[]): Promise<Challenge[]> {
    const valid = [...new Set(ids)].filter(isUuid);
    return valid.length ? this.dataSource.getRepository(Challenge).findBy({ id: In(valid) }) : [];
  }

  async themesOf(challengeIds: readonly string[]): Promise<Theme[]> {
    if (challengeIds.length === 0) return [];
    return this.dataSource.getRepository(Theme).find({ where: { challengeId: In([...challengeIds]) }, order: { position: 'ASC' } });
  }

  async themesByIds(ids: readonly string[]): Promise<Theme[]> {
    const valid = [...new Set(ids)].filter(isUuid);
    return valid.length ? this.dataSource.getRepository(Theme).findBy({ id: In(valid) }) : [];
  }

  async criteriaOf(challengeIds: readonly string[]): Promise<Criterion[]> {
    if (challengeIds.length === 0) return [];
    return this.dataSource.getRepository(Criterion).find({ where: { challengeId: In([...challengeIds]) }, order: { position: 'ASC' } });
  }

  /** The settings, each refusal kept by `field` (see `checkInput`); the order of the dates is checked when both are valid. */
  private checkSettings(field: InputField, s: Settings): Settings {
    const [titleMin, titleMax] = CHALLENGE_LIMITS.title;
    const [descriptionMin, descriptionMax] = CHALLENGE_LIMITS.description;
    const settings: Settings = {
      title: field(() => check.line('title', s.title, titleMin, titleMax)),
      description: field(() => check.text('description', s.description, descriptionMin, descriptionMax)),
      submissionOpensAt: field(() => check.date('submissionOpensAt', s.submissionOpensAt)),
      submissionClosesAt: field(() => check.date('submissionClosesAt', s.submissionClosesAt)),
      judgingClosesAt: field(() => check.date('judgingClosesAt', s.judgingClosesAt)),
      reviewsPerIdea: field(() => check.int('reviewsPerIdea', s.reviewsPerIdea, ...CHALLENGE_LIMITS.reviewsPerIdea)),
      maxTeamSize: field(() => check.int('maxTeamSize', s.maxTeamSize, ...CHALLENGE_LIMITS.maxTeamSize)),
      blindJudging: s.blindJudging,
      rankingNormalization: s.rankingNormalization,
    };
    const { submissionOpensAt: opens, submissionClosesAt: closes, judgingClosesAt: judged } = settings;
    field(() => {
      if (opens && closes && closes.getTime() <= opens.getTime()) throw DomainError.badInput('submissionClosesAt', 'challenges.submissionOrder');
    });
    field(() => {
      if (closes && judged && judged.getTime() <= closes.getTime()) throw DomainError.badInput('judgingClosesAt', 'challenges.judgingOrder');
    });
    field(() => {
      if (!Object.values(ScoreNormalization).includes(settings.rankingNormalization)) throw DomainError.badInput('rankingNormalization', 'challenges.normalizationInvalid');
    });
    return settings;
  }

  private checkThemes(field: InputField, themes: ThemeData[]): Omit<Theme, 'id' | 'challengeId' | 'position' | 'challenge'>[] {
    const count = field(() => {
      if (!Array.isArray(themes) || themes.length === 0) throw DomainError.badInput('themes', 'challenges.themesRequired');
      if (themes.length > CHALLENGE_LIMITS.themes) throw DomainError.badInput('themes', 'input.tooMany', { field: 'themes', max: CHALLENGE_LIMITS.themes });
      return themes.length;
    });
    if (count === undefined) return [];
    return themes.map((t, i) => ({
      name: field(() => check.line(`themes.${i}.name`, t.name, ...CHALLENGE_LIMITS.name)),
      description: field(() => check.optionalText(`themes.${i}.description`, t.description, CHALLENGE_LIMITS.itemDescription)),
    }));
  }

  private checkCriteria(field: InputField, criteria: CriterionData[]): Omit<Criterion, 'id' | 'challengeId' | 'position' | 'challenge'>[] {
    const count = field(() => {
      if (!Array.isArray(criteria) || criteria.length === 0) throw DomainError.badInput('criteria', 'challenges.criteriaRequired');
      if (criteria.length > CHALLENGE_LIMITS.criteria) throw DomainError.badInput('criteria', 'input.tooMany', { field: 'criteria', max: CHALLENGE_LIMITS.criteria });
      return criteria.length;
    });
    if (count === undefined) return [];
    return criteria.map((c, i) => ({
      name: field(() => check.line(`criteria.${i}.name`, c.name, ...CHALLENGE_LIMITS.name)),
      description: field(() => check.optionalText(`criteria.${i}.description`, c.description, CHALLENGE_LIMITS.itemDescription)),
      // docs/rules.md "Errors": 0 < weight <= 100; two decimals at most (our choice), so the smallest weight is 0.01.
      weight: field(() => check.decimal(`criteria.${i}.weight`, c.weight ?? 1, CHALLENGE_LIMITS.weight)),
      maxScore: field(() => check.int(`criteria.${i}.maxScore`, c.maxScore ?? 10, ...CHALLENGE_LIMITS.maxScore)),
    }));
  }
}

/** keysetCondition as `andWhere` arguments. */
export function keyset(order: { columns: string[]; directions: ('ASC' | 'DESC')[] }, values: (string | number)[]): [string, Record<string, unknown>] {
  const { sql, params } = keysetCondition(order, values);
  return [sql, params];
}
