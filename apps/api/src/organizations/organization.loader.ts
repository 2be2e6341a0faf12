import type { Organization } from '#domain/organizations/organization.entity.js';
import type { OrganizationsService } from '#domain/organizations/organizations.service.js';
import { byKeys, type RequestLoaders } from '../graphql/request-loaders.js';

/** Organizations by id, batched per request; other features resolve schools and companies through it. */
export const organizationLoader = (loaders: RequestLoaders, organizations: OrganizationsService) =>
  loaders.get<string, Organization | null>('organization', async (ids) => byKeys(ids, await organizations.byIds(ids), (o) => o.id));
