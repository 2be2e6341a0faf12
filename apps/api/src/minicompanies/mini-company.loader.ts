import type { MiniCompany } from '#domain/minicompanies/mini-company.entity.js';
import type { Milestone } from '#domain/minicompanies/milestone.entity.js';
import type { MiniCompaniesService } from '#domain/minicompanies/minicompanies.service.js';
import type { Viewer } from '#domain/viewer.js';
import { byKeys, groupByKeys, type RequestLoaders } from '../graphql/request-loaders.js';

/** The mini-company of each team, where the viewer may see it (else null). */
export const teamMiniCompanyLoader = (loaders: RequestLoaders, companies: MiniCompaniesService, viewer: Viewer) =>
  loaders.get<string, MiniCompany | null>('teamMiniCompany', async (teamIds) => byKeys(teamIds, await companies.visibleByTeamIds(viewer, teamIds), (c) => c.teamId));

/** Milestones per mini-company, in plan order. */
export const milestonesLoader = (loaders: RequestLoaders, companies: MiniCompaniesService) =>
  loaders.get<string, Milestone[]>('miniCompanyMilestones', async (ids) => groupByKeys(ids, await companies.milestonesOf(ids), (m) => m.miniCompanyId));
