import type { IdeaSuggestion, SponsorsService } from '#domain/sponsors/sponsors.service.js';
import type { Viewer } from '#domain/viewer.js';
import type { RequestLoaders } from '../graphql/request-loaders.js';

/** Organization.followedThemes, for the organizations whose members the viewer is. */
export const followedThemesLoader = (loaders: RequestLoaders, sponsors: SponsorsService, viewer: Viewer) =>
  loaders.get<string, string[]>('followedThemes', async (ids) => {
    const byOrganization = await sponsors.followedThemesVisibleTo(viewer, ids);
    return ids.map((id) => byOrganization.get(id) ?? []);
  });

/** Organization.suggestedIdeas(first): one statement for every organization of the request asked with the same `first`. */
export const suggestedIdeasLoader = (loaders: RequestLoaders, sponsors: SponsorsService, viewer: Viewer, first: number) =>
  loaders.get<string, IdeaSuggestion[]>(`suggestedIdeas:${first}`, async (ids) => {
    const byOrganization = await sponsors.suggestions(viewer, ids, first);
    return ids.map((id) => byOrganization.get(id) ?? []);
  });
