import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { PeoplesChoiceEntry, PublicVotingPhase } from '#domain/voting/voting.service.js';
import type { PublicVote } from '#domain/voting/public-vote.entity.js';
import { ChallengeModel } from '../../challenges/models/challenge.model.js';
import { IdeaModel } from '../../ideas/models/idea.model.js';

export enum PublicVotingStatus {
  SCHEDULED = 'SCHEDULED',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(PublicVotingStatus, {
  name: 'PublicVotingStatus',
  valuesMap: {
    SCHEDULED: { description: 'Set, not open yet.' },
    OPEN: { description: 'Votes are accepted and may be changed; counts are hidden.' },
    CLOSED: { description: 'Closed: the counts are public.' },
  },
});

// No cache hint of its own: the status changes with the clock, so an answer showing it is never cached.
@ObjectType('PublicVoting', { description: "A challenge's people's-choice vote." })
export class PublicVotingModel {
  @Field(() => Date)
  opensAt!: Date;

  @Field(() => Date, { description: 'Counts are hidden until this moment, then public.' })
  closesAt!: Date;

  @Field(() => PublicVotingStatus)
  status!: PublicVotingStatus;
}

@ObjectType('PeoplesChoiceEntry')
export class PeoplesChoiceEntryModel {
  ideaId!: string;

  @Field(() => Int, { description: 'Competition ranking by votes (1, 2, 2, 4).' })
  rank!: number;

  @Field(() => Int)
  votes!: number;

  @Field(() => IdeaModel)
  idea?: IdeaModel;
}

@ObjectType('PublicVote', { description: "The viewer's people's-choice vote in a challenge." })
export class PublicVoteModel {
  challengeId!: string;
  ideaId!: string;

  @Field(() => IdeaModel)
  idea?: IdeaModel;

  @Field(() => ChallengeModel)
  challenge?: ChallengeModel;

  @Field(() => Date, { description: 'When the vote was cast or last changed.' })
  updatedAt!: Date;
}

export const toPublicVotingModel = (opensAt: Date, closesAt: Date, phase: PublicVotingPhase): PublicVotingModel => ({
  opensAt,
  closesAt,
  status: PublicVotingStatus[phase],
});

export const toPeoplesChoiceEntryModel = (e: PeoplesChoiceEntry): PeoplesChoiceEntryModel => ({ ideaId: e.ideaId, rank: e.rank, votes: e.votes });

export const toPublicVoteModel = (v: Pick<PublicVote, 'challengeId' | 'ideaId' | 'updatedAt'>): PublicVoteModel => ({
  challengeId: v.challengeId,
  ideaId: v.ideaId,
  updatedAt: v.updatedAt,
});
