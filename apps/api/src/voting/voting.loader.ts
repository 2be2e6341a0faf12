import type { Viewer } from '#domain/viewer.js';
import type { PublicVote } from '#domain/voting/public-vote.entity.js';
import type { PeoplesChoiceEntry, VotingService } from '#domain/voting/voting.service.js';
import { byKeys, type RequestLoaders } from '../graphql/request-loaders.js';

/** Idea.publicVotes: the count of each idea whose challenge's vote has closed, else null. */
export const ideaVotesLoader = (loaders: RequestLoaders, voting: VotingService) =>
  loaders.get<string, number | null>('ideaPublicVotes', async (ids) => {
    const votes = await voting.votesOfIdeas(ids);
    return ids.map((id) => votes.get(id) ?? null);
  });

/** Challenge.peoplesChoice(first): one statement for every challenge of the request asked with the same `first`. */
export const challengePeoplesChoiceLoader = (loaders: RequestLoaders, voting: VotingService, first: number) =>
  loaders.get<string, PeoplesChoiceEntry[]>(`peoplesChoice:${first}`, async (ids) => {
    const byChallenge = await voting.peoplesChoice(ids, first);
    return ids.map((id) => byChallenge.get(id) ?? []);
  });

/** Challenge.myPublicVote: the viewer's own vote per challenge. */
export const challengeVoteLoader = (loaders: RequestLoaders, voting: VotingService, viewer: Viewer) =>
  loaders.get<string, PublicVote | null>('myPublicVote', async (ids) => byKeys(ids, await voting.votesOf(viewer, ids), (v) => v.challengeId));
