import type { Idea } from '../../../../libs/domain/src/ideas/idea.entity.js';
import type { IdeasService } from '../../../../libs/domain/src/ideas/ideas.service.js';
import type { Viewer } from '../../../../libs/domain/src/viewer.js';
import { byKeys, type RequestLoaders } from '../graphql/request-loaders.js';

/** The idea of each team, where the viewer may see it (else null). */
export const teamIdeaLoader = (loaders: RequestLoaders, ideas: IdeasService, viewer: Viewer) =>
  loaders.get<string, Idea | null>('teamIdea', async (teamIds) => byKeys(teamIds, await ideas.visibleByTeamIds(viewer, teamIds), (i) => i.teamId));
