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
