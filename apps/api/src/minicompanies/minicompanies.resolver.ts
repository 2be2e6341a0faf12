import { Args, Float, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IdeaReads } from '#domain/ideas/idea-reads.js';
import { ideaLoader } from '../ideas/idea.loader.js';
import { AdoptionService } from '#domain/adoption/adoption.service.js';
import { progressOf } from '#domain/minicompanies/default-plan.js';
import { MiniCompaniesService } from '#domain/minicompanies/minicompanies.service.js';
import { PeopleService } from '#domain/people/people.service.js';
import { TeamsService } from '#domain/teams/teams.service.js';
import type { Viewer } from '#domain/viewer.js';
import { adoptionLoader } from '../adoption/adoption.loader.js';
import { AdoptionModel, toAdoptionModel } from '../adoption/models/adoption.model.js';
import { CurrentViewer, Loaders, Public } from '../common/current-viewer.decorator.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { toUserModel, UserModel } from '../identity/models/user.model.js';
import { personLoader } from '../identity/person.loader.js';
import { IdeaModel, toIdeaModel } from '../ideas/models/idea.model.js';
import { TeamModel, toTeamModel } from '../teams/models/team.model.js';
import { teamLoader } from '../teams/team.loader.js';
import { FoundMiniCompanyInput, RescheduleMilestoneInput, ReviewMilestoneInput, SubmitMilestoneInput } from './dto/mini-company.input.js';
import { milestonesLoader, teamMiniCompanyLoader } from './mini-company.loader.js';
import { MilestoneModel, MiniCompanyModel, toMilestoneModel, toMiniCompanyModel } from './models/mini-company.model.js';

@Resolver(() => MiniCompanyModel)
export class MiniCompaniesResolver {
  constructor(
    private readonly companies: MiniCompaniesService,
    private readonly adoptions: AdoptionService,
    private readonly teams: TeamsService,
    private readonly ideaReads: IdeaReads,
  ) {}

  @Mutation(() => MiniCompanyModel)
  async foundMiniCompany(@CurrentViewer() viewer: Viewer, @Args('input') input: FoundMiniCompanyInput): Promise<MiniCompanyModel> {
    return toMiniCompanyModel(await this.companies.found(viewer, input));
  }

  @Mutation(() => MilestoneModel)
  async submitMilestone(@CurrentViewer() viewer: Viewer, @Args('input') input: SubmitMilestoneInput): Promise<MilestoneModel> {
    return toMilestoneModel(await this.companies.submitMilestone(viewer, input));
  }

  @Mutation(() => MilestoneModel)
  async reviewMilestone(@CurrentViewer() viewer: Viewer, @Args('input') input: ReviewMilestoneInput): Promise<MilestoneModel> {
    return toMilestoneModel(await this.companies.reviewMilestone(viewer, input));
  }

  @Mutation(() => MilestoneModel)
  async rescheduleMilestone(@CurrentViewer() viewer: Viewer, @Args('input') input: RescheduleMilestoneInput): Promise<MilestoneModel> {
    return toMilestoneModel(await this.companies.rescheduleMilestone(viewer, input));
  }

  @Public()
  @Query(() => MiniCompanyModel, { nullable: true })
  async miniCompany(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<MiniCompanyModel> {
    return toMiniCompanyModel(await this.companies.get(viewer, id));
  }

  @ResolveField(() => TeamModel)
  async team(@Parent() company: MiniCompanyModel, @Loaders() loaders: RequestLoaders): Promise<TeamModel> {
    const team = await teamLoader(loaders, this.teams).load(company.teamId);
    if (!team) throw new Error(`Mini-company ${company.id} has no team`);
    return toTeamModel(team);
  }

  /** Whoever sees the mini-company (team, tutors, organizers) sees the team's submitted idea. */
  @ResolveField(() => IdeaModel)
  async idea(@Parent() company: MiniCompanyModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<IdeaModel> {
    const idea = await ideaLoader(loaders, this.ideaReads, viewer).load(company.ideaId);
    if (!idea) throw new Error(`Mini-company ${company.id} has no idea`);
    return toIdeaModel(idea);
  }

  @ResolveField(() => AdoptionModel, { nullable: true })
  async adoption(@Parent() company: MiniCompanyModel, @Loaders() loaders: RequestLoaders): Promise<AdoptionModel | null> {
    if (!company.adoptionId) return null;
    const adoption = await adoptionLoader(loaders, this.adoptions).load(company.adoptionId);
    return adoption ? toAdoptionModel(adoption) : null;
  }

  @ResolveField(() => [MilestoneModel])
  async milestones(@Parent() company: MiniCompanyModel, @Loaders() loaders: RequestLoaders): Promise<MilestoneModel[]> {
    return (await milestonesLoader(loaders, this.companies).load(company.id)).map(toMilestoneModel);
  }

  @ResolveField(() => Float, { description: 'Share of milestones APPROVED, 0-1.' })
  async progress(@Parent() company: MiniCompanyModel, @Loaders() loaders: RequestLoaders): Promise<number> {
    return progressOf((await milestonesLoader(loaders, this.companies).load(company.id)).map((m) => m.status));
  }
}

@Resolver(() => MilestoneModel)
export class MilestoneResolver {
  constructor(private readonly people: PeopleService) {}

  @ResolveField(() => UserModel, { nullable: true })
  async reviewedBy(@Parent() milestone: MilestoneModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<UserModel | null> {
    if (!milestone.reviewedById) return null;
    const person = await personLoader(loaders, this.people, viewer).load(milestone.reviewedById);
    return person ? toUserModel(person) : null;
  }
}

/** Team.miniCompany: visible to the team's members, its tutors, organizers and admins; null otherwise. */
@Resolver(() => TeamModel)
export class TeamMiniCompanyResolver {
  constructor(private readonly companies: MiniCompaniesService) {}

  @ResolveField(() => MiniCompanyModel, { nullable: true })
  async miniCompany(@Parent() team: TeamModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<MiniCompanyModel | null> {
    const company = await teamMiniCompanyLoader(loaders, this.companies, viewer).load(team.id);
    return company ? toMiniCompanyModel(company) : null;
  }
}
