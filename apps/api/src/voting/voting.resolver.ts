import { Args, Directive, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ChallengesService } from '#domain/challenges/challenges.service.js';
import { IdeaReads } from '#domain/ideas/idea-reads.js';
import type { Viewer } from '#domain/viewer.js';
import { publicVotingPhase, VotingService } from '#domain/voting/voting.service.js';
import { Clock } from '#platform/clock/clock.js';
import { assertPageSize } from '#platform/pagination/cursor.js';
import { RateLimits } from '#platform/rate-limit/rate-limits.js';
import { challengeLoader } from '../challenges/challenge.loader.js';
import { ChallengeModel, toChallengeModel } from '../challenges/models/challenge.model.js';
import { CurrentViewer, Loaders } from '../common/current-viewer.decorator.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { ideaLoader } from '../ideas/idea.loader.js';
import { IdeaModel, toIdeaModel } from '../ideas/models/idea.model.js';
import { OpenPublicVotingInput } from './dto/voting.input.js';
import { PeoplesChoiceEntryModel, PublicVoteModel, PublicVotingModel, toPeoplesChoiceEntryModel, toPublicVoteModel, toPublicVotingModel } from './models/voting.model.js';
import { challengePeoplesChoiceLoader, challengeVoteLoader, ideaVotesLoader } from './voting.loader.js';

/** People's choice (docs/rules.md "Reports, exports and public voting"); every rule lives in VotingService. */
@Resolver()
export class VotingResolver {
  constructor(
    private readonly voting: VotingService,
    private readonly rateLimits: RateLimits,
  ) {}

  @Mutation(() => ChallengeModel, { description: "Organizers open (or move) a challenge's public vote once its results are published." })
  async openPublicVoting(@CurrentViewer() viewer: Viewer, @Args('input') input: OpenPublicVotingInput): Promise<ChallengeModel> {
    return toChallengeModel(await this.voting.open(viewer, input));
  }

  @Mutation(() => ChallengeModel, { description: 'Organizers close an open public vote now: its counts become public.' })
  async closePublicVoting(@CurrentViewer() viewer: Viewer, @Args('challengeId', { type: () => ID }) challengeId: string): Promise<ChallengeModel> {
    return toChallengeModel(await this.voting.close(viewer, challengeId));
  }

  @Mutation(() => PublicVoteModel, {
    description: "Votes for a submitted idea not of the viewer's own team, or moves the viewer's vote in that challenge to it, while the vote is open.",
  })
  async castPublicVote(@CurrentViewer() viewer: Viewer, @Args('ideaId', { type: () => ID }) ideaId: string): Promise<PublicVoteModel> {
    // Per user, never per address: a whole school votes from one.
    if (viewer.userId) await this.rateLimits.consume('publicVoteUser', viewer.userId);
    return toPublicVoteModel(await this.voting.cast(viewer, ideaId));
  }
}

/** Challenge.publicVoting, peoplesChoice and myPublicVote. */
@Resolver(() => ChallengeModel)
export class ChallengeVotingResolver {
  constructor(
    private readonly voting: VotingService,
    private readonly clock: Clock,
  ) {}

  @ResolveField(() => PublicVotingModel, { nullable: true, description: "The challenge's people's-choice vote, if its organizers opened one." })
  publicVoting(@Parent() challenge: ChallengeModel): PublicVotingModel | null {
    const phase = publicVotingPhase(challenge, this.clock.now());
    return phase ? toPublicVotingModel(challenge.publicVotingOpensAt!, challenge.publicVotingClosesAt!, phase) : null;
  }

  @ResolveField(() => [PeoplesChoiceEntryModel], { description: 'The most voted ideas of the public vote, most voted first; empty until the vote closes.' })
  async peoplesChoice(
    @Parent() challenge: ChallengeModel,
    @Loaders() loaders: RequestLoaders,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 10 }) first: number,
  ): Promise<PeoplesChoiceEntryModel[]> {
    const size = assertPageSize(first);
    if (publicVotingPhase(challenge, this.clock.now()) !== 'CLOSED') return [];
    return (await challengePeoplesChoiceLoader(loaders, this.voting, size).load(challenge.id)).map(toPeoplesChoiceEntryModel);
  }

  @ResolveField(() => PublicVoteModel, { nullable: true, description: "The viewer's own vote in the challenge; null when none (or signed out)." })
  async myPublicVote(@Parent() challenge: ChallengeModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<PublicVoteModel | null> {
    if (!viewer.userId) return null;
    const vote = await challengeVoteLoader(loaders, this.voting, viewer).load(challenge.id);
    return vote ? toPublicVoteModel(vote) : null;
  }
}

/** Idea.publicVotes. */
@Resolver(() => IdeaModel)
export class IdeaVotingResolver {
  constructor(private readonly voting: VotingService) {}

  // maxAge 0: the count appears when the vote closes, so an idea's answer is not frozen for the public cache.
  @Directive('@cacheControl(maxAge: 0)')
  @ResolveField(() => Int, { nullable: true, description: "Public votes received; null until the challenge's vote closes (or when it has none)." })
  async publicVotes(@Parent() idea: IdeaModel, @Loaders() loaders: RequestLoaders): Promise<number | null> {
    return ideaVotesLoader(loaders, this.voting).load(idea.id);
  }
}

@Resolver(() => PeoplesChoiceEntryModel)
export class PeoplesChoiceEntryResolver {
  constructor(private readonly ideaReads: IdeaReads) {}

  @ResolveField(() => IdeaModel)
  async idea(@Parent() entry: PeoplesChoiceEntryModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<IdeaModel> {
    const idea = await ideaLoader(loaders, this.ideaReads, viewer).load(entry.ideaId);
    if (!idea) throw new Error(`Peoples choice entry without idea ${entry.ideaId}`);
    return toIdeaModel(idea);
  }
}

@Resolver(() => PublicVoteModel)
export class PublicVoteResolver {
  constructor(
    private readonly ideaReads: IdeaReads,
    private readonly challenges: ChallengesService,
  ) {}

  @ResolveField(() => IdeaModel)
  async idea(@Parent() vote: PublicVoteModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<IdeaModel> {
    const idea = await ideaLoader(loaders, this.ideaReads, viewer).load(vote.ideaId);
    if (!idea) throw new Error(`Vote without idea ${vote.ideaId}`);
    return toIdeaModel(idea);
  }

  @ResolveField(() => ChallengeModel)
  async challenge(@Parent() vote: PublicVoteModel, @Loaders() loaders: RequestLoaders): Promise<ChallengeModel> {
    const challenge = await challengeLoader(loaders, this.challenges).load(vote.challengeId);
    if (!challenge) throw new Error(`Vote without challenge ${vote.challengeId}`);
    return toChallengeModel(challenge);
  }
}
