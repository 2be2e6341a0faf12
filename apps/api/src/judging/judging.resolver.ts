import { Inject } from '@nestjs/common';
import { IdeaReads } from '#domain/ideas/idea-reads.js';
import { ideaLoader } from '../ideas/idea.loader.js';
import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { ChallengeAccess } from '#domain/challenges/challenge-access.js';
import { ChallengeStatus, ScoreNormalization } from '#domain/challenges/challenge.entity.js';
import { ChallengesService } from '#domain/challenges/challenges.service.js';
import { JudgingService } from '#domain/judging/judging.service.js';
import { LeaderboardService } from '#domain/judging/leaderboard.service.js';
import { AssignmentStatus } from '#domain/judging/review-assignment.entity.js';
import type { RankedIdea } from '#domain/judging/scoring.js';
import { OrganizationsService } from '#domain/organizations/organizations.service.js';
import { PeopleService } from '#domain/people/people.service.js';
import { requireUser, type Viewer } from '#domain/viewer.js';
import { DomainError } from '#platform/errors/domain-error.js';
import { PubSubChannels } from '#platform/pubsub/pubsub.js';
import { challengeCriteriaLoader, challengeLoader } from '../challenges/challenge.loader.js';
import { ChallengeModel, CriterionModel, toChallengeModel, toCriterionModel, toThemeModel } from '../challenges/models/challenge.model.js';
import { CurrentViewer, Loaders } from '../common/current-viewer.decorator.js';
import type { GqlContext } from '../graphql/gql-context.js';
import { withPreloaded } from '../graphql/preloaded-fields.js';
import { PUB_SUB } from '../graphql/pubsub.provider.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { selectedFieldsAt } from '../graphql/selection.js';
import { toUserModel, UserModel } from '../identity/models/user.model.js';
import { personLoader } from '../identity/person.loader.js';
import { IdeaModel, toIdeaModel } from '../ideas/models/idea.model.js';
import { OrganizationModel, toOrganizationModel } from '../organizations/models/organization.model.js';
import { organizationLoader } from '../organizations/organization.loader.js';
import { AddJurorInput, PublishResultsInput, SubmitReviewInput } from './dto/judging.input.js';
import {
  assignmentReviewLoader,
  challengeAwardsLoader,
  challengeJurorsLoader,
  challengeRankingLoader,
  ideaAwardsLoader,
  ideaReviewsLoader,
  jurorCountsLoader,
  jurorLoader,
  userJurorSeatsLoader,
} from './judging.loader.js';
import {
  AwardModel,
  CriterionScoreModel,
  JudgingProgressModel,
  JurorModel,
  LeaderboardEntryModel,
  ReviewAssignmentModel,
  ReviewModel,
  toAwardModel,
  toJudgingProgressModel,
  toJurorModel,
  toLeaderboardEntryModel,
  toReviewAssignmentModel,
  toReviewModel,
} from './models/judging.model.js';

/** The judging operations (docs/rules.md "Judging"); every rule lives in JudgingService / LeaderboardService. */
@Resolver()
export class JudgingResolver {
  constructor(
    private readonly judging: JudgingService,
    private readonly challengesService: ChallengesService,
    private readonly access: ChallengeAccess,
    @Inject(PUB_SUB) private readonly pubSub: RedisPubSub,
    private readonly channels: PubSubChannels,
  ) {}

  @Mutation(() => JurorModel)
  async addJuror(@CurrentViewer() viewer: Viewer, @Args('input') input: AddJurorInput): Promise<JurorModel> {
    return toJurorModel(await this.judging.addJuror(viewer, input));
  }

  @Mutation(() => Boolean)
  removeJuror(@CurrentViewer() viewer: Viewer, @Args('jurorId', { type: () => ID }) jurorId: string): Promise<boolean> {
    return this.judging.removeJuror(viewer, jurorId);
  }

  @Mutation(() => ChallengeModel, { description: 'Closes submissions and assigns every submitted idea to reviewsPerIdea jurors.' })
  async startJudging(@CurrentViewer() viewer: Viewer, @Args('challengeId', { type: () => ID }) challengeId: string): Promise<ChallengeModel> {
    return toChallengeModel(await this.judging.startJudging(viewer, challengeId));
  }

  @Mutation(() => ChallengeModel)
  async publishResults(@CurrentViewer() viewer: Viewer, @Args('input') input: PublishResultsInput): Promise<ChallengeModel> {
    return toChallengeModel(await this.judging.publishResults(viewer, input));
  }

  @Mutation(() => ReviewModel)
  async submitReview(@CurrentViewer() viewer: Viewer, @Args('input') input: SubmitReviewInput): Promise<ReviewModel> {
    // The live leaderboard push rides the outbox (review.submitted -> worker), so the juror never waits for it.
    return toReviewModel(await this.judging.submitReview(viewer, input));
  }

  @Mutation(() => ReviewAssignmentModel)
  async recuseFromReview(
    @CurrentViewer() viewer: Viewer,
    @Args('assignmentId', { type: () => ID }) assignmentId: string,
    @Args('reason') reason: string,
  ): Promise<ReviewAssignmentModel> {
    return toReviewAssignmentModel(await this.judging.recuse(viewer, assignmentId, reason));
  }

  @Query(() => [ReviewAssignmentModel], { description: "The viewer's review assignments in a challenge (jurors)." })
  async myAssignments(
    @CurrentViewer() viewer: Viewer,
    @Args('challengeId', { type: () => ID }) challengeId: string,
    @Args('status', { type: () => AssignmentStatus, nullable: true }) status: AssignmentStatus | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReviewAssignmentModel[]> {
    // The assignments page shows every assignment's idea, theme and review: read with the assignments in one
    // statement and attached as the fields' values, instead of three loaders and a field resolver per assignment.
    const ideaFields = selectedFieldsAt(info, ['idea']);
    const withReview = selectedFieldsAt(info, []).has('review');
    const include = { idea: ideaFields.size > 0 ? { fields: ideaFields, theme: ideaFields.has('theme') } : undefined, review: withReview };
    return (await this.judging.myAssignmentsWith(viewer, challengeId, status, include)).map(({ assignment, idea, theme, review }) => {
      const values: Record<string, unknown> = {};
      if (idea) values.idea = theme ? withPreloaded(toIdeaModel(idea), { theme: toThemeModel(theme) }) : toIdeaModel(idea);
      if (review !== undefined) values.review = review ? toReviewModel(review) : null;
      return withPreloaded(toReviewAssignmentModel(assignment), values);
    });
  }

  @Subscription(() => [LeaderboardEntryModel], {
    description: 'Organizers: the leaderboard after each submitted review (at most once a second).',
    resolve: (entries: RankedIdea[]) => entries.map((e) => toLeaderboardEntryModel(e)),
  })
  async leaderboardUpdated(@CurrentViewer() viewer: Viewer, @Args('challengeId', { type: () => ID }) challengeId: string): Promise<AsyncIterableIterator<unknown>> {
    requireUser(viewer);
    const challenge = await this.challengesService.get(viewer, { id: challengeId });
    if (!(await this.access.isOrganizer(viewer, challenge))) throw DomainError.forbidden('judging.leaderboardOrganizersOnly');
    return this.pubSub.asyncIterableIterator(this.channels.leaderboardUpdated(challenge.id)) as AsyncIterableIterator<unknown>; // typed `any` upstream
  }
}

/** Challenge.jurors, leaderboard, judgingProgress and awards. */
@Resolver(() => ChallengeModel)
export class ChallengeJudgingResolver {
  constructor(
    private readonly judging: JudgingService,
    private readonly leaderboards: LeaderboardService,
  ) {}

  @ResolveField(() => [JurorModel], { description: 'Organizers only.' })
  async jurors(@Parent() challenge: ChallengeModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<JurorModel[]> {
    return (await challengeJurorsLoader(loaders, this.judging, viewer).load(challenge.id)).map(toJurorModel);
  }

  @ResolveField(() => [LeaderboardEntryModel], {
    description: 'Organizers once judging started; everyone once results are published (then the frozen final ranking).',
  })
  async leaderboard(
    @Parent() challenge: ChallengeModel,
    @CurrentViewer() viewer: Viewer,
    @Args('normalization', { type: () => ScoreNormalization, nullable: true }) normalization: ScoreNormalization | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<LeaderboardEntryModel[]> {
    // The ideas of every entry come with the ranking's own read of the ideas, with just the asked columns, instead of
    // one resolver call per entry.
    const fields = selectedFieldsAt(info, ['idea']);
    const ranking = await this.leaderboards.forViewer(viewer, challenge, normalization, fields.size > 0 ? fields : undefined);
    if (!ranking) return [];
    const { entries, ideas } = ranking;
    return entries.map((e, k) => toLeaderboardEntryModel(e, ideas ? toIdeaModel(ideas[k]) : undefined));
  }

  @ResolveField(() => JudgingProgressModel, { description: 'Organizers only.' })
  async judgingProgress(@Parent() challenge: ChallengeModel, @CurrentViewer() viewer: Viewer): Promise<JudgingProgressModel> {
    return toJudgingProgressModel(await this.judging.progress(viewer, challenge));
  }

  @ResolveField(() => [AwardModel])
  async awards(@Parent() challenge: ChallengeModel, @Loaders() loaders: RequestLoaders): Promise<AwardModel[]> {
    if (challenge.status !== ChallengeStatus.RESULTS_PUBLISHED && challenge.status !== ChallengeStatus.CLOSED) return [];
    return (await challengeAwardsLoader(loaders, this.judging).load(challenge.id)).map(toAwardModel);
  }
}

/** Idea.reviews, score and awards. */
@Resolver(() => IdeaModel)
export class IdeaJudgingResolver {
  constructor(
    private readonly judging: JudgingService,
    private readonly leaderboard: LeaderboardService,
    private readonly challengesService: ChallengesService,
  ) {}

  @ResolveField(() => [ReviewModel], {
    description: "Organizers: all reviews; the idea's team, once results are published: all reviews with jurors anonymised; a juror: their own.",
  })
  async reviews(@Parent() idea: IdeaModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<ReviewModel[]> {
    return (await ideaReviewsLoader(loaders, this.judging, viewer).load(idea.id)).map((r) => toReviewModel(r.review, r.hideJuror));
  }

  @ResolveField(() => LeaderboardEntryModel, { nullable: true, description: 'Null until the viewer may see the ranking (see Challenge.leaderboard).' })
  async score(@Parent() idea: IdeaModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<LeaderboardEntryModel | null> {
    const ranking = await challengeRankingLoader(loaders, this.challengesService, this.leaderboard, viewer).load(idea.challengeId);
    const entry = ranking?.get(idea.id);
    return entry ? toLeaderboardEntryModel(entry, idea) : null;
  }

  @ResolveField(() => [AwardModel])
  async awards(@Parent() idea: IdeaModel, @Loaders() loaders: RequestLoaders): Promise<AwardModel[]> {
    return (await ideaAwardsLoader(loaders, this.judging).load(idea.id)).map(toAwardModel);
  }
}

@Resolver(() => JurorModel)
export class JurorResolver {
  constructor(
    private readonly judging: JudgingService,
    private readonly people: PeopleService,
    private readonly challengesService: ChallengesService,
    private readonly organizations: OrganizationsService,
  ) {}

  @ResolveField(() => UserModel)
  async user(@Parent() juror: JurorModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<UserModel> {
    const person = await personLoader(loaders, this.people, viewer).load(juror.userId);
    if (!person) throw new Error(`Juror ${juror.id} has no user`);
    return toUserModel(person);
  }

  @ResolveField(() => ChallengeModel)
  async challenge(@Parent() juror: JurorModel, @Loaders() loaders: RequestLoaders): Promise<ChallengeModel> {
    const challenge = await challengeLoader(loaders, this.challengesService).load(juror.challengeId);
    if (!challenge) throw new Error(`Juror ${juror.id} has no challenge`);
    return toChallengeModel(challenge);
  }

  @ResolveField(() => OrganizationModel, { nullable: true })
  async affiliation(@Parent() juror: JurorModel, @Loaders() loaders: RequestLoaders): Promise<OrganizationModel | null> {
    if (!juror.affiliationId) return null;
    const organization = await organizationLoader(loaders, this.organizations).load(juror.affiliationId);
    return organization ? toOrganizationModel(organization) : null;
  }

  @ResolveField(() => Int, { description: 'Assignments the juror holds (PENDING or SUBMITTED).' })
  async assignedCount(@Parent() juror: JurorModel, @Loaders() loaders: RequestLoaders): Promise<number> {
    return (await jurorCountsLoader(loaders, this.judging).load(juror.id)).assigned;
  }

  @ResolveField(() => Int)
  async submittedCount(@Parent() juror: JurorModel, @Loaders() loaders: RequestLoaders): Promise<number> {
    return (await jurorCountsLoader(loaders, this.judging).load(juror.id)).submitted;
  }
}

@Resolver(() => ReviewAssignmentModel)
export class ReviewAssignmentResolver {
  constructor(
    private readonly judging: JudgingService,
    private readonly ideaReads: IdeaReads,
    private readonly challengesService: ChallengesService,
  ) {}

  @ResolveField(() => [CriterionModel], { description: "The challenge's criteria to score, with weight and maximum, in the challenge's order." })
  async criteria(@Parent() assignment: ReviewAssignmentModel, @Loaders() loaders: RequestLoaders): Promise<CriterionModel[]> {
    return (await challengeCriteriaLoader(loaders, this.challengesService).load(assignment.challengeId)).map(toCriterionModel);
  }

  @ResolveField(() => IdeaModel)
  async idea(@Parent() assignment: ReviewAssignmentModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<IdeaModel> {
    const idea = await ideaLoader(loaders, this.ideaReads, viewer).load(assignment.ideaId);
    if (!idea) throw new Error(`Assignment ${assignment.id} has no idea`);
    return toIdeaModel(idea);
  }

  @ResolveField(() => JurorModel)
  async juror(@Parent() assignment: ReviewAssignmentModel, @Loaders() loaders: RequestLoaders): Promise<JurorModel> {
    const juror = await jurorLoader(loaders, this.judging).load(assignment.jurorId);
    if (!juror) throw new Error(`Assignment ${assignment.id} has no juror`);
    return toJurorModel(juror);
  }

  @ResolveField(() => ReviewModel, { nullable: true })
  async review(@Parent() assignment: ReviewAssignmentModel, @Loaders() loaders: RequestLoaders): Promise<ReviewModel | null> {
    const review = await assignmentReviewLoader(loaders, this.judging).load(assignment.id);
    return review ? toReviewModel(review) : null;
  }
}

@Resolver(() => ReviewModel)
export class ReviewResolver {
  constructor(private readonly judging: JudgingService) {}

  @ResolveField(() => JurorModel, { nullable: true, description: "Null for the idea's team (jurors are anonymous to teams)." })
  async juror(@Parent() review: ReviewModel, @Loaders() loaders: RequestLoaders): Promise<JurorModel | null> {
    if (review.hideJuror) return null;
    const juror = await jurorLoader(loaders, this.judging).load(review.jurorId);
    return juror ? toJurorModel(juror) : null;
  }
}

@Resolver(() => CriterionScoreModel)
export class CriterionScoreResolver {
  constructor(private readonly challengesService: ChallengesService) {}

  @ResolveField(() => CriterionModel)
  async criterion(@Parent() score: CriterionScoreModel, @Loaders() loaders: RequestLoaders): Promise<CriterionModel> {
    const criterion = (await challengeCriteriaLoader(loaders, this.challengesService).load(score.challengeId)).find((c) => c.id === score.criterionId);
    if (!criterion) throw new Error(`Criterion ${score.criterionId} not found`);
    return toCriterionModel(criterion);
  }
}

/** LeaderboardEntry.idea and Award.idea: ideas of a ranking or an award the viewer already sees. */
@Resolver(() => LeaderboardEntryModel)
export class LeaderboardEntryResolver {
  constructor(private readonly ideaReads: IdeaReads) {}

  /**
   * Usually read ahead by Challenge.leaderboard (then a plain property read). No parameter decorators on purpose:
   * Nest then installs the method as a bare GraphQL resolver, which matters for 5,000 entries.
   */
  @ResolveField(() => IdeaModel)
  idea(entry: LeaderboardEntryModel, _args: unknown, context: GqlContext): IdeaModel | Promise<IdeaModel> {
    if (entry.idea) return entry.idea;
    return ideaLoader(context.loaders, this.ideaReads, context.viewer)
      .load(entry.ideaId)
      .then((idea) => {
        if (!idea) throw new Error(`Leaderboard idea ${entry.ideaId} not found`);
        return toIdeaModel(idea);
      });
  }
}

@Resolver(() => AwardModel)
export class AwardResolver {
  constructor(private readonly ideaReads: IdeaReads) {}

  @ResolveField(() => IdeaModel)
  async idea(@Parent() award: AwardModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<IdeaModel> {
    const idea = await ideaLoader(loaders, this.ideaReads, viewer).load(award.ideaId);
    if (!idea) throw new Error(`Award idea ${award.ideaId} not found`);
    return toIdeaModel(idea);
  }
}

/** User.jurorSeats: "who am I here" (issue 18.3), the viewer's own only. */
@Resolver(() => UserModel)
export class UserJudgingResolver {
  constructor(private readonly judging: JudgingService) {}

  @ResolveField(() => [JurorModel], {
    description:
      "The user's seats on juries (one Juror per challenge), newest challenge first. Filled only when the user is the viewer; an empty list for every other viewer (admins included).",
  })
  async jurorSeats(@Parent() user: UserModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<JurorModel[]> {
    return (await userJurorSeatsLoader(loaders, this.judging, viewer).load(user.id)).map(toJurorModel);
  }
}
