import type { OrganizationInvitation } from '#domain/organizations/organization-invitation.entity.js';
import type { OrganizationInvitationsService } from '#domain/organizations/organization-invitations.service.js';
import type { OrganizationMember } from '#domain/organizations/organization-member.entity.js';
import type { Organization } from '#domain/organizations/organization.entity.js';
import type { OrganizationsService } from '#domain/organizations/organizations.service.js';
import type { Viewer } from '#domain/viewer.js';
import { byKeys, type RequestLoaders } from '../graphql/request-loaders.js';

/** Organizations by id, batched per request; other features resolve schools and companies through it. */
export const organizationLoader = (loaders: RequestLoaders, organizations: OrganizationsService) =>
  loaders.get<string, Organization | null>('organization', async (ids) => byKeys(ids, await organizations.byIds(ids), (o) => o.id));

/** User.memberships: the viewer's own accepted memberships with their organizations; empty for anyone else. */
export const userMembershipsLoader = (loaders: RequestLoaders, organizations: OrganizationsService, viewer: Viewer) =>
  loaders.get<string, (OrganizationMember & { organization: Organization })[]>('userMemberships', async (ids) => {
    const byUser = await organizations.membershipsOf(viewer, ids);
    return ids.map((id) => byUser.get(id) ?? []);
  });

/** Organization.invitations: the pending invitations where the viewer owns the organization (or is an admin); empty otherwise. */
export const organizationInvitationsLoader = (loaders: RequestLoaders, invitations: OrganizationInvitationsService, viewer: Viewer) =>
  loaders.get<string, OrganizationInvitation[]>('organizationInvitations', async (ids) => {
    const byOrganization = await invitations.pendingVisibleTo(viewer, ids);
    return ids.map((id) => byOrganization.get(id) ?? []);
  });

/** User.invitations: the viewer's own pending invitations; empty for anyone else. */
export const userInvitationsLoader = (loaders: RequestLoaders, invitations: OrganizationInvitationsService, viewer: Viewer) =>
  loaders.get<string, OrganizationInvitation[]>('userInvitations', async (ids) => {
    const byUser = await invitations.pendingOf(viewer, ids);
    return ids.map((id) => byUser.get(id) ?? []);
  });
