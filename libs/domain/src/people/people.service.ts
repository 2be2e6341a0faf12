import { Injectable } from '@nestjs/common';
import { IdentityService } from '../identity/identity.service.js';
import type { Viewer } from '../viewer.js';
import { viewPerson, type PersonView } from './person-view.js';

/** People as a viewer may see them, in batches (one query per request: the API's person loader calls it). */
@Injectable()
export class PeopleService {
  constructor(private readonly identity: IdentityService) {}

  /** The people of `userIds` the viewer sees, by id (missing users are absent). */
  async viewsOf(viewer: Viewer, userIds: readonly string[]): Promise<Map<string, PersonView>> {
    const users = await this.identity.usersByIds(userIds);
    return new Map(users.map((user) => [user.id, viewPerson(viewer, user)]));
  }
}
