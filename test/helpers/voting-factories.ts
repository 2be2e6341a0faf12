import type { DataSource } from 'typeorm';
import { submittedIdea, type AdoptableIdea, type Edition } from './adoption-factories.js';
import { forceStatus, publishedChallenge } from './challenge-factories.js';
import { gqlOk } from './graphql.js';
import type { TestUser } from './factories.js';

export const OPEN_VOTING = `mutation($input: OpenPublicVotingInput!) { openPublicVoting(input: $input) { id publicVoting { opensAt closesAt status } } }`;
export const CLOSE_VOTING = `mutation($id: ID!) { closePublicVoting(challengeId: $id) { id publicVoting { opensAt closesAt status } } }`;
export const CAST_VOTE = `mutation($ideaId: ID!) { castPublicVote(ideaId: $ideaId) { idea { id } challenge { id } updatedAt } }`;
export const VOTING_VIEW = `query($id: ID!) { challenge(id: $id) {
  publicVoting { opensAt closesAt status }
  peoplesChoice { rank votes idea { id title } }
  myPublicVote { idea { id } }
  ideas(first: 100) { edges { node { id publicVotes } } }
} }`;

export interface VotingEdition extends Edition {
  teams: AdoptableIdea[];
}

/** A published edition with `teams` teams (a coach and a student each) and their SUBMITTED ideas, then its results published. */
export async function votingEdition(url: string, db: DataSource, now: Date, teams = 3, overrides: Record<string, unknown> = {}): Promise<VotingEdition> {
  const run = await publishedChallenge(url, { title: 'Climathon Voto Pubblico', ...overrides }, now);
  const list: AdoptableIdea[] = [];
  for (let i = 0; i < teams; i++) list.push(await submittedIdea(url, run));
  await forceStatus(db, run.challenge.id, 'RESULTS_PUBLISHED');
  return { ...run, teams: list };
}

export async function openVoting(url: string, organizer: TestUser, challengeId: string, window: { opensAt?: Date; closesAt: Date }): Promise<void> {
  await gqlOk(url, OPEN_VOTING, { input: { challengeId, opensAt: window.opensAt?.toISOString(), closesAt: window.closesAt.toISOString() } }, organizer.token);
}

export async function vote(url: string, voter: TestUser, ideaId: string): Promise<void> {
  await gqlOk(url, CAST_VOTE, { ideaId }, voter.token);
}
