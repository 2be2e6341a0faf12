import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '#platform/clock/clock.js';
import { projectionOf, readRows } from '#platform/database/sql-reads.js';
import { DomainError } from '#platform/errors/domain-error.js';
import { recordEvents } from '#platform/outbox/outbox.js';
import { assertPageSize, CursorCodec, lazyCount, type Page } from '#platform/pagination/cursor.js';
import { ideaAdopted, memberOfTeam } from '../access/grounds.js';
import { ChallengeAccess } from '../challenges/challenge-access.js';
import { Challenge, ChallengeFormat, ChallengeStatus } from '../challenges/challenge.entity.js';
import { keyset } from '../challenges/challenges.service.js';
import { Theme } from '../challenges/theme.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { TeamRole } from '../teams/team-member.entity.js';
import { Team } from '../teams/team.entity.js';
import { check, checkInput, isUuid, type InputField } from '../validation.js';
import { requireUser, type Viewer } from '../viewer.js';
import { Idea, IdeaStatus } from './idea.entity.js';
import { IdeaReads, type IdeaView } from './idea-reads.js';

export const IDEA_SUBMITTED = 'idea.submitted';
export interface IdeaSubmittedPayload {
  ideaId: string;
  teamId: string;
  submittedBy: string;
}
export const IDEA_WITHDRAWN = 'idea.withdrawn';

export interface SaveIdeaData {
  teamId: string;
  themeId: string;
  title: string;
  summary: string;
  problem: string;
  solution: string;
  impact?: string | null;
  tags?: string[] | null;
  /** When given and different from the stored version: CONFLICT, nothing changes. */
  expectedVersion?: number | null;
}

export interface IdeaFilterData {
  challengeId?: string | null;
  themeId?: string | null;
  status?: IdeaStatus | null;
  schoolId?: string | null;
  /** The district of the team's school. */
  district?: string | null;
  search?: string | null;
  adopted?: boolean | null;
}

/** Relations of the listed ideas to read in the same query, and which of their long texts to read. */
export interface IdeaIncludes {
  team?: boolean;
  /** The team's school (implies the team). */
  school?: boolean;
  theme?: boolean;
  /** The optional properties of the idea (OPTIONAL_IDEA_FIELDS of idea-reads.ts) to read; all when absent. */
  fields?: ReadonlySet<string>;
}

/** Relations' columns no caller of a list needs (the API shows no team or organization createdAt). */
const UNUSED_RELATION_FIELDS = ['createdAt'];

/**
 * A page of ideas, redacted for the viewer (IdeaView), with the relations asked for by `IdeaIncludes`: the teams
 * (and their schools, where they have one) of the ideas whose team the viewer may see, and every idea's theme; a
 * relation that was not asked for is undefined.
 */
export interface IdeaPage extends Page<IdeaView> {
  included: { teams?: Omit<Team, 'createdAt'>[]; schools?: Omit<Organization, 'createdAt'>[]; themes?: Theme[] };
}

export const IDEA_LIMITS = {
  title: [3, 120],
  summary: [1, 500],
  problem: [1, 5_000],
  solution: [1, 5_000],
  impact: 5_000,
  tags: 10,
  tag: [1, 30],
  search: 200,
} as const;

const NEWEST_FIRST = { columns: ['i.created_at', 'i.id'], directions: ['DESC', 'DESC'] as ('ASC' | 'DESC')[] };
/** Both configurations at once: a word matches by its Italian or its English stem. */
const SEARCH_QUERY = `(websearch_to_tsquery('italian'::regconfig, :search) || websearch_to_tsquery('english'::regconfig, :search))`;
const RANK = `ts_rank(i.search_vector, ${SEARCH_QUERY})::float8`;
const RELEVANCE = { columns: [RANK, 'i.id'], directions: ['DESC', 'ASC'] as ('ASC' | 'DESC')[] };

@Injectable()
export class IdeasService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ChallengeAccess,
    private readonly reads: IdeaReads,
    private readonly clock: Clock,
    private readonly cursors: CursorCodec,
  ) {}

  /**
   * Creates the team's idea or updates it; any member of the team may save, inside the submission window.
   * Every save increments `version`; the version check and the write are one statement, so of two saves
   * with the same `expectedVersion` exactly one wins.
   */
  async save(viewer: Viewer, input: SaveIdeaData): Promise<IdeaView> {
    const { idea, teamHidden } = await this.write(viewer, input);
    // Redacted as IdeaReads.redact does, from the rule read with the team.
    return teamHidden ? { ...idea, teamId: null } : idea;
  }

  /**
   * A save at a deadline is the busiest write of an edition (`npm run bench`, the deadline rush): one statement reads
   * the team, its challenge, whether the viewer is on the team, the theme if it is the challenge's, and whether blind
   * judging hides the team from the viewer; then, under the challenge's shared lock, one UPDATE ... RETURNING is the
   * whole save of an existing idea at the expected version.
   */
  private async write(viewer: Viewer, input: SaveIdeaData): Promise<{ idea: Idea; teamHidden: boolean }> {
    const user = requireUser(viewer);
    if (!isUuid(input.teamId)) throw DomainError.notFound('team');
    const teamColumns = projectionOf(this.dataSource, Team, 't', 'team.');
    const challengeColumns = projectionOf(this.dataSource, Challenge, 'c', 'challenge.');
    const hidden = this.reads.teamHidden(viewer, 'c');
    const [row] = await readRows(
      this.dataSource,
      `SELECT ${teamColumns.select}, ${challengeColumns.select}, ${memberOfTeam('t.id', ':userId')} AS "member",
              (SELECT th.id FROM theme th WHERE th.id = :themeId AND th.challenge_id = c.id) AS "themeId", ${hidden.sql} AS "teamHidden"
         FROM team t JOIN challenge c ON c.id = t.challenge_id WHERE t.id = :teamId`,
      { teamId: input.teamId, userId: user.userId, themeId: isUuid(input.themeId) ? input.themeId : null, ...hidden.params },
    );
    if (!row) throw DomainError.notFound('team');
    const team = teamColumns.read(row)!;
    const challenge = challengeColumns.read(row)!;
    if (!viewer.isAdmin && row.member !== true) {
      if (!(await this.access.canSeeChallenge(viewer, challenge))) throw DomainError.notFound('team');
      throw DomainError.forbidden('ideas.teamMembersOnly');
    }
    const expected = input.expectedVersion ?? null;
    // Every invalid field at once.
    const { content, themeId } = checkInput((field) => ({
      content: this.checkContent(input, field),
      themeId: field(() => {
        if (typeof row.themeId !== 'string') throw DomainError.badInput('themeId', 'ideas.themeNotInChallenge');
        return row.themeId;
      }),
      expected: field(() => {
        if (expected !== null && (!Number.isInteger(expected) || expected < 0)) throw DomainError.badInput('expectedVersion', 'ideas.expectedVersion');
      }),
    }));
    const ideaColumns = projectionOf(this.dataSource, Idea, '"idea"');

    const idea = await this.dataSource.transaction(async (manager) => {
      this.assertSubmissionWindow(await this.lockChallenge(manager, challenge.id));
      const fields = { ...content, themeId };
      /** The team's idea updated if it is at the expected version (any version without one), or null. */
      const update = async (): Promise<Idea | null> => {
        const query = manager
          .createQueryBuilder()
          .update(Idea)
          .set({ ...fields, version: () => 'version + 1', updatedAt: () => 'clock_timestamp()' })
          .where('team_id = :teamId', { teamId: team.id });
        if (expected !== null) query.andWhere('version = :expected', { expected });
        const result = await query.returning(ideaColumns.select).execute();
        return ideaColumns.read((result.raw as Record<string, unknown>[])[0] ?? {});
      };
      const updated = await update();
      if (updated) return updated;
      const existing = await manager.findOne(Idea, { where: { teamId: team.id }, select: { id: true, version: true } });
      if (existing) {
        // Saved in between by a first save that committed after this UPDATE began: without a version, save over it.
        const again = expected === null ? await update() : null;
        if (again) return again;
        throw DomainError.conflict('ideas.versionConflict', { current: existing.version, expected: expected ?? '?' });
      }
      if (expected !== null && expected !== 0) throw DomainError.conflict('ideas.versionConflict', { current: 0, expected });
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Idea)
        .values({ ...fields, teamId: team.id, challengeId: challenge.id, version: 1 })
        .orIgnore() // ON CONFLICT DO NOTHING: a concurrent first save won; save over it (or CONFLICT at version 0)
        .returning(ideaColumns.select)
        .execute();
      const created = ideaColumns.read((inserted.raw as Record<string, unknown>[])[0] ?? {});
      if (created) return created;
      const over = expected === null ? await update() : null;
      if (over) return over;
      const current = await manager.findOne(Idea, { where: { teamId: team.id }, select: { id: true, version: true } });
      throw DomainError.conflict('ideas.versionConflict', { current: current?.version ?? '?', expected: expected ?? '?' });
    });
    return { idea, teamHidden: row.teamHidden === true };
  }

  /** The coach (or, in an OPEN_HACKATHON, the captain) submits: DRAFT or WITHDRAWN -> SUBMITTED, inside the window. */
  async submit(viewer: Viewer, ideaId: string): Promise<IdeaView> {
    const user = requireUser(viewer);
    const { idea, challenge } = await this.reads.visibleWithChallenge(viewer, ideaId);
    const role = (await this.access.teamRoles(viewer, [idea.teamId])).get(idea.teamId);
    const mayLead = role === TeamRole.COACH || (role === TeamRole.CAPTAIN && challenge.format === ChallengeFormat.OPEN_HACKATHON);
    if (!viewer.isAdmin && !mayLead) throw DomainError.forbidden('ideas.submitForbidden');
    const changed = await this.dataSource.transaction(async (manager) => {
      this.assertSubmissionWindow(await this.lockChallenge(manager, challenge.id));
      const result = await manager
        .createQueryBuilder()
        .update(Idea)
        .set({ status: IdeaStatus.SUBMITTED, submittedAt: this.clock.now(), updatedAt: () => 'clock_timestamp()' })
        .where('id = :id AND status IN (:...from)', { id: idea.id, from: [IdeaStatus.DRAFT, IdeaStatus.WITHDRAWN] })
        .execute();
      if (!result.affected) throw DomainError.precondition('ideas.alreadySubmitted');
      await recordEvents(manager, [{ type: IDEA_SUBMITTED, payload: { ideaId: idea.id, teamId: idea.teamId, submittedBy: user.userId } satisfies IdeaSubmittedPayload }]);
      return manager.findOneByOrFail(Idea, { id: idea.id });
    });
    return this.reads.redactOne(viewer, changed);
  }

  /** A coach or the captain withdraws a SUBMITTED idea before judging starts (while the challenge is PUBLISHED). */
  async withdraw(viewer: Viewer, ideaId: string): Promise<IdeaView> {
    const user = requireUser(viewer);
    const { idea, challenge } = await this.reads.visibleWithChallenge(viewer, ideaId);
    const role = (await this.access.teamRoles(viewer, [idea.teamId])).get(idea.teamId);
    if (!viewer.isAdmin && role !== TeamRole.COACH && role !== TeamRole.CAPTAIN) throw DomainError.forbidden('ideas.withdrawForbidden');
    if (challenge.status !== ChallengeStatus.PUBLISHED) throw DomainError.precondition('ideas.judgingStarted');
    const changed = await this.dataSource.transaction(async (manager) => {
      const locked = await this.lockChallenge(manager, challenge.id);
      if (locked.status !== ChallengeStatus.PUBLISHED) throw DomainError.precondition('ideas.judgingStarted');
      const result = await manager
        .createQueryBuilder()
        .update(Idea)
        .set({ status: IdeaStatus.WITHDRAWN, submittedAt: null, updatedAt: () => 'clock_timestamp()' })
        .where('id = :id AND status = :from', { id: idea.id, from: IdeaStatus.SUBMITTED })
        .execute();
      if (!result.affected) throw DomainError.precondition('ideas.withdrawNotSubmitted');
      await recordEvents(manager, [{ type: IDEA_WITHDRAWN, payload: { ideaId: idea.id, teamId: idea.teamId, by: user.userId } }]);
      return manager.findOneByOrFail(Idea, { id: idea.id });
    });
    return this.reads.redactOne(viewer, changed);
  }

  /**
   * The ideas the viewer may see, filtered (filters combine with AND): newest first, or by relevance then id
   * when searching. `scopeChallengeId` restricts to one challenge (Challenge.ideas). `include` reads each idea's
   * team (with its school) and theme in the same query, for callers that show them (the gallery): one round trip
   * instead of one per relation. Properties left out by `include.fields` are undefined in the returned ideas, and the
   * included teams and schools have no createdAt.
   */
  async list(
    viewer: Viewer,
    args: { first?: number | null; after?: string | null; filter?: IdeaFilterData | null; scopeChallengeId?: string; include?: IdeaIncludes },
  ): Promise<IdeaPage> {
    const first = assertPageSize(args.first);
    const filter = args.filter ?? {};
    const search = filter.search?.trim() ?? '';
    if ([...search].length > IDEA_LIMITS.search) throw DomainError.badInput('search', 'input.tooLong', { field: 'search', max: IDEA_LIMITS.search });
    const include = args.include ?? {};
    const included: IdeaPage['included'] = {
      teams: include.team || include.school ? [] : undefined,
      schools: include.school ? [] : undefined,
      themes: include.theme ? [] : undefined,
    };
    const empty = (): IdeaPage => ({ nodes: [], cursors: [], hasNextPage: false, totalCount: 0, included });

    const visibility = this.reads.visibility(viewer);
    const teamHidden = this.reads.teamHidden(viewer);
    const where: string[] = [visibility.sql];
    const params: Record<string, unknown> = { ...visibility.params, ...teamHidden.params };
    for (const [key, value, column] of [
      ['scope', args.scopeChallengeId, 'i.challenge_id'],
      ['challengeId', filter.challengeId, 'i.challenge_id'],
      ['themeId', filter.themeId, 'i.theme_id'],
    ] as const) {
      if (value === undefined || value === null) continue;
      if (!isUuid(value)) return empty(); // a malformed id matches no idea
      where.push(`${column} = :${key}`);
      params[key] = value;
    }
    if (filter.status) {
      where.push('i.status = :status');
      params.status = filter.status;
    }
    if (filter.schoolId) {
      if (!isUuid(filter.schoolId)) return empty();
      where.push('EXISTS (SELECT 1 FROM team ft WHERE ft.id = i.team_id AND ft.school_id = :schoolId)');
      params.schoolId = filter.schoolId;
    }
    const district = filter.district?.trim();
    // Under blind judging a juror must not learn an idea's school, not even by filtering on it.
    if (filter.schoolId || district) where.push(`NOT ${teamHidden.sql}`);
    if (district) {
      where.push('EXISTS (SELECT 1 FROM team ft JOIN organization fs ON fs.id = ft.school_id WHERE ft.id = i.team_id AND lower(fs.district) = lower(:district))');
      params.district = district;
    }
    if (filter.adopted === true) where.push(ideaAdopted('i.id'));
    if (filter.adopted === false) where.push(`NOT ${ideaAdopted('i.id')}`);
    if (search) {
      where.push(`i.search_vector @@ ${SEARCH_QUERY}`);
      params.search = search;
    }

    const from = 'FROM idea i JOIN challenge c ON c.id = i.challenge_id';
    const filtered = where.map((w) => `(${w})`).join(' AND ');
    const countParams = { ...params };
    const totalCount = lazyCount(async () => (await readRows<{ count: number }>(this.dataSource, `SELECT count(*)::int AS count ${from} WHERE ${filtered}`, countParams))[0].count);

    const order = search ? RELEVANCE : NEWEST_FIRST;
    // Cursors are sealed for the list (Query.ideas or one challenge's Challenge.ideas) and its order: a rank cursor
    // never lands in the newest-first list, nor one challenge's cursor in another's.
    const list = `${args.scopeChallengeId ? `Challenge.ideas:${args.scopeChallengeId}` : 'Query.ideas'}:${search ? 'relevance' : 'newest'}`;
    let pageWhere = filtered;
    if (args.after) {
      const [sql, keysetParams] = keyset(order, search ? this.cursors.decodeKeyed(list, args.after, 'number') : this.cursors.decodeKeyed(list, args.after, 'time'));
      pageWhere += ` AND (${sql})`;
      Object.assign(params, keysetParams);
    }
    const ideaColumns = this.reads.projection(include.fields);
    const columns = [ideaColumns.select, `${teamHidden.sql} AS "teamHidden"`];
    let joins = '';
    const teamColumns = projectionOf(this.dataSource, Team, 'inc_team', 'team.', UNUSED_RELATION_FIELDS);
    const schoolColumns = projectionOf(this.dataSource, Organization, 'inc_school', 'school.', UNUSED_RELATION_FIELDS);
    const themeColumns = projectionOf(this.dataSource, Theme, 'inc_theme', 'theme.');
    if (included.teams) {
      columns.push(teamColumns.select);
      joins += ' JOIN team inc_team ON inc_team.id = i.team_id';
      if (included.schools) {
        columns.push(schoolColumns.select);
        joins += ' LEFT JOIN organization inc_school ON inc_school.id = inc_team.school_id';
      }
    }
    if (included.themes) {
      columns.push(themeColumns.select);
      joins += ' JOIN theme inc_theme ON inc_theme.id = i.theme_id';
    }
    if (search) columns.push(`${RANK} AS "rank"`);
    const orderBy = search ? '"rank" DESC, i.id ASC' : 'i.created_at DESC, i.id DESC';
    params.limit = first + 1;
    const rows = await readRows(this.dataSource, `SELECT ${columns.join(', ')} ${from}${joins} WHERE ${pageWhere} ORDER BY ${orderBy} LIMIT :limit`, params);

    const ideas: IdeaView[] = [];
    const ranks = new Map<string, number>();
    for (const row of rows) {
      const idea: IdeaView = ideaColumns.read(row)!;
      if (row.teamHidden === true) idea.teamId = null;
      ideas.push(idea);
      if (search) ranks.set(idea.id, Number(row.rank));
      if (ideas.length > first) continue; // the look-ahead row only tells hasNextPage
      included.themes?.push(themeColumns.read(row)!);
      if (idea.teamId === null) continue;
      included.teams?.push(teamColumns.read(row)!);
      const school = included.schools ? schoolColumns.read(row) : null;
      if (school) included.schools!.push(school);
    }
    const page = this.cursors.page(list, ideas, first, totalCount, search ? (i) => [ranks.get(i.id)!, i.id] : (i) => [i.createdAt.toISOString(), i.id]);
    return { ...page, included };
  }

  /**
   * The challenge re-read under a shared row lock: a concurrent lifecycle step (startJudging locks the row for
   * update) waits for this change or this change sees the new status, never a save after submissions closed.
   */
  private lockChallenge(manager: EntityManager, id: string): Promise<Challenge> {
    return manager.getRepository(Challenge).createQueryBuilder('c').setLock('pessimistic_read').where('c.id = :id', { id }).getOneOrFail();
  }

  /** Ideas can be saved and submitted while PUBLISHED and submissionOpensAt <= now < submissionClosesAt. */
  private assertSubmissionWindow(challenge: Challenge): void {
    if (challenge.status !== ChallengeStatus.PUBLISHED) throw DomainError.precondition('ideas.submissionsClosed', { status: challenge.status });
    const now = this.clock.now().getTime();
    if (now < challenge.submissionOpensAt.getTime()) throw DomainError.precondition('ideas.submissionsNotOpen');
    if (now >= challenge.submissionClosesAt.getTime()) throw DomainError.precondition('ideas.deadlinePassed');
  }

  /** The idea's texts, each refusal kept by `field` (see `checkInput`). */
  private checkContent(input: SaveIdeaData, field: InputField) {
    return {
      title: field(() => check.line('title', input.title, ...IDEA_LIMITS.title)),
      summary: field(() => check.text('summary', input.summary, ...IDEA_LIMITS.summary)),
      problem: field(() => check.text('problem', input.problem, ...IDEA_LIMITS.problem)),
      solution: field(() => check.text('solution', input.solution, ...IDEA_LIMITS.solution)),
      impact: field(() => check.optionalText('impact', input.impact, IDEA_LIMITS.impact)),
      tags: field(() => {
        const tags = input.tags ?? [];
        if (!Array.isArray(tags) || tags.length > IDEA_LIMITS.tags) throw DomainError.badInput('tags', 'input.tooMany', { field: 'tags', max: IDEA_LIMITS.tags });
        return [...new Set(tags.map((t) => check.line('tags', t, ...IDEA_LIMITS.tag)))];
      }),
    };
  }
}
