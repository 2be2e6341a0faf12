import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { IdeaReads } from '#domain/ideas/idea-reads.js';
import { SponsorsService } from '#domain/sponsors/sponsors.service.js';
import type { Viewer } from '#domain/viewer.js';
import { assertPageSize } from '#platform/pagination/cursor.js';
import { CurrentViewer, Loaders } from '../common/current-viewer.decorator.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { ideaLoader } from '../ideas/idea.loader.js';
import { IdeaModel, toIdeaModel } from '../ideas/models/idea.model.js';
import { OrganizationModel, toOrganizationModel } from '../organizations/models/organization.model.js';
import { OrganizationInterestsInput } from './dto/sponsors.input.js';
import { IdeaSuggestionModel, toIdeaSuggestionModel } from './models/suggestion.model.js';
import { followedThemesLoader, suggestedIdeasLoader } from './sponsors.loader.js';

/** Sponsors finding ideas: interests, followed themes and suggestions; every rule lives in SponsorsService. */
@Resolver(() => OrganizationModel)
export class SponsorsResolver {
  constructor(private readonly sponsors: SponsorsService) {}

  @Mutation(() => OrganizationModel, { description: 'Owners set the district and the sectors and themes their organization cares about.' })
  async setOrganizationInterests(@CurrentViewer() viewer: Viewer, @Args('input') input: OrganizationInterestsInput): Promise<OrganizationModel> {
    return toOrganizationModel(await this.sponsors.setInterests(viewer, input));
  }

  @Mutation(() => OrganizationModel, { description: "A company's members follow a theme: they are told when results with ideas on a matching theme are published." })
  async followTheme(
    @CurrentViewer() viewer: Viewer,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('theme', { type: () => String }) theme: string,
  ): Promise<OrganizationModel> {
    return toOrganizationModel(await this.sponsors.follow(viewer, organizationId, theme));
  }

  @Mutation(() => OrganizationModel)
  async unfollowTheme(
    @CurrentViewer() viewer: Viewer,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('theme', { type: () => String }) theme: string,
  ): Promise<OrganizationModel> {
    return toOrganizationModel(await this.sponsors.unfollow(viewer, organizationId, theme));
  }

  @ResolveField(() => [String], { description: 'Themes the company follows; visible to its members and platform admins, empty otherwise.' })
  async followedThemes(@Parent() organization: OrganizationModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<string[]> {
    return followedThemesLoader(loaders, this.sponsors, viewer).load(organization.id);
  }

  @ResolveField(() => [IdeaSuggestionModel], {
    description:
      "A company's candidates among published, not yet adopted ideas, ranked by theme, district and sector match, each with its reasons; for its members and platform admins, empty otherwise.",
  })
  async suggestedIdeas(
    @Parent() organization: OrganizationModel,
    @CurrentViewer() viewer: Viewer,
    @Loaders() loaders: RequestLoaders,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
  ): Promise<IdeaSuggestionModel[]> {
    const size = assertPageSize(first);
    return (await suggestedIdeasLoader(loaders, this.sponsors, viewer, size).load(organization.id)).map(toIdeaSuggestionModel);
  }
}

@Resolver(() => IdeaSuggestionModel)
export class IdeaSuggestionResolver {
  constructor(private readonly ideaReads: IdeaReads) {}

  @ResolveField(() => IdeaModel)
  async idea(@Parent() suggestion: IdeaSuggestionModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<IdeaModel> {
    const idea = await ideaLoader(loaders, this.ideaReads, viewer).load(suggestion.ideaId);
    if (!idea) throw new Error(`Suggestion without idea ${suggestion.ideaId}`);
    return toIdeaModel(idea);
  }
}
