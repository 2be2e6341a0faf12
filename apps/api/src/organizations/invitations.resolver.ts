import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OrganizationInvitationsService } from '#domain/organizations/organization-invitations.service.js';
import { OrganizationsService } from '#domain/organizations/organizations.service.js';
import { PeopleService } from '#domain/people/people.service.js';
import type { Viewer } from '#domain/viewer.js';
import { CurrentViewer, Loaders } from '../common/current-viewer.decorator.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { toUserModel, UserModel } from '../identity/models/user.model.js';
import { personLoader } from '../identity/person.loader.js';
import { OrganizationInvitationModel, OrganizationModel, toOrganizationInvitationModel, toOrganizationModel } from './models/organization.model.js';
import { organizationInvitationsLoader, organizationLoader, userInvitationsLoader } from './organization.loader.js';

/** Membership by invitation (docs/rules.md "Membership is by invitation"); the rules live in OrganizationInvitationsService. */
@Resolver(() => OrganizationInvitationModel)
export class OrganizationInvitationsResolver {
  constructor(
    private readonly invitations: OrganizationInvitationsService,
    private readonly organizations: OrganizationsService,
    private readonly people: PeopleService,
  ) {}

  @Mutation(() => OrganizationModel, { description: "The invitee accepts their pending invitation and becomes a member with the invitation's role." })
  async acceptOrganizationInvitation(@CurrentViewer() viewer: Viewer, @Args('organizationId', { type: () => ID }) organizationId: string): Promise<OrganizationModel> {
    return toOrganizationModel(await this.invitations.accept(viewer, organizationId));
  }

  @Mutation(() => OrganizationInvitationModel, { description: 'The invitee declines their pending invitation; answers it, DECLINED.' })
  async declineOrganizationInvitation(@CurrentViewer() viewer: Viewer, @Args('organizationId', { type: () => ID }) organizationId: string): Promise<OrganizationInvitationModel> {
    return toOrganizationInvitationModel(await this.invitations.decline(viewer, organizationId));
  }

  @Mutation(() => OrganizationInvitationModel, { description: 'An owner withdraws the pending invitation of userId; answers it, WITHDRAWN.' })
  async withdrawOrganizationInvitation(
    @CurrentViewer() viewer: Viewer,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('userId', { type: () => ID }) userId: string,
  ): Promise<OrganizationInvitationModel> {
    return toOrganizationInvitationModel(await this.invitations.withdraw(viewer, organizationId, userId));
  }

  @Query(() => [OrganizationInvitationModel], { description: "The viewer's pending invitations into organizations, newest first." })
  async myInvitations(@CurrentViewer() viewer: Viewer): Promise<OrganizationInvitationModel[]> {
    return (await this.invitations.mine(viewer)).map(toOrganizationInvitationModel);
  }

  @ResolveField(() => OrganizationModel)
  async organization(@Parent() invitation: OrganizationInvitationModel, @Loaders() loaders: RequestLoaders): Promise<OrganizationModel> {
    const organization = await organizationLoader(loaders, this.organizations).load(invitation.organizationId);
    if (!organization) throw new Error(`Invitation ${invitation.id} has no organization`);
    return toOrganizationModel(organization);
  }

  @ResolveField(() => UserModel)
  async invitee(@Parent() invitation: OrganizationInvitationModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<UserModel> {
    const person = await personLoader(loaders, this.people, viewer).load(invitation.inviteeId);
    if (!person) throw new Error(`Invitation ${invitation.id} has no invitee`);
    return toUserModel(person);
  }

  @ResolveField(() => UserModel, { nullable: true, description: 'The owner who invited; null if their account is gone.' })
  async invitedBy(@Parent() invitation: OrganizationInvitationModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<UserModel | null> {
    if (!invitation.invitedById) return null;
    const person = await personLoader(loaders, this.people, viewer).load(invitation.invitedById);
    return person ? toUserModel(person) : null;
  }
}

/** Organization.invitations: the pending ones, for the organization's owners. */
@Resolver(() => OrganizationModel)
export class OrganizationPendingInvitationsResolver {
  constructor(private readonly invitationsService: OrganizationInvitationsService) {}

  @ResolveField(() => [OrganizationInvitationModel], {
    description: 'The pending invitations, oldest first. Visible to the owners of the organization and to platform admins; empty otherwise.',
  })
  async invitations(@Parent() organization: OrganizationModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<OrganizationInvitationModel[]> {
    return (await organizationInvitationsLoader(loaders, this.invitationsService, viewer).load(organization.id)).map(toOrganizationInvitationModel);
  }
}

/** User.invitations: "who am I here" (issue 18.3), the viewer's own only. */
@Resolver(() => UserModel)
export class UserInvitationsResolver {
  constructor(private readonly invitationsService: OrganizationInvitationsService) {}

  @ResolveField(() => [OrganizationInvitationModel], {
    description:
      "The user's pending invitations into organizations, newest first (as myInvitations). Filled only when the user is the viewer; an empty list for every other viewer (admins included).",
  })
  async invitations(@Parent() user: UserModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<OrganizationInvitationModel[]> {
    return (await userInvitationsLoader(loaders, this.invitationsService, viewer).load(user.id)).map(toOrganizationInvitationModel);
  }
}
