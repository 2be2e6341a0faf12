import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { OrganizationMember } from '#domain/organizations/organization-member.entity.js';
import { OrganizationKind } from '#domain/organizations/organization.entity.js';
import { OrganizationsService } from '#domain/organizations/organizations.service.js';
import { PeopleService } from '#domain/people/people.service.js';
import type { Viewer } from '#domain/viewer.js';
import { CurrentViewer, Loaders, Public } from '../common/current-viewer.decorator.js';
import { toConnection } from '../common/page-info.model.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { toUserModel, UserModel } from '../identity/models/user.model.js';
import { personLoader } from '../identity/person.loader.js';
import { AddOrganizationMemberInput, CreateOrganizationInput } from './dto/organization.input.js';
import { MembershipModel, OrganizationConnection, OrganizationMemberModel, OrganizationModel, toOrganizationModel } from './models/organization.model.js';
import { userMembershipsLoader } from './organization.loader.js';

@Resolver(() => OrganizationModel)
export class OrganizationsResolver {
  constructor(private readonly organizationsService: OrganizationsService) {}

  @Mutation(() => OrganizationModel)
  async createOrganization(@CurrentViewer() viewer: Viewer, @Args('input') input: CreateOrganizationInput): Promise<OrganizationModel> {
    return toOrganizationModel(await this.organizationsService.create(viewer, input));
  }

  @Mutation(() => OrganizationModel)
  async addOrganizationMember(@CurrentViewer() viewer: Viewer, @Args('input') input: AddOrganizationMemberInput): Promise<OrganizationModel> {
    return toOrganizationModel(await this.organizationsService.addMember(viewer, input));
  }

  @Public()
  @Query(() => OrganizationModel, { nullable: true })
  async organization(@Args('id', { type: () => ID }) id: string): Promise<OrganizationModel> {
    return toOrganizationModel(await this.organizationsService.get(id));
  }

  @Public()
  @Query(() => OrganizationConnection)
  async organizations(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('kind', { type: () => OrganizationKind, nullable: true }) kind: OrganizationKind | null,
    @Args('search', { type: () => String, nullable: true }) search: string | null,
  ): Promise<OrganizationConnection> {
    return toConnection(await this.organizationsService.list({ first, after, kind, search }), toOrganizationModel);
  }

  @Query(() => [OrganizationModel], {
    description: 'The organizations the viewer is a member of, by name; e.g. the promoters they organize for or the companies they sponsor for.',
  })
  async myOrganizations(
    @CurrentViewer() viewer: Viewer,
    @Args('kind', { type: () => OrganizationKind, nullable: true }) kind: OrganizationKind | null,
  ): Promise<OrganizationModel[]> {
    return (await this.organizationsService.mine(viewer, kind)).map(toOrganizationModel);
  }

  @ResolveField(() => [OrganizationMemberModel], { description: 'Visible to members of the organization and to platform admins; empty otherwise.' })
  async members(@Parent() organization: OrganizationModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<OrganizationMemberModel[]> {
    const loader = loaders.get<string, OrganizationMember[]>('organizationMembers', async (ids) => {
      const byOrganization = await this.organizationsService.membersVisibleTo(viewer, ids);
      return ids.map((id) => byOrganization.get(id) ?? []);
    });
    return (await loader.load(organization.id)).map((m) => ({ userId: m.userId, role: m.role }));
  }
}

@Resolver(() => OrganizationMemberModel)
export class OrganizationMemberResolver {
  constructor(private readonly people: PeopleService) {}

  @ResolveField(() => UserModel)
  async user(@Parent() member: OrganizationMemberModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<UserModel> {
    const person = await personLoader(loaders, this.people, viewer).load(member.userId);
    if (!person) throw new Error(`Member ${member.userId} has no user`);
    return toUserModel(person);
  }
}

/** User.memberships: "who am I here" (issue 18.3), the viewer's own only. */
@Resolver(() => UserModel)
export class UserOrganizationsResolver {
  constructor(private readonly organizationsService: OrganizationsService) {}

  @ResolveField(() => [MembershipModel], {
    description: "The user's accepted memberships, by organization name. Filled only when the user is the viewer; an empty list for every other viewer (admins included).",
  })
  async memberships(@Parent() user: UserModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<MembershipModel[]> {
    const rows = await userMembershipsLoader(loaders, this.organizationsService, viewer).load(user.id);
    return rows.map((m) => ({ organization: toOrganizationModel(m.organization), role: m.role, since: m.createdAt }));
  }
}
