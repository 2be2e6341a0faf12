import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { projectionOf, readRows, type EntityProjection } from '#platform/database/sql-reads.js';
import { DomainError } from '#platform/errors/domain-error.js';
import { jurorAssignedToIdea, jurorOfChallenge, memberOfOrganization, memberOfTeam, tutorOfTeam } from '../access/grounds.js';
import { RESULTS_VISIBLE_STATUSES } from '../challenges/challenge-access.js';
import type { Challenge } from '../challenges/challenge.entity.js';
import { Theme } from '../challenges/theme.entity.js';
import { isUuid } from '../validation.js';
import type { Viewer } from '../viewer.js';
import { Idea } from './idea.entity.js';

/**
 * The one read door of ideas: who sees an idea, what blind judging hides from whom, which columns are read, and the
 * reader by id. Every feature that shows an idea (the gallery, Team.idea, review assignments, awards, adoptions, the
 * leaderboard) reads it through here, so an idea leaves the domain already redacted for its viewer and the API only
 * maps it. A new column of `Idea` needs no change here: the projection follows the entity's metadata.
 */

/** An idea as one viewer may see it: `teamId` is null where blind judging hides its team (and so its school) from the viewer. */
export type IdeaView = Omit<Idea, 'teamId'> & { teamId: string | null };

/** An idea of a team (IdeaReads.visibleByTeamIds), with its theme when it was asked for. */
export type TeamIdea = Idea & { theme?: Theme };

/** An SQL predicate with its named parameters (`:viewerId`), to AND into a query. */
export interface SqlPredicate {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Idea properties read only when asked: a gallery card shows a title and reads neither 10 KB of text nor three
 * timestamps per idea. The ids, title, status and createdAt (the cursor's key) are always read.
 */
export const OPTIONAL_IDEA_FIELDS = ['summary', 'problem', 'solution', 'impact', 'tags', 'version', 'submittedAt', 'updatedAt'] as const;

/**
 * Blind judging (docs/rules.md "Jurors"): the jurors of a blind challenge, unless they organize it, must not learn a
 * team or a school through any idea of it. An SQL predicate over a challenge alias and the viewer's id expression.
 */
const teamHiddenSql = (challenge: string, userId: string): string =>
  `(${challenge}.blind_judging AND ${jurorOfChallenge(`${challenge}.id`, userId)} AND NOT ${memberOfOrganization(`${challenge}.organizer_id`, userId)})`;

@Injectable()
export class IdeaReads {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * docs/rules.md "Who sees an idea", as an SQL predicate over an idea alias and its challenge alias (for lists, counts
   * and single reads alike): its team (members of every role, tutors), the challenge's organizers, the jurors assigned
   * to it, admins; and everyone for SUBMITTED ideas once results are published. Binds `:viewerId` when signed in.
   */
  visibility(viewer: Viewer, idea = 'i', challenge = 'c'): SqlPredicate {
    if (viewer.isAdmin) return { sql: 'TRUE', params: {} };
    const published = `(${idea}.status = 'SUBMITTED' AND ${challenge}.status IN (${RESULTS_VISIBLE_STATUSES.map((s) => `'${s}'`).join(', ')}))`;
    if (!viewer.userId) return { sql: published, params: {} };
    // The published ground first: it needs no subquery, and PostgreSQL tries an OR's arms in order.
    const grounds = [
      published,
      memberOfTeam(`${idea}.team_id`, ':viewerId'),
      memberOfOrganization(`${challenge}.organizer_id`, ':viewerId'),
      jurorAssignedToIdea(`${idea}.id`, ':viewerId'),
      tutorOfTeam(`${idea}.team_id`, ':viewerId'),
    ];
    return { sql: `(${grounds.join(' OR ')})`, params: { viewerId: viewer.userId } };
  }

  /** Whether blind judging hides the teams of the challenge `challenge` (an alias) from the viewer, as SQL; FALSE for anonymous callers and admins. */
  teamHidden(viewer: Viewer, challenge = 'c'): SqlPredicate {
    if (viewer.isAdmin || !viewer.userId) return { sql: 'FALSE', params: {} };
    return { sql: teamHiddenSql(challenge, ':viewerId'), params: { viewerId: viewer.userId } };
  }

  /** The challenges among `challengeIds` whose teams and schools blind judging hides from the viewer (no query for anonymous callers and admins). */
  async blindChallenges(viewer: Viewer, challengeIds: readonly string[]): Promise<Set<string>> {
    const ids = [...new Set(challengeIds)].filter(isUuid);
    if (ids.length === 0 || viewer.isAdmin || !viewer.userId) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(`SELECT c.id FROM challenge c WHERE c.id = ANY($1::uuid[]) AND ${teamHiddenSql('c', '$2')}`, [ids, viewer.userId]);
    return new Set(rows.map((r) => r.id));
  }

  /**
   * The one column projection of an idea under `alias` (its result columns named `prefix` + property): every column of the entity, less the OPTIONAL_IDEA_FIELDS
   * not in `fields` (all of them when `fields` is absent); omitted properties are undefined in what it reads.
   */
  projection(fields?: ReadonlySet<string>, alias = 'i', prefix = ''): EntityProjection<Idea> {
    return projectionOf(this.dataSource, Idea, alias, prefix, fields ? OPTIONAL_IDEA_FIELDS.filter((f) => !fields.has(f)) : []);
  }

  /** The ideas as the viewer may see them: the team of an idea of a blind challenge is hidden from its jurors. */
  async redact(viewer: Viewer, ideas: readonly Idea[]): Promise<IdeaView[]> {
    const blind = await this.blindChallenges(
      viewer,
      ideas.map((i) => i.challengeId),
    );
    return ideas.map((idea) => (blind.has(idea.challengeId) ? { ...idea, teamId: null } : idea));
  }

  async redactOne(viewer: Viewer, idea: Idea): Promise<IdeaView> {
    return (await this.redact(viewer, [idea]))[0];
  }

  /**
   * The ideas `ids`, redacted for the viewer, without the visibility check: for an idea below an object the viewer
   * already sees (a review assignment, an award, an adoption, a leaderboard entry). Unknown ids are left out.
   */
  async byIds(viewer: Viewer, ids: readonly string[]): Promise<IdeaView[]> {
    const valid = [...new Set(ids)].filter(isUuid);
    if (valid.length === 0) return [];
    const projection = this.projection();
    const rows: Record<string, unknown>[] = await this.dataSource.query(`SELECT ${projection.select} FROM idea i WHERE i.id = ANY($1::uuid[])`, [valid]);
    return this.redact(
      viewer,
      rows.map((row) => projection.read(row)!),
    );
  }

  /**
   * The ideas of these teams that the viewer may see (Team.idea), none where blind judging hides the team (it would
   * name it); with only the optional `fields` asked for (all when absent) and, with `theme`, each idea's theme read in
   * the same statement.
   */
  async visibleByTeamIds(viewer: Viewer, teamIds: readonly string[], include: { fields?: ReadonlySet<string>; theme?: boolean } = {}): Promise<TeamIdea[]> {
    const ids = [...new Set(teamIds)].filter(isUuid);
    if (ids.length === 0) return [];
    const visibility = this.visibility(viewer);
    const hidden = this.teamHidden(viewer);
    const idea = this.projection(include.fields, 'i', 'idea.');
    const theme = projectionOf(this.dataSource, Theme, 'th', 'theme.');
    const rows = await readRows(
      this.dataSource,
      `SELECT ${idea.select}${include.theme ? `, ${theme.select}` : ''} FROM idea i JOIN challenge c ON c.id = i.challenge_id${include.theme ? ' JOIN theme th ON th.id = i.theme_id' : ''}
        WHERE i.team_id = ANY(:teamIds) AND ${visibility.sql} AND NOT ${hidden.sql}`,
      { teamIds: ids, ...visibility.params, ...hidden.params },
    );
    return rows.map((row) => ({ ...idea.read(row)!, ...(include.theme ? { theme: theme.read(row)! } : {}) }));
  }

  /** An idea the viewer may see, with its challenge, unredacted for the domain's own checks (NOT_FOUND otherwise, whether or not it exists). */
  async visibleWithChallenge(viewer: Viewer, id: string, manager: EntityManager = this.dataSource.manager): Promise<{ idea: Idea; challenge: Challenge }> {
    if (!isUuid(id)) throw DomainError.notFound('idea');
    const visibility = this.visibility(viewer);
    const idea = await manager
      .getRepository(Idea)
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.challenge', 'c')
      .where(visibility.sql, visibility.params)
      .andWhere('i.id = :id', { id })
      .getOne();
    if (!idea?.challenge) throw DomainError.notFound('idea');
    const { challenge, ...rest } = idea;
    return { idea: rest, challenge };
  }

  /** An idea the viewer may see, redacted (NOT_FOUND otherwise). */
  async get(viewer: Viewer, id: string): Promise<IdeaView> {
    return this.redactOne(viewer, (await this.visibleWithChallenge(viewer, id)).idea);
  }
}
