import type { TeamMember } from '#domain/teams/team-member.entity.js';
import type { Team } from '#domain/teams/team.entity.js';
import type { TeamsService } from '#domain/teams/teams.service.js';
import type { Viewer } from '#domain/viewer.js';
import type { PeopleService } from '#domain/people/people.service.js';
import { byKeys, groupByKeys, type RequestLoaders } from '../graphql/request-loaders.js';
import { personLoader } from '../identity/person.loader.js';

/** Teams by id, batched per request, without access checks (teams are public with their challenge). */
export const teamLoader = (loaders: RequestLoaders, teams: TeamsService) =>
  loaders.get<string, Team | null>('team', async (ids) => byKeys(ids, await teams.byIds(ids), (t) => t.id));

/**
 * Members per team as the viewer may see them: empty where they may not. The people come in the same statement and
 * fill the request's person loader, so `members { user { ... } }` reads nothing more.
 */
export const teamMembersLoader = (loaders: RequestLoaders, people: PeopleService, viewer: Viewer) =>
  loaders.get<string, TeamMember[]>('teamMembers', async (ids) => {
    const rows = await people.teamMembersVisibleTo(viewer, ids);
    const persons = personLoader(loaders, people, viewer);
    for (const { person } of rows) persons.prime(person.id, person);
    return groupByKeys(
      ids,
      rows.map((r) => r.member),
      (m) => m.teamId,
    );
  });

/** How many members each team has: what everyone who sees the team learns of its members. */
export const teamMemberCountLoader = (loaders: RequestLoaders, teams: TeamsService) =>
  loaders.get<string, number>('teamMemberCount', async (ids) => {
    const counts = await teams.memberCounts(ids);
    return ids.map((id) => counts.get(id) ?? 0);
  });

/** The join code per team where the viewer may see it (coaches, captain), else null. Keyed by team, fed the row. */
export const teamJoinCodeLoader = (loaders: RequestLoaders, teams: TeamsService, viewer: Viewer) =>
  loaders.get<Pick<Team, 'id' | 'joinCode'>, string | null>('teamJoinCode', async (rows) => {
    const codes = await teams.joinCodesVisibleTo(viewer, rows);
    return rows.map((t) => codes.get(t.id) ?? null);
  });

/** User.teams: the viewer's own teams (as myTeams); empty for anyone else. */
export const userTeamsLoader = (loaders: RequestLoaders, teams: TeamsService, viewer: Viewer) =>
  loaders.get<string, Team[]>('userTeams', async (ids) => {
    const byUser = await teams.teamsOf(viewer, ids);
    return ids.map((id) => byUser.get(id) ?? []);
  });
