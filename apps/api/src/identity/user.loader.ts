import type { IdentityService } from '../../../../libs/domain/src/identity/identity.service.js';
import type { User } from '../../../../libs/domain/src/identity/user.entity.js';
import { byKeys, type RequestLoaders } from '../graphql/request-loaders.js';

export const userLoader = (loaders: RequestLoaders, identity: IdentityService) =>
  loaders.get<string, User | null>('user', async (ids) => byKeys(ids, await identity.usersByIds(ids), (u) => u.id));
