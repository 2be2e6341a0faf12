import type { Challenge } from '#domain/challenges/challenge.entity.js';
import type { ChallengesService } from '#domain/challenges/challenges.service.js';
import type { Award } from '#domain/judging/award.entity.js';
import type { JudgingService, JurorCounts, VisibleReview } from '#domain/judging/judging.service.js';
import type { Juror } from '#domain/judging/juror.entity.js';
import type { LeaderboardService } from '#domain/judging/leaderboard.service.js';
import type { Review } from '#domain/judging/review.entity.js';
import type { RankedIdea } from '#domain/judging/scoring.js';
import type { Viewer } from '#domain/viewer.js';
import { byKeys, groupByKeys, type RequestLoaders } from '../graphql/request-loaders.js';

/** Jurors by id, without access checks (below an assignment, a review or a progress the viewer sees). */
export const jurorLoader = (loaders: RequestLoaders, judging: JudgingService) =>
  loaders.get<string, Juror | null>('juror', async (ids) => byKeys(ids, await judging.jurorsByIds(ids), (j) => j.id));

export const jurorCountsLoader = (loaders: RequestLoaders, judging: JudgingService) =>
  loaders.get<string, JurorCounts>('jurorCounts', async (ids) => {
    const counts = await judging.jurorCounts(ids);
    return ids.map((id) => counts.get(id) ?? { assigned: 0, submitted: 0, recused: 0 });
  });

/** Challenge.jurors: the jury where the viewer organizes the challenge, else empty. */
export const challengeJurorsLoader = (loaders: RequestLoaders, judging: JudgingService, viewer: Viewer) =>
  loaders.get<string, Juror[]>('challengeJurors', async (ids) => {
    const byChallenge = await judging.jurorsVisibleTo(viewer, ids);
    return ids.map((id) => byChallenge.get(id) ?? []);
  });

/** The review of each assignment (ReviewAssignment.review, for the assignment's juror). */
export const assignmentReviewLoader = (loaders: RequestLoaders, judging: JudgingService) =>
  loaders.get<string, Review | null>('assignmentReview', async (ids) => byKeys(ids, await judging.reviewsByAssignmentIds(ids), (r) => r.assignmentId));

/** Idea.reviews as the viewer may see them. */
export const ideaReviewsLoader = (loaders: RequestLoaders, judging: JudgingService, viewer: Viewer) =>
  loaders.get<string, VisibleReview[]>('ideaReviews', async (ids) => {
    const byIdea = await judging.reviewsVisibleTo(viewer, ids);
    return ids.map((id) => byIdea.get(id) ?? []);
  });

export const challengeAwardsLoader = (loaders: RequestLoaders, judging: JudgingService) =>
  loaders.get<string, Award[]>('challengeAwards', async (ids) => groupByKeys(ids, await judging.awardsOfChallenges(ids), (a) => a.challengeId));

export const ideaAwardsLoader = (loaders: RequestLoaders, judging: JudgingService) =>
  loaders.get<string, Award[]>('ideaAwards', async (ids) => groupByKeys(ids, await judging.awardsOfIdeas(ids), (a) => a.ideaId));

/**
 * Idea.score: per challenge, its ranking in the challenge's own normalization by idea, where the viewer may see it
 * (null otherwise). One ranking per challenge and request, whatever the number of ideas asked about.
 */
export const challengeRankingLoader = (loaders: RequestLoaders, challenges: ChallengesService, leaderboard: LeaderboardService, viewer: Viewer) =>
  loaders.get<string, Map<string, RankedIdea> | null>('challengeRanking', async (ids) => {
    const rows: Challenge[] = await challenges.byIds(ids);
    const visible = await leaderboard.visibleTo(viewer, rows);
    const rankings = new Map<string, Map<string, RankedIdea>>();
    await Promise.all(
      rows.filter((c) => visible.has(c.id)).map(async (c) => rankings.set(c.id, new Map((await leaderboard.ranking(c, c.rankingNormalization)).map((e) => [e.ideaId, e])))),
    );
    return ids.map((id) => rankings.get(id) ?? null);
  });

/** User.jurorSeats: the viewer's own juror rows, newest challenge first; empty for anyone else. */
export const userJurorSeatsLoader = (loaders: RequestLoaders, judging: JudgingService, viewer: Viewer) =>
  loaders.get<string, Juror[]>('userJurorSeats', async (ids) => {
    const byUser = await judging.jurorSeatsOf(viewer, ids);
    return ids.map((id) => byUser.get(id) ?? []);
  });
