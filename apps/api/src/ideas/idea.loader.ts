import type { IdeaReads, IdeaView, TeamIdea } from '#domain/ideas/idea-reads.js';
import type { IdeaPage } from '#domain/ideas/ideas.service.js';
import type { Viewer } from '#domain/viewer.js';
import { toThemeModel } from '../challenges/models/challenge.model.js';
import { toConnection, type ConnectionShape } from '../common/page-info.model.js';
import { withPreloaded } from '../graphql/preloaded-fields.js';
import { byKeys, type RequestLoaders } from '../graphql/request-loaders.js';
import { toOrganizationModel } from '../organizations/models/organization.model.js';
import { toTeamModel } from '../teams/models/team.model.js';
import { toIdeaModel, type IdeaModel } from './models/idea.model.js';

/**
 * The idea of each team, where the viewer may see it (else null), with the idea fields `selected` (and its theme,
 * when selected, read in the same statement): one loader per selection, so that one request reads each once.
 */
export const teamIdeaLoader = (loaders: RequestLoaders, ideas: IdeaReads, viewer: Viewer, selected?: ReadonlySet<string>) => {
  const include = selected && selected.size > 0 ? { fields: selected, theme: selected.has('theme') } : {};
  const key = include.fields ? `teamIdea:${[...include.fields].sort().join(',')}` : 'teamIdea';
  return loaders.get<string, TeamIdea | null>(key, async (teamIds) => byKeys(teamIds, await ideas.visibleByTeamIds(viewer, teamIds, include), (i) => i.teamId));
};

/** A team's idea as its model, its theme (when read with it) attached as the field's value. */
export const teamIdeaModel = ({ theme, ...idea }: TeamIdea): IdeaModel => (theme ? withPreloaded(toIdeaModel(idea), { theme: toThemeModel(theme) }) : toIdeaModel(idea));

/** Ideas by id, redacted for the viewer, for an idea below an object the viewer sees (assignments, awards, adoptions, leaderboard entries). */
export const ideaLoader = (loaders: RequestLoaders, ideas: IdeaReads, viewer: Viewer) =>
  loaders.get<string, IdeaView | null>('idea', async (ids) => byKeys(ids, await ideas.byIds(viewer, ids), (i) => i.id));

/**
 * The nodes of a page of ideas as models, with the relations the page read in its own query (see IdeaIncludes)
 * attached as final field values. The page is already redacted: an idea whose team is hidden has no team, and so
 * no school, to attach.
 */
export function ideaPageConnection(page: IdeaPage): ConnectionShape<IdeaModel> {
  const { teams, schools, themes } = page.included;
  if (!teams && !themes) return toConnection(page, toIdeaModel);
  const teamById = new Map(teams?.map((t) => [t.id, t]));
  const schoolById = new Map(schools?.map((s) => [s.id, s]));
  const themeById = new Map(themes?.map((t) => [t.id, t]));
  return toConnection(page, (idea) => {
    const values: Record<string, unknown> = {};
    if (teams) {
      const team = idea.teamId === null ? undefined : teamById.get(idea.teamId);
      const teamModel = team ? toTeamModel(team) : null;
      values.team = teamModel;
      if (team && teamModel && schools) {
        const school = team.schoolId ? schoolById.get(team.schoolId) : undefined;
        withPreloaded(teamModel, { school: school ? toOrganizationModel(school) : null });
      }
    }
    const theme = themeById.get(idea.themeId);
    if (theme) values.theme = toThemeModel(theme);
    return withPreloaded(toIdeaModel(idea), values);
  });
}
