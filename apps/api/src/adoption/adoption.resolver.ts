import { Args, Directive, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IdeaReads } from '#domain/ideas/idea-reads.js';
import { ideaLoader } from '../ideas/idea.loader.js';
import { AdoptionStatus } from '#domain/adoption/adoption.entity.js';
import { AdoptionService } from '#domain/adoption/adoption.service.js';
import { OrganizationsService } from '#domain/organizations/organizations.service.js';
import { PeopleService } from '#domain/people/people.service.js';
import type { Viewer } from '#domain/viewer.js';
import { CurrentViewer, Loaders } from '../common/current-viewer.decorator.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { toUserModel, UserModel } from '../identity/models/user.model.js';
import { personLoader } from '../identity/person.loader.js';
import { IdeaModel, toIdeaModel } from '../ideas/models/idea.model.js';
import { OrganizationModel, toOrganizationModel } from '../organizations/models/organization.model.js';
import { organizationLoader } from '../organizations/organization.loader.js';
import { TeamModel } from '../teams/models/team.model.js';
import { adoptionTutorsLoader, ideaAdopterLoader, ideaAdoptionLoader, ideaProposalsLoader, teamTutorsLoader } from './adoption.loader.js';
import { AssignTutorInput, DecideAdoptionInput, ProposeAdoptionInput } from './dto/adoption.input.js';
import { AdoptionModel, toAdoptionModel } from './models/adoption.model.js';

/** Users by id as the viewer sees them, in the order given, skipping missing ones. */
async function users(loaders: RequestLoaders, people: PeopleService, viewer: Viewer, ids: string[]): Promise<UserModel[]> {
  const found = await personLoader(loaders, people, viewer).loadMany(ids);
  return found.filter((p) => p && !(p instanceof Error)).map((p) => toUserModel(p as Exclude<typeof p, Error | null>));
}

@Resolver(() => AdoptionModel)
export class AdoptionResolver {
  constructor(
    private readonly adoptions: AdoptionService,
    private readonly organizations: OrganizationsService,
    private readonly people: PeopleService,
    private readonly ideaReads: IdeaReads,
  ) {}

  @Mutation(() => AdoptionModel)
  async proposeAdoption(@CurrentViewer() viewer: Viewer, @Args('input') input: ProposeAdoptionInput): Promise<AdoptionModel> {
    return toAdoptionModel(await this.adoptions.propose(viewer, input));
  }

  @Mutation(() => AdoptionModel)
  async acceptAdoption(@CurrentViewer() viewer: Viewer, @Args('input') input: DecideAdoptionInput): Promise<AdoptionModel> {
    return toAdoptionModel(await this.adoptions.accept(viewer, input));
  }

  @Mutation(() => AdoptionModel)
  async declineAdoption(@CurrentViewer() viewer: Viewer, @Args('input') input: DecideAdoptionInput): Promise<AdoptionModel> {
    return toAdoptionModel(await this.adoptions.decline(viewer, input));
  }

  @Mutation(() => AdoptionModel)
  async withdrawAdoption(@CurrentViewer() viewer: Viewer, @Args('adoptionId', { type: () => ID }) adoptionId: string): Promise<AdoptionModel> {
    return toAdoptionModel(await this.adoptions.withdraw(viewer, adoptionId));
  }

  @Mutation(() => AdoptionModel)
  async assignTutor(@CurrentViewer() viewer: Viewer, @Args('input') input: AssignTutorInput): Promise<AdoptionModel> {
    return toAdoptionModel(await this.adoptions.assignTutor(viewer, input));
  }

  @Query(() => [AdoptionModel], { description: 'Adoptions of a company, for its members.' })
  async companyAdoptions(
    @CurrentViewer() viewer: Viewer,
    @Args('companyId', { type: () => ID }) companyId: string,
    @Args('status', { type: () => AdoptionStatus, nullable: true }) status: AdoptionStatus | null,
  ): Promise<AdoptionModel[]> {
    return (await this.adoptions.ofCompany(viewer, companyId, status)).map(toAdoptionModel);
  }

  @ResolveField(() => IdeaModel)
  async idea(@Parent() adoption: AdoptionModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<IdeaModel> {
    const idea = await ideaLoader(loaders, this.ideaReads, viewer).load(adoption.ideaId);
    if (!idea) throw new Error(`Adoption ${adoption.id} has no idea`);
    return toIdeaModel(idea);
  }

  @ResolveField(() => OrganizationModel)
  async company(@Parent() adoption: AdoptionModel, @Loaders() loaders: RequestLoaders): Promise<OrganizationModel> {
    const company = await organizationLoader(loaders, this.organizations).load(adoption.companyId);
    if (!company) throw new Error(`Adoption ${adoption.id} has no company`);
    return toOrganizationModel(company);
  }

  @ResolveField(() => UserModel)
  async proposedBy(@Parent() adoption: AdoptionModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<UserModel> {
    const person = await personLoader(loaders, this.people, viewer).load(adoption.proposedById);
    if (!person) throw new Error(`Adoption ${adoption.id} has no proposer`);
    return toUserModel(person);
  }

  @ResolveField(() => [UserModel], { description: 'Company members who take charge of the team.' })
  async tutors(@Parent() adoption: AdoptionModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<UserModel[]> {
    const tutors = await adoptionTutorsLoader(loaders, this.adoptions).load(adoption.id);
    return users(
      loaders,
      this.people,
      viewer,
      tutors.map((t) => t.userId),
    );
  }
}

/** Idea.adoptedBy, Idea.adoption and Idea.adoptionProposals. */
@Resolver(() => IdeaModel)
export class IdeaAdoptionResolver {
  constructor(
    private readonly adoptions: AdoptionService,
    private readonly organizations: OrganizationsService,
  ) {}

  // maxAge 0: an adoption may be accepted after results are published, so an idea's adopter is never frozen for the public cache.
  @Directive('@cacheControl(maxAge: 0)')
  @ResolveField(() => OrganizationModel, { nullable: true, description: 'The company whose adoption of the idea was accepted, if any; shown to everyone who sees the idea.' })
  async adoptedBy(@Parent() idea: IdeaModel, @Loaders() loaders: RequestLoaders): Promise<OrganizationModel | null> {
    const companyId = await ideaAdopterLoader(loaders, this.adoptions).load(idea.id);
    const company = companyId ? await organizationLoader(loaders, this.organizations).load(companyId) : null;
    return company ? toOrganizationModel(company) : null;
  }

  @ResolveField(() => AdoptionModel, {
    nullable: true,
    description:
      "The accepted adoption, if any, with its terms: for the team (every role), its tutors, the challenge's organizers and the adopting company's members; null for others.",
  })
  async adoption(@Parent() idea: IdeaModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<AdoptionModel | null> {
    const adoption = await ideaAdoptionLoader(loaders, this.adoptions, viewer).load(idea.id);
    return adoption ? toAdoptionModel(adoption) : null;
  }

  @ResolveField(() => [AdoptionModel], { description: "All proposals: the team's coaches and organizers see all; a company's members see their own company's." })
  async adoptionProposals(@Parent() idea: IdeaModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<AdoptionModel[]> {
    return (await ideaProposalsLoader(loaders, this.adoptions, viewer).load(idea.id)).map(toAdoptionModel);
  }
}

/** Team.tutors: visible where the team's members are (its members, its tutors, organizers, admins); empty otherwise. */
@Resolver(() => TeamModel)
export class TeamTutorsResolver {
  constructor(
    private readonly adoptions: AdoptionService,
    private readonly people: PeopleService,
  ) {}

  @ResolveField(() => [UserModel], { description: 'Company tutors who took charge of the team through an accepted adoption.' })
  async tutors(@Parent() team: TeamModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<UserModel[]> {
    const tutors = await teamTutorsLoader(loaders, this.adoptions, viewer).load(team.id);
    return users(loaders, this.people, viewer, [...new Set(tutors.map((t) => t.userId))]);
  }
}
