import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '#platform/clock/clock.js';
import { assertPageSize } from '#platform/pagination/cursor.js';
import { DomainError } from '#platform/errors/domain-error.js';
import { recordEvents } from '#platform/outbox/outbox.js';
import { writeRows } from '#platform/database/sql-reads.js';
import { RESULTS_VISIBLE_STATUSES } from '../challenges/challenge-access.js';
import { Challenge } from '../challenges/challenge.entity.js';
import { ChallengesService } from '../challenges/challenges.service.js';
import { IdeaStatus } from '../ideas/idea.entity.js';
import { IdeaReads } from '../ideas/idea-reads.js';
import { DAY } from '../reminders/reminder-times.js';
import { check, isUuid } from '../validation.js';
import { requireUser, type Viewer } from '../viewer.js';
import { PublicVote } from './public-vote.entity.js';

/** The public vote's window was set, moved or cut short: the worker re-plans its closing (peoples-choice.reminders.ts). */
export const PUBLIC_VOTING_SCHEDULED = 'voting.window-changed';
/** The worker closed the vote at `closesAt`: PEOPLES_CHOICE_PUBLISHED to every team of the challenge. */
export const PEOPLES_CHOICE_PUBLISHED = 'voting.peoples-choice-published';
export interface PublicVotingPayload {
  challengeId: string;
  /** The organizer who set the window; absent on the worker's closing. */
  by?: string;
  closesAt: string;
}

export interface OpenPublicVotingData {
  challengeId: string;
  /** Omitted: at once. */
  opensAt?: Date | null;
  closesAt: Date;
}

export const VOTING_LIMITS = { maxWindowDays: 366 } as const;

/**
 * VotingService.cast in one statement: the idea if the viewer may see it (`$visibility`, IdeaReads.visibility over
 * idea i and challenge c) with its challenge's window read FOR SHARE OF c in the same step, the voter's standing as two
 * subqueries, and the upsert, done only when every rule holds. No row: the idea is not visible (or does not exist). A
 * vote written: voted_at is set. Under the share lock a vote that waited for a closing reads the closed window.
 */
const CAST_VOTE_SQL = `
WITH target AS (
  SELECT i.id, i.challenge_id, i.status, c.public_voting_opens_at AS opens_at, c.public_voting_closes_at AS closes_at,
         coalesce((SELECT u.email IS NULL OR u.email_verified_at IS NOT NULL FROM app_user u WHERE u.id = CAST(:voterId AS uuid)), FALSE) AS verified,
         EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = i.team_id AND tm.user_id = CAST(:voterId AS uuid)) AS own_team
    FROM idea i JOIN challenge c ON c.id = i.challenge_id
   WHERE i.id = CAST(:ideaId AS uuid) AND $visibility
     FOR SHARE OF c
), vote AS (
  INSERT INTO public_vote (challenge_id, voter_id, idea_id, updated_at)
  SELECT target.challenge_id, CAST(:voterId AS uuid), target.id, CAST(:now AS timestamptz) FROM target
   WHERE target.verified AND NOT target.own_team AND target.opens_at <= CAST(:now AS timestamptz) AND CAST(:now AS timestamptz) < target.closes_at
     AND target.status = 'SUBMITTED'
  ON CONFLICT ON CONSTRAINT pk_public_vote_challenge_voter DO UPDATE SET idea_id = EXCLUDED.idea_id, updated_at = EXCLUDED.updated_at
  RETURNING created_at, updated_at
)
SELECT target.id AS idea_id, target.challenge_id, target.status, target.verified, target.own_team, target.opens_at, target.closes_at,
       vote.created_at, vote.updated_at AS voted_at
  FROM target LEFT JOIN vote ON TRUE`;

interface CastVoteRow {
  idea_id: string;
  challenge_id: string;
  status: IdeaStatus;
  verified: boolean;
  own_team: boolean;
  opens_at: Date | null;
  closes_at: Date | null;
  created_at: Date | null;
  voted_at: Date | null;
}

export type PublicVotingPhase = 'SCHEDULED' | 'OPEN' | 'CLOSED';

/** Where a challenge's public vote stands at `now`; null when it has none. Counts are public from CLOSED on. */
export function publicVotingPhase(challenge: Pick<Challenge, 'publicVotingOpensAt' | 'publicVotingClosesAt'>, now: Date): PublicVotingPhase | null {
  const { publicVotingOpensAt: opensAt, publicVotingClosesAt: closesAt } = challenge;
  if (!opensAt || !closesAt) return null;
  if (now.getTime() >= closesAt.getTime()) return 'CLOSED';
  return now.getTime() >= opensAt.getTime() ? 'OPEN' : 'SCHEDULED';
}

export interface PeoplesChoiceEntry {
  challengeId: string;
  ideaId: string;
  votes: number;
  /** Competition ranking by votes (1, 2, 2, 4). */
  rank: number;
}

/**
 * People's choice (docs/rules.md "Reports, exports and public voting"): organizers open a public vote once results are
 * published; any signed-in user with a verified email (or a roster student) casts one vote per challenge for a
 * SUBMITTED idea not of their own team, and may change it until closing; counts stay hidden until `closesAt`.
 */
@Injectable()
export class VotingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly challenges: ChallengesService,
    private readonly ideas: IdeaReads,
    private readonly clock: Clock,
  ) {}

  /**
   * Organizers set the window of a challenge whose results are published (or closed), or move it while the vote has not
   * closed. An open vote keeps its opening; `closesAt` is after `opensAt` and in the future, at most a year later.
   */
  async open(viewer: Viewer, input: OpenPublicVotingData): Promise<Challenge> {
    const user = requireUser(viewer);
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.lockForOrganizer(viewer, input.challengeId, manager);
      const closesAt = check.date('closesAt', input.closesAt);
      const requestedOpensAt = input.opensAt === null || input.opensAt === undefined ? null : check.date('opensAt', input.opensAt);
      if (!RESULTS_VISIBLE_STATUSES.includes(challenge.status)) throw DomainError.precondition('voting.notYet');
      const now = this.clock.now();
      const phase = publicVotingPhase(challenge, now);
      if (phase === 'CLOSED' || challenge.peoplesChoicePublishedAt) throw DomainError.precondition('voting.closed');
      let opensAt: Date;
      if (phase === 'OPEN') {
        opensAt = challenge.publicVotingOpensAt!;
        if (requestedOpensAt && requestedOpensAt.getTime() !== opensAt.getTime()) throw DomainError.badInput('opensAt', 'voting.alreadyOpen');
      } else {
        opensAt = requestedOpensAt ?? now;
        if (opensAt.getTime() < now.getTime()) throw DomainError.badInput('opensAt', 'voting.opensInPast');
      }
      if (closesAt.getTime() <= opensAt.getTime()) throw DomainError.badInput('closesAt', 'voting.closesAfterOpens');
      if (closesAt.getTime() - opensAt.getTime() > VOTING_LIMITS.maxWindowDays * DAY) {
        throw DomainError.badInput('closesAt', 'voting.windowTooLong', { days: VOTING_LIMITS.maxWindowDays });
      }
      await manager.update(Challenge, { id: challenge.id }, { publicVotingOpensAt: opensAt, publicVotingClosesAt: closesAt });
      const payload: PublicVotingPayload = { challengeId: challenge.id, by: user.userId, closesAt: closesAt.toISOString() };
      await recordEvents(manager, [{ type: PUBLIC_VOTING_SCHEDULED, payload: { ...payload } }]);
      return { ...challenge, publicVotingOpensAt: opensAt, publicVotingClosesAt: closesAt };
    });
  }

  /** Organizers close an open vote now: counts become public and the worker tells the teams at once. */
  async close(viewer: Viewer, challengeId: string): Promise<Challenge> {
    const user = requireUser(viewer);
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.lockForOrganizer(viewer, challengeId, manager);
      const now = this.clock.now();
      if (publicVotingPhase(challenge, now) !== 'OPEN') throw DomainError.precondition('voting.noOpenVote');
      await manager.update(Challenge, { id: challenge.id }, { publicVotingClosesAt: now });
      const payload: PublicVotingPayload = { challengeId: challenge.id, by: user.userId, closesAt: now.toISOString() };
      await recordEvents(manager, [{ type: PUBLIC_VOTING_SCHEDULED, payload: { ...payload } }]);
      return { ...challenge, publicVotingClosesAt: now };
    });
  }

  /**
   * The viewer votes for an idea they may see, or moves their vote to it: one row per challenge and voter, by the
   * primary key (an upsert, so concurrent votes of one user leave one vote, the last one written). NOT_FOUND for an idea
   * the viewer may not see; FORBIDDEN without a verified email (roster students have none) or for their own team's idea;
   * FAILED_PRECONDITION outside the window or for an idea that is not SUBMITTED.
   *
   * One statement (CAST_VOTE_SQL) reads the idea through the viewer's visibility rule, the voter, and the window of the
   * challenge under a share lock (an organizer closing or moving the window waits for the votes under way, and a vote
   * cast meanwhile waits for the closing, then reads the new window), and writes the vote only when every rule holds;
   * the refusal is then chosen from what it read, in the order above; as a prepared statement (writeRows), planned once
   * per connection. A vote used to take six round trips (the idea, the voter, then a transaction: BEGIN, the locked
   * window, the upsert, COMMIT), which kept castPublicVote at a fifth of the rate of a bare server running the upsert
   * alone (bench/reports.bench.ts).
   */
  async cast(viewer: Viewer, ideaId: string): Promise<PublicVote> {
    const user = requireUser(viewer);
    if (!isUuid(ideaId)) throw DomainError.notFound('idea');
    const visibility = this.ideas.visibility(viewer);
    const now = this.clock.now();
    const sql = CAST_VOTE_SQL.replace('$visibility', () => visibility.sql);
    const [row] = await writeRows<CastVoteRow>(this.dataSource, sql, { ...visibility.params, ideaId, voterId: user.userId, now });
    if (!row) throw DomainError.notFound('idea');
    if (!row.verified) throw DomainError.forbidden('voting.verifyEmail');
    if (row.own_team) throw DomainError.forbidden('voting.ownTeam');
    this.assertOpen({ publicVotingOpensAt: row.opens_at, publicVotingClosesAt: row.closes_at }, now);
    if (row.status !== IdeaStatus.SUBMITTED) throw DomainError.precondition('voting.submittedOnly');
    if (!row.voted_at || !row.created_at) throw new Error(`The vote of ${user.userId} for idea ${ideaId} was not written though every rule held`);
    return { challengeId: row.challenge_id, voterId: user.userId, ideaId: row.idea_id, createdAt: row.created_at, updatedAt: row.voted_at };
  }

  /** Idea.publicVotes: the count of each idea whose challenge's vote has closed (absent otherwise: hidden until then). */
  async votesOfIdeas(ideaIds: readonly string[]): Promise<Map<string, number>> {
    const ids = [...new Set(ideaIds)].filter(isUuid);
    if (ids.length === 0) return new Map();
    const rows: { id: string; votes: number }[] = await this.dataSource.query(
      `SELECT i.id, (SELECT count(*) FROM public_vote v WHERE v.idea_id = i.id AND v.updated_at <= c.public_voting_closes_at)::int AS votes
         FROM idea i JOIN challenge c ON c.id = i.challenge_id
        WHERE i.id = ANY($1::uuid[]) AND i.status = 'SUBMITTED' AND c.public_voting_closes_at <= $2`,
      [ids, this.clock.now()],
    );
    return new Map(rows.map((r) => [r.id, r.votes]));
  }

  /**
   * Challenge.peoplesChoice: per challenge whose vote has closed, its first `first` ideas with votes, most voted first
   * (inside a tie, the earlier submission first). Empty until the vote closed. One statement for every challenge asked.
   */
  async peoplesChoice(challengeIds: readonly string[], first: number): Promise<Map<string, PeoplesChoiceEntry[]>> {
    const limit = assertPageSize(first);
    const ids = [...new Set(challengeIds)].filter(isUuid);
    const result = new Map<string, PeoplesChoiceEntry[]>();
    if (ids.length === 0) return result;
    const rows: { challenge_id: string; idea_id: string; votes: number; rank: number }[] = await this.dataSource.query(
      `SELECT challenge_id, idea_id, votes, rank FROM (
         SELECT v.challenge_id, v.idea_id, count(*)::int AS votes,
                rank() OVER (PARTITION BY v.challenge_id ORDER BY count(*) DESC)::int AS rank,
                row_number() OVER (PARTITION BY v.challenge_id ORDER BY count(*) DESC, i.submitted_at ASC, i.id ASC) AS position
           FROM public_vote v
           JOIN challenge c ON c.id = v.challenge_id
           JOIN idea i ON i.id = v.idea_id AND i.status = 'SUBMITTED'
          WHERE v.challenge_id = ANY($1::uuid[]) AND c.public_voting_closes_at <= $2 AND v.updated_at <= c.public_voting_closes_at
          GROUP BY v.challenge_id, v.idea_id, i.submitted_at, i.id
       ) ranked
       WHERE position <= $3
       ORDER BY challenge_id, position`,
      [ids, this.clock.now(), limit],
    );
    for (const r of rows) {
      const list = result.get(r.challenge_id) ?? [];
      list.push({ challengeId: r.challenge_id, ideaId: r.idea_id, votes: r.votes, rank: r.rank });
      result.set(r.challenge_id, list);
    }
    return result;
  }

  /** Challenge.myPublicVote: the viewer's own vote in each of these challenges (none for anonymous callers). */
  async votesOf(viewer: Viewer, challengeIds: readonly string[]): Promise<PublicVote[]> {
    const ids = [...new Set(challengeIds)].filter(isUuid);
    if (!viewer.userId || ids.length === 0) return [];
    return this.dataSource
      .getRepository(PublicVote)
      .createQueryBuilder('v')
      .where('v.challenge_id IN (:...ids) AND v.voter_id = :voterId', { ids, voterId: viewer.userId })
      .getMany();
  }

  private assertOpen(challenge: Pick<Challenge, 'publicVotingOpensAt' | 'publicVotingClosesAt'>, now: Date): void {
    const phase = publicVotingPhase(challenge, now);
    if (phase === null) throw DomainError.precondition('voting.none');
    if (phase === 'SCHEDULED') throw DomainError.precondition('voting.scheduled');
    if (phase === 'CLOSED') throw DomainError.precondition('voting.over');
  }
}
