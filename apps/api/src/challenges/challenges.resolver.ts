import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { RESULTS_VISIBLE_STATUSES } from '#domain/challenges/challenge-access.js';
import { ChallengeStatus } from '#domain/challenges/challenge.entity.js';
import { ChallengesService } from '#domain/challenges/challenges.service.js';
import { OrganizationsService } from '#domain/organizations/organizations.service.js';
import { AppConfig } from '#platform/config/app-config.js';
import type { Viewer } from '#domain/viewer.js';
import { CurrentViewer, Loaders, Public } from '../common/current-viewer.decorator.js';
import { toConnection } from '../common/page-info.model.js';
import { hintPublicFor } from '../graphql/cache-hints.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { OrganizationModel, toOrganizationModel } from '../organizations/models/organization.model.js';
import { organizationLoader } from '../organizations/organization.loader.js';
import { challengeCriteriaLoader, challengeThemesLoader } from './challenge.loader.js';
import { CreateChallengeInput, UpdateChallengeInput } from './dto/challenge.input.js';
import { ChallengeConnection, ChallengeModel, CriterionModel, ThemeModel, toChallengeModel, toCriterionModel, toThemeModel } from './models/challenge.model.js';

@Resolver(() => ChallengeModel)
export class ChallengesResolver {
  constructor(
    private readonly challengesService: ChallengesService,
    private readonly organizations: OrganizationsService,
    private readonly config: AppConfig,
  ) {}

  @Mutation(() => ChallengeModel)
  async createChallenge(@CurrentViewer() viewer: Viewer, @Args('input') input: CreateChallengeInput): Promise<ChallengeModel> {
    return toChallengeModel(await this.challengesService.create(viewer, input));
  }

  @Mutation(() => ChallengeModel)
  async updateChallenge(@CurrentViewer() viewer: Viewer, @Args('input') input: UpdateChallengeInput): Promise<ChallengeModel> {
    return toChallengeModel(await this.challengesService.update(viewer, input));
  }

  @Mutation(() => ChallengeModel)
  async publishChallenge(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<ChallengeModel> {
    return toChallengeModel(await this.challengesService.publish(viewer, id));
  }

  @Mutation(() => ChallengeModel)
  async closeChallenge(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<ChallengeModel> {
    return toChallengeModel(await this.challengesService.close(viewer, id));
  }

  @Public()
  @Query(() => ChallengeConnection)
  async challenges(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('status', { type: () => ChallengeStatus, nullable: true }) status: ChallengeStatus | null,
    @Args('organizerId', { type: () => ID, nullable: true, description: "Only this organization's challenges." }) organizerId: string | null,
  ): Promise<ChallengeConnection> {
    return toConnection(await this.challengesService.list(viewer, { first, after, status, organizerId }), toChallengeModel);
  }

  @Public()
  @Query(() => ChallengeModel, { nullable: true })
  async challenge(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID, nullable: true }) id: string | null,
    @Args('slug', { type: () => String, nullable: true }) slug: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ChallengeModel> {
    const challenge = await this.challengesService.get(viewer, { id, slug });
    // Once results are published, an edition no longer changes by the rules' rules (no saves, joins or reviews):
    // its public pages (the gallery) may be served to anonymous readers from the response cache.
    if (RESULTS_VISIBLE_STATUSES.includes(challenge.status)) hintPublicFor(info, viewer, this.config.PUBLIC_CACHE_MAX_AGE_SECONDS);
    return toChallengeModel(challenge);
  }

  @ResolveField(() => OrganizationModel)
  async organizer(@Parent() challenge: ChallengeModel, @Loaders() loaders: RequestLoaders): Promise<OrganizationModel> {
    const organization = await organizationLoader(loaders, this.organizations).load(challenge.organizerId);
    if (!organization) throw new Error(`Challenge ${challenge.id} has no organizer`);
    return toOrganizationModel(organization);
  }

  @ResolveField(() => [ThemeModel])
  async themes(@Parent() challenge: ChallengeModel, @Loaders() loaders: RequestLoaders): Promise<ThemeModel[]> {
    return (await challengeThemesLoader(loaders, this.challengesService).load(challenge.id)).map(toThemeModel);
  }

  @ResolveField(() => [CriterionModel])
  async criteria(@Parent() challenge: ChallengeModel, @Loaders() loaders: RequestLoaders): Promise<CriterionModel[]> {
    return (await challengeCriteriaLoader(loaders, this.challengesService).load(challenge.id)).map(toCriterionModel);
  }
}
