import type { ChallengeAccess } from '#domain/challenges/challenge-access.js';
import type { Challenge } from '#domain/challenges/challenge.entity.js';
import type { ChallengesService } from '#domain/challenges/challenges.service.js';
import type { Criterion } from '#domain/challenges/criterion.entity.js';
import type { Theme } from '#domain/challenges/theme.entity.js';
import type { IdeaReads } from '#domain/ideas/idea-reads.js';
import type { Viewer } from '#domain/viewer.js';
import { byKeys, groupByKeys, type RequestLoaders } from '../graphql/request-loaders.js';

/** Challenges by id, batched per request, without access checks: for fields below an object the viewer sees. */
export const challengeLoader = (loaders: RequestLoaders, challenges: ChallengesService) =>
  loaders.get<string, Challenge | null>('challenge', async (ids) => byKeys(ids, await challenges.byIds(ids), (c) => c.id));

export const themeLoader = (loaders: RequestLoaders, challenges: ChallengesService) =>
  loaders.get<string, Theme | null>('theme', async (ids) => byKeys(ids, await challenges.themesByIds(ids), (t) => t.id));

export const challengeThemesLoader = (loaders: RequestLoaders, challenges: ChallengesService) =>
  loaders.get<string, Theme[]>('challengeThemes', async (ids) => groupByKeys(ids, await challenges.themesOf(ids), (t) => t.challengeId));

export const challengeCriteriaLoader = (loaders: RequestLoaders, challenges: ChallengesService) =>
  loaders.get<string, Criterion[]>('challengeCriteria', async (ids) => groupByKeys(ids, await challenges.criteriaOf(ids), (c) => c.challengeId));

/** Whether the viewer organizes each challenge (admins: always). */
export const organizerOfLoader = (loaders: RequestLoaders, access: ChallengeAccess, viewer: Viewer) =>
  loaders.get<string, boolean>('challengeOrganizerOf', async (ids) => {
    const organized = await access.organizerOf(viewer, ids);
    return ids.map((id) => organized.has(id));
  });

/** Whether blind judging hides the teams and schools of each challenge from the viewer (IdeaReads decides). */
export const blindJuryLoader = (loaders: RequestLoaders, ideas: IdeaReads, viewer: Viewer) =>
  loaders.get<string, boolean>('challengeBlindJury', async (ids) => {
    const blind = await ideas.blindChallenges(viewer, ids);
    return ids.map((id) => blind.has(id));
  });
