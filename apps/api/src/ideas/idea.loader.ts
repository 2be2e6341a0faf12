import { Injectable } from '@nestjs/common';
import { ChallengeAccess } from '../../../../libs/domain/src/challenges/challenge-access.js';
import type { Idea } from '../../../../libs/domain/src/ideas/idea.entity.js';
import type { IdeaPage, IdeasService } from '../../../../libs/domain/src/ideas/ideas.service.js';
import type { Viewer } from '../../../../libs/domain/src/viewer.js';
import { blindJuryLoader } from '../challenges/challenge.loader.js';
import { toThemeModel } from '../challenges/models/challenge.model.js';
import { toConnection, type ConnectionShape } from '../common/page-info.model.js';
import { withPreloaded } from '../graphql/preloaded-fields.js';
import { byKeys, type RequestLoaders } from '../graphql/request-loaders.js';
import { toOrganizationModel } from '../organizations/models/organization.model.js';
import { toTeamModel } from '../teams/models/team.model.js';
import { toIdeaModel, type IdeaModel } from './models/idea.model.js';

/** The idea of each team, where the viewer may see it (else null). */
export const teamIdeaLoader = (loaders: RequestLoaders, ideas: IdeasService, viewer: Viewer) =>
  loaders.get<string, Idea | null>('teamIdea', async (teamIds) => byKeys(teamIds, await ideas.visibleByTeamIds(viewer, teamIds), (i) => i.teamId));

/**
 * The nodes of a page of ideas as models, with the relations the page read in its own query (see IdeaIncludes)
 * attached as final field values: Idea.team and Team.school follow the same blind-judging rule as their field
 * resolvers (IdeasResolver.team, TeamsResolver.school), through the same request loader.
 */
@Injectable()
export class IdeaPageModels {
  constructor(private readonly access: ChallengeAccess) {}

  async toConnection(page: IdeaPage, viewer: Viewer, loaders: RequestLoaders): Promise<ConnectionShape<IdeaModel>> {
    const { teams, schools, themes } = page.included;
    if (!teams && !themes) return toConnection(page, toIdeaModel);
    const teamById = new Map(teams?.map((t) => [t.id, t]));
    const schoolById = new Map(schools?.map((s) => [s.id, s]));
    const themeById = new Map(themes?.map((t) => [t.id, t]));
    const challengeIds = [...new Set(page.nodes.map((i) => i.challengeId))];
    const blindFlags = teams ? await blindJuryLoader(loaders, this.access, viewer).loadMany(challengeIds) : [];
    const failure = blindFlags.find((flag) => flag instanceof Error);
    if (failure) throw failure;
    const blind = new Set(challengeIds.filter((_, k) => blindFlags[k] === true));
    return toConnection(page, (idea) => {
      const values: Record<string, unknown> = {};
      const team = teamById.get(idea.teamId);
      if (team) {
        const teamModel = toTeamModel(team);
        values.team = blind.has(idea.challengeId) ? null : teamModel;
        if (schools) {
          const school = team.schoolId ? schoolById.get(team.schoolId) : undefined;
          withPreloaded(teamModel, { school: school && !blind.has(team.challengeId) ? toOrganizationModel(school) : null });
        }
      }
      const theme = themeById.get(idea.themeId);
      if (theme) values.theme = toThemeModel(theme);
      return withPreloaded(toIdeaModel(idea), values);
    });
  }
}
