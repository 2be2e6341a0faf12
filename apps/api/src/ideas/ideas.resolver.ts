import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ChallengesService } from '#domain/challenges/challenges.service.js';
import { IdeaReads } from '#domain/ideas/idea-reads.js';
import { IdeasService, type IdeaIncludes } from '#domain/ideas/ideas.service.js';
import { TeamsService } from '#domain/teams/teams.service.js';
import type { Viewer } from '#domain/viewer.js';
import { challengeLoader, themeLoader } from '../challenges/challenge.loader.js';
import { ChallengeModel, ThemeModel, toChallengeModel, toThemeModel } from '../challenges/models/challenge.model.js';
import { CurrentViewer, Loaders, Public } from '../common/current-viewer.decorator.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { selectedFieldsAt } from '../graphql/selection.js';
import { TeamModel, toTeamModel } from '../teams/models/team.model.js';
import { teamLoader } from '../teams/team.loader.js';
import { IdeaFilter, SaveIdeaInput } from './dto/idea.input.js';
import { ideaPageConnection, teamIdeaLoader, teamIdeaModel } from './idea.loader.js';
import { IdeaConnection, IdeaModel, toIdeaModel } from './models/idea.model.js';

@Resolver(() => IdeaModel)
export class IdeasResolver {
  constructor(
    private readonly ideasService: IdeasService,
    private readonly challengesService: ChallengesService,
    private readonly teamsService: TeamsService,
    private readonly ideaReads: IdeaReads,
  ) {}

  @Mutation(() => IdeaModel)
  async saveIdea(@CurrentViewer() viewer: Viewer, @Args('input') input: SaveIdeaInput): Promise<IdeaModel> {
    return toIdeaModel(await this.ideasService.save(viewer, input));
  }

  @Mutation(() => IdeaModel)
  async submitIdea(@CurrentViewer() viewer: Viewer, @Args('ideaId', { type: () => ID }) ideaId: string): Promise<IdeaModel> {
    return toIdeaModel(await this.ideasService.submit(viewer, ideaId));
  }

  @Mutation(() => IdeaModel)
  async withdrawIdea(@CurrentViewer() viewer: Viewer, @Args('ideaId', { type: () => ID }) ideaId: string): Promise<IdeaModel> {
    return toIdeaModel(await this.ideasService.withdraw(viewer, ideaId));
  }

  @Public()
  @Query(() => IdeaModel, { nullable: true })
  async idea(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<IdeaModel> {
    return toIdeaModel(await this.ideaReads.get(viewer, id));
  }

  @Public()
  @Query(() => IdeaConnection, { description: 'Ideas the viewer may see, across challenges, newest first; e.g. a sponsor browsing adoptable ideas.' })
  async ideas(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('filter', { type: () => IdeaFilter, nullable: true }) filter: IdeaFilter | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<IdeaConnection> {
    return ideaPageConnection(await this.ideasService.list(viewer, { first, after, filter, include: includesOf(info) }));
  }

  @ResolveField(() => ChallengeModel)
  async challenge(@Parent() idea: IdeaModel, @Loaders() loaders: RequestLoaders): Promise<ChallengeModel> {
    const challenge = await challengeLoader(loaders, this.challengesService).load(idea.challengeId);
    if (!challenge) throw new Error(`Idea ${idea.id} has no challenge`);
    return toChallengeModel(challenge);
  }

  @ResolveField(() => TeamModel, { nullable: true, description: 'Null for jurors under blind judging.' })
  async team(@Parent() idea: IdeaModel, @Loaders() loaders: RequestLoaders): Promise<TeamModel | null> {
    if (idea.teamId === null) return null;
    const team = await teamLoader(loaders, this.teamsService).load(idea.teamId);
    return team ? toTeamModel(team) : null;
  }

  @ResolveField(() => ThemeModel)
  async theme(@Parent() idea: IdeaModel, @Loaders() loaders: RequestLoaders): Promise<ThemeModel> {
    const theme = await themeLoader(loaders, this.challengesService).load(idea.themeId);
    if (!theme) throw new Error(`Idea ${idea.id} has no theme`);
    return toThemeModel(theme);
  }
}

/** Team.idea: the team's idea where the viewer may see it; never for jurors under blind judging (it would name the team). */
@Resolver(() => TeamModel)
export class TeamIdeaResolver {
  constructor(private readonly ideaReads: IdeaReads) {}

  @ResolveField(() => IdeaModel, { nullable: true })
  async idea(@Parent() team: TeamModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders, @Info() info: GraphQLResolveInfo): Promise<IdeaModel | null> {
    const idea = await teamIdeaLoader(loaders, this.ideaReads, viewer, selectedFieldsAt(info, [])).load(team.id);
    return idea ? teamIdeaModel(idea) : null;
  }
}

/** Challenge.ideas: the challenge's ideas the viewer may see, with every IdeaFilter field. */
@Resolver(() => ChallengeModel)
export class ChallengeIdeasResolver {
  constructor(private readonly ideasService: IdeasService) {}

  @ResolveField(() => IdeaConnection)
  async ideas(
    @Parent() challenge: ChallengeModel,
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('filter', { type: () => IdeaFilter, nullable: true }) filter: IdeaFilter | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<IdeaConnection> {
    return ideaPageConnection(await this.ideasService.list(viewer, { first, after, filter, scopeChallengeId: challenge.id, include: includesOf(info) }));
  }
}

/** The relations a connection of ideas shows for its nodes, read with the page instead of by the field resolvers. */
function includesOf(info: GraphQLResolveInfo): IdeaIncludes {
  const node = selectedFieldsAt(info, ['edges', 'node']);
  return { team: node.has('team'), school: node.has('team') && selectedFieldsAt(info, ['edges', 'node', 'team']).has('school'), theme: node.has('theme'), fields: node };
}
