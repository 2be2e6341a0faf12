import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ChallengesService } from '#domain/challenges/challenges.service.js';
import { IdeaReads } from '#domain/ideas/idea-reads.js';
import { OrganizationsService } from '#domain/organizations/organizations.service.js';
import { PeopleService } from '#domain/people/people.service.js';
import { TeamsService } from '#domain/teams/teams.service.js';
import type { Viewer } from '#domain/viewer.js';
import { blindJuryLoader, challengeLoader } from '../challenges/challenge.loader.js';
import { ChallengeModel, toChallengeModel } from '../challenges/models/challenge.model.js';
import { CurrentViewer, Loaders, Public } from '../common/current-viewer.decorator.js';
import { toConnection } from '../common/page-info.model.js';
import { RateLimits } from '#platform/rate-limit/rate-limits.js';
import { withPreloaded } from '../graphql/preloaded-fields.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { selectedFieldsAt } from '../graphql/selection.js';
import { toUserModel, UserModel } from '../identity/models/user.model.js';
import { personLoader } from '../identity/person.loader.js';
import { OrganizationModel, toOrganizationModel } from '../organizations/models/organization.model.js';
import { organizationLoader } from '../organizations/organization.loader.js';
import { CreateTeamInput } from './dto/team.input.js';
import { TeamConnection, TeamMemberModel, TeamModel, toTeamMemberModel, toTeamModel } from './models/team.model.js';
import { teamJoinCodeLoader, teamMemberCountLoader, teamMembersLoader, userTeamsLoader } from './team.loader.js';

@Resolver(() => TeamModel)
export class TeamsResolver {
  constructor(
    private readonly teamsService: TeamsService,
    private readonly challengesService: ChallengesService,
    private readonly organizations: OrganizationsService,
    private readonly ideas: IdeaReads,
    private readonly rateLimits: RateLimits,
    private readonly people: PeopleService,
  ) {}

  @Mutation(() => TeamModel)
  async createTeam(@CurrentViewer() viewer: Viewer, @Args('input') input: CreateTeamInput): Promise<TeamModel> {
    return toTeamModel(await this.teamsService.create(viewer, input));
  }

  @Mutation(() => TeamModel)
  async joinTeam(@CurrentViewer() viewer: Viewer, @Args('joinCode') joinCode: string): Promise<TeamModel> {
    if (viewer.userId) await this.rateLimits.consume('joinTeamUser', viewer.userId);
    return toTeamModel(await this.teamsService.join(viewer, joinCode));
  }

  @Mutation(() => TeamModel)
  async removeTeamMember(
    @CurrentViewer() viewer: Viewer,
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('userId', { type: () => ID }) userId: string,
  ): Promise<TeamModel> {
    return toTeamModel(await this.teamsService.removeMember(viewer, teamId, userId));
  }

  @Public()
  @Query(() => TeamModel, { nullable: true })
  async team(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string, @Info() info: GraphQLResolveInfo): Promise<TeamModel> {
    // The team page's school and member count come with the team in one statement, as the fields' values.
    const selected = selectedFieldsAt(info, []);
    const found = await this.teamsService.getWith(viewer, id, { school: selected.has('school'), memberCount: selected.has('memberCount') });
    const values: Record<string, unknown> = {};
    if (found.school !== undefined) values.school = found.school ? toOrganizationModel(found.school) : null;
    if (found.memberCount !== undefined) values.memberCount = found.memberCount;
    return withPreloaded(toTeamModel(found.team), values);
  }

  @Query(() => [TeamModel], { description: "The viewer's teams across challenges." })
  async myTeams(@CurrentViewer() viewer: Viewer): Promise<TeamModel[]> {
    return (await this.teamsService.mine(viewer)).map(toTeamModel);
  }

  @ResolveField(() => ChallengeModel)
  async challenge(@Parent() team: TeamModel, @Loaders() loaders: RequestLoaders): Promise<ChallengeModel> {
    const challenge = await challengeLoader(loaders, this.challengesService).load(team.challengeId);
    if (!challenge) throw new Error(`Team ${team.id} has no challenge`);
    return toChallengeModel(challenge);
  }

  @ResolveField(() => OrganizationModel, {
    nullable: true,
    description: 'The school of a SCHOOL_CLIMATHON team; null in an OPEN_HACKATHON. Hidden from jurors under blind judging.',
  })
  async school(@Parent() team: TeamModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<OrganizationModel | null> {
    if (!team.schoolId) return null;
    if (await blindJuryLoader(loaders, this.ideas, viewer).load(team.challengeId)) return null;
    const school = await organizationLoader(loaders, this.organizations).load(team.schoolId);
    return school ? toOrganizationModel(school) : null;
  }

  @ResolveField(() => [TeamMemberModel], { description: "Visible to the team's members, its tutors and organizers." })
  async members(@Parent() team: TeamModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<TeamMemberModel[]> {
    return (await teamMembersLoader(loaders, this.people, viewer).load(team.id)).map(toTeamMemberModel);
  }

  @ResolveField(() => Int, { description: 'How many members the team has: everyone who sees the team sees the count, the names only as `members` allows.' })
  async memberCount(@Parent() team: TeamModel, @Loaders() loaders: RequestLoaders): Promise<number> {
    return teamMemberCountLoader(loaders, this.teamsService).load(team.id);
  }

  @ResolveField(() => String, { nullable: true, description: "Visible to the team's coaches and captain only; null otherwise." })
  async joinCode(@Parent() team: TeamModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<string | null> {
    return teamJoinCodeLoader(loaders, this.teamsService, viewer).load({ id: team.id, joinCode: team.secretJoinCode });
  }
}

@Resolver(() => TeamMemberModel)
export class TeamMemberResolver {
  constructor(private readonly people: PeopleService) {}

  @ResolveField(() => UserModel)
  async user(@Parent() member: TeamMemberModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<UserModel> {
    const person = await personLoader(loaders, this.people, viewer).load(member.userId);
    if (!person) throw new Error(`Member ${member.userId} has no user`);
    return toUserModel(person);
  }
}

/** Challenge.teams: every team of a challenge the viewer sees (teams are public; members and codes are not). */
@Resolver(() => ChallengeModel)
export class ChallengeTeamsResolver {
  constructor(private readonly teamsService: TeamsService) {}

  @ResolveField(() => TeamConnection, { description: 'Under blind judging, a juror who does not organize the challenge sees only totalCount (no edges).' })
  async teams(
    @Parent() challenge: ChallengeModel,
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<TeamConnection> {
    return toConnection(await this.teamsService.listByChallenge(viewer, challenge.id, { first, after }), toTeamModel);
  }
}

/** User.teams: "who am I here" (issue 18.3), the viewer's own only. */
@Resolver(() => UserModel)
export class UserTeamsResolver {
  constructor(private readonly teamsService: TeamsService) {}

  @ResolveField(() => [TeamModel], {
    description:
      'The teams the user is a member or coach of, newest first (as myTeams). Filled only when the user is the viewer; an empty list for every other viewer (admins included).',
  })
  async teams(@Parent() user: UserModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<TeamModel[]> {
    return (await userTeamsLoader(loaders, this.teamsService, viewer).load(user.id)).map(toTeamModel);
  }
}
