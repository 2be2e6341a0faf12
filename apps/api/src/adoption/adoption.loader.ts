import type { AdoptionTutor } from '#domain/adoption/adoption-tutor.entity.js';
import type { Adoption } from '#domain/adoption/adoption.entity.js';
import type { AdoptionService } from '#domain/adoption/adoption.service.js';
import type { Viewer } from '#domain/viewer.js';
import { byKeys, groupByKeys, type RequestLoaders } from '../graphql/request-loaders.js';

/** Adoptions by id, without access checks: for fields below an object the viewer sees (MiniCompany.adoption). */
export const adoptionLoader = (loaders: RequestLoaders, adoptions: AdoptionService) =>
  loaders.get<string, Adoption | null>('adoption', async (ids) => byKeys(ids, await adoptions.byIds(ids), (a) => a.id));

/** The accepted adoption of each idea, where the viewer may see its terms (else null). */
export const ideaAdoptionLoader = (loaders: RequestLoaders, adoptions: AdoptionService, viewer: Viewer) =>
  loaders.get<string, Adoption | null>('ideaAdoption', async (ids) => byKeys(ids, await adoptions.acceptedOfIdeasVisibleTo(viewer, ids), (a) => a.ideaId));

/** The adopting company's id of each idea (null while not adopted). */
export const ideaAdopterLoader = (loaders: RequestLoaders, adoptions: AdoptionService) =>
  loaders.get<string, string | null>('ideaAdopter', async (ids) => {
    const byIdea = new Map((await adoptions.adoptersOfIdeas(ids)).map((a) => [a.ideaId, a.companyId]));
    return ids.map((id) => byIdea.get(id) ?? null);
  });

/** The proposals of each idea that the viewer may see. */
export const ideaProposalsLoader = (loaders: RequestLoaders, adoptions: AdoptionService, viewer: Viewer) =>
  loaders.get<string, Adoption[]>('ideaAdoptionProposals', async (ids) => groupByKeys(ids, await adoptions.proposalsVisibleTo(viewer, ids), (a) => a.ideaId));

export const adoptionTutorsLoader = (loaders: RequestLoaders, adoptions: AdoptionService) =>
  loaders.get<string, AdoptionTutor[]>('adoptionTutors', async (ids) => groupByKeys(ids, await adoptions.tutorsOf(ids), (t) => t.adoptionId));

/** The tutors' user ids per team, where the viewer may see the team's members. */
export const teamTutorsLoader = (loaders: RequestLoaders, adoptions: AdoptionService, viewer: Viewer) =>
  loaders.get<string, { teamId: string; userId: string }[]>('teamTutors', async (ids) => groupByKeys(ids, await adoptions.tutorsOfTeamsVisibleTo(viewer, ids), (t) => t.teamId));
