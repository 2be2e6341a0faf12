import type { PeopleService } from '#domain/people/people.service.js';
import type { PersonView } from '#domain/people/person-view.js';
import type { Viewer } from '#domain/viewer.js';
import type { RequestLoaders } from '../graphql/request-loaders.js';

/** People by user id as the viewer sees them (PeopleService decides), batched per request; null for a missing user. */
export const personLoader = (loaders: RequestLoaders, people: PeopleService, viewer: Viewer) =>
  loaders.get<string, PersonView | null>('person', async (ids) => {
    const views = await people.viewsOf(viewer, ids);
    return ids.map((id) => views.get(id) ?? null);
  });
