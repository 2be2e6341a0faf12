import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { edition, publishResults, submittedIdea, type AdoptableIdea, type Edition } from './helpers/adoption-factories.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { openDatabase } from './helpers/db.js';
import { gqlOk } from './helpers/graphql.js';

/**
 * Anonymous readers of an edition whose results are published are served its gallery from a short response cache
 * (PUBLIC_CACHE_MAX_AGE_SECONDS); everyone else, and every other answer, is always fresh.
 */
describe('public response cache', () => {
  let api: RunningApi;
  let db: DataSource;

  const GALLERY = `query Gallery($id: ID!) {
    challenge(id: $id) { title status ideas(first: 50) { edges { cursor node { id title team { name school { name district } } theme { name } } } pageInfo { hasNextPage } } }
  }`;
  const GALLERY_WITH_CRITERIA = GALLERY.replace('{ title status', '{ title status criteria { name }');

  interface Answer {
    cacheControl: string | null;
    age: string | null;
    data: any;
  }
  async function ask(query: string, variables: Record<string, unknown>, token?: string, url = api.url): Promise<Answer> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
    if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return { cacheControl: response.headers.get('cache-control'), age: response.headers.get('age'), data: body.data };
  }
  const teamNames = (answer: Answer): string[] => answer.data.challenge.ideas.edges.map((e: any) => e.node.team.name);
  /** The count of the operation's duration histogram with that outcome, on /metrics. */
  async function metricCount(operationName: string, outcome: string): Promise<number> {
    const text = await (await fetch(api.url.replace('/graphql', '/metrics'))).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith('climathon_graphql_operation_duration_seconds_count{') && l.includes(`operation_name="${operationName}"`) && l.includes(`outcome="${outcome}"`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }
  const renameTeam = (teamId: string, name: string) => db.query(`UPDATE team SET name = $2 WHERE id = $1`, [teamId, name]);

  async function publishedEdition(): Promise<Edition & { idea: AdoptableIdea }> {
    const run = await edition(api.url);
    const idea = await submittedIdea(api.url, run);
    await publishResults(db, run);
    return { ...run, idea };
  }

  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
  });
  afterAll(async () => {
    await db.destroy();
    await api.close();
  });

  it('serves the gallery of an edition with published results to anonymous readers from the cache, marked public', async () => {
    const run = await publishedEdition();
    const first = await ask(GALLERY, { id: run.challenge.id });
    expect(first.cacheControl).toBe('max-age=10, public');
    expect(first.age).toBeNull();
    expect(teamNames(first)).toEqual(['4B Ambiente']);

    await renameTeam(run.idea.team.id, '4B Ambiente e Territorio');
    const second = await ask(GALLERY, { id: run.challenge.id });
    expect(second.age).not.toBeNull(); // answered from the cache...
    expect(second.data).toEqual(first.data); // ...so the rename is not seen yet
    expect(await metricCount('Gallery', 'cached')).toBeGreaterThanOrEqual(1);

    // A signed-in viewer never reads or fills the cache, and is told nothing is cacheable.
    const organizer = await ask(GALLERY, { id: run.challenge.id }, run.organizer.token);
    expect(teamNames(organizer)).toEqual(['4B Ambiente e Territorio']);
    expect(organizer.cacheControl).toBeNull();
    expect(organizer.age).toBeNull();

    // Another page (here another field set) is another entry.
    const other = await ask(GALLERY.replace('cursor node', 'node'), { id: run.challenge.id });
    expect(other.age).toBeNull();
    expect(teamNames(other)).toEqual(['4B Ambiente e Territorio']);
  });

  it('never caches an edition whose results are not published', async () => {
    const run = await edition(api.url);
    await submittedIdea(api.url, run);
    const before = await ask(GALLERY, { id: run.challenge.id });
    expect(before.cacheControl).toBeNull();
    expect(before.data.challenge.ideas.edges).toEqual([]); // anonymous readers see no idea before the results

    await gqlOk(
      api.url,
      `mutation($input: UpdateChallengeInput!) { updateChallenge(input: $input) { id } }`,
      { input: { id: run.challenge.id, title: 'Climathon rinominato' } },
      run.organizer.token,
    );
    const after = await ask(GALLERY, { id: run.challenge.id });
    expect(after.age).toBeNull();
    expect(after.data.challenge.title).toBe('Climathon rinominato');
  });

  it('does not cache an answer with any object its hints do not cover', async () => {
    const run = await publishedEdition();
    const first = await ask(GALLERY_WITH_CRITERIA, { id: run.challenge.id }); // Criterion carries no hint
    expect(first.cacheControl).toBeNull();
    expect(first.data.challenge.criteria.length).toBeGreaterThan(0);

    await renameTeam(run.idea.team.id, 'Nome nuovo');
    const second = await ask(GALLERY_WITH_CRITERIA, { id: run.challenge.id });
    expect(second.age).toBeNull();
    expect(teamNames(second)).toEqual(['Nome nuovo']);
  });

  it('keeps an entry for PUBLIC_CACHE_MAX_AGE_SECONDS only, and caches nothing when it is 0', async () => {
    const run = await publishedEdition();
    const previous = process.env.PUBLIC_CACHE_MAX_AGE_SECONDS;
    const apis: RunningApi[] = [];
    try {
      process.env.PUBLIC_CACHE_MAX_AGE_SECONDS = '1';
      apis.push(await startApi());
      process.env.PUBLIC_CACHE_MAX_AGE_SECONDS = '0';
      apis.push(await startApi());
    } finally {
      if (previous === undefined) delete process.env.PUBLIC_CACHE_MAX_AGE_SECONDS;
      else process.env.PUBLIC_CACHE_MAX_AGE_SECONDS = previous;
    }
    const [oneSecond, off] = apis as [RunningApi, RunningApi];
    try {
      const first = await ask(GALLERY, { id: run.challenge.id }, undefined, oneSecond.url);
      expect(first.cacheControl).toBe('max-age=1, public');
      const uncached = await ask(GALLERY, { id: run.challenge.id }, undefined, off.url);
      expect(uncached.cacheControl).toBeNull();

      await renameTeam(run.idea.team.id, 'Squadra aggiornata');
      expect(teamNames(await ask(GALLERY, { id: run.challenge.id }, undefined, oneSecond.url))).toEqual(['4B Ambiente']);
      expect(teamNames(await ask(GALLERY, { id: run.challenge.id }, undefined, off.url))).toEqual(['Squadra aggiornata']);

      await new Promise((resolve) => setTimeout(resolve, 1100));
      const expired = await ask(GALLERY, { id: run.challenge.id }, undefined, oneSecond.url);
      expect(expired.age).toBeNull();
      expect(teamNames(expired)).toEqual(['Squadra aggiornata']);
    } finally {
      await Promise.all(apis.map((a) => a.close()));
    }
  });
});
