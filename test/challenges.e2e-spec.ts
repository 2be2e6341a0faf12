import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import {
  CHALLENGE_FIELDS,
  CREATE_CHALLENGE,
  challengeInput,
  createChallenge,
  createTeam,
  DAY,
  forceStatus,
  ideaInput,
  makeAdmin,
  publishChallenge,
  publishedChallenge,
  saveIdea,
  school,
  student,
} from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { addMember, createOrganization, signUp, type TestUser } from './helpers/factories.js';
import { gqlError, gqlOk } from './helpers/graphql.js';

const GET = `query($id: ID, $slug: String) { challenge(id: $id, slug: $slug) { ${CHALLENGE_FIELDS} } }`;
const LIST = `query($first: Int, $after: String, $status: ChallengeStatus) {
  challenges(first: $first, after: $after, status: $status) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title status } } }
}`;
const UPDATE = `mutation($input: UpdateChallengeInput!) { updateChallenge(input: $input) { ${CHALLENGE_FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishChallenge(id: $id) { id status } }`;
const CLOSE = `mutation($id: ID!) { closeChallenge(id: $id) { id status } }`;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('challenges', () => {
  let api: RunningApi;
  let db: DataSource;
  let organizer: TestUser;
  let colleague: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  let promoterId: string;

  const count = async (table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  /** Every challenge id the caller can list, across pages. */
  const listAll = async (token?: string, status?: string): Promise<string[]> => {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await gqlOk(api.url, LIST, { first: 100, after, status }, token)).challenges;
      ids.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) return ids;
      after = page.pageInfo.endCursor;
    }
  };

  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
    organizer = await signUp(api.url, { label: 'organizer' });
    colleague = await signUp(api.url, { label: 'colleague' });
    outsider = await signUp(api.url, { label: 'outsider' });
    admin = await makeAdmin(api.url, db, await signUp(api.url, { label: 'admin' }));
    promoterId = await createOrganization(api.url, organizer, { name: 'Camera di Commercio di Bologna', kind: 'PROMOTER' });
    await addMember(api.url, organizer, promoterId, colleague);
  });
  afterAll(async () => {
    await api.close();
    await db.destroy();
  });

  describe('createChallenge', () => {
    it('creates a DRAFT with themes and criteria in order, the contract defaults and a slug from the title', async () => {
      const input = challengeInput(promoterId, { title: 'Città più Verde 2026!', criteria: [{ name: 'Impatto', weight: 2.5, maxScore: 20 }, { name: 'Fattibilità' }] });
      const { createChallenge: c } = await gqlOk(api.url, CREATE_CHALLENGE, { input }, organizer.token);
      expect(c).toMatchObject({
        slug: `citta-piu-verde-2026-${promoterId.replace(/-/g, '').slice(0, 8)}`,
        title: 'Città più Verde 2026!',
        status: 'DRAFT',
        format: 'SCHOOL_CLIMATHON',
        reviewsPerIdea: 3,
        maxTeamSize: 30,
        blindJudging: false,
        rankingNormalization: 'ZSCORE',
        organizer: { id: promoterId, name: 'Camera di Commercio di Bologna' },
        submissionOpensAt: input.submissionOpensAt,
      });
      expect(c.themes.map((t: any) => t.name)).toEqual(['Mobilità sostenibile', 'Rifiuti e riuso']);
      expect(c.themes[0].description).toBe('Muoversi meglio');
      expect(c.criteria.map((k: any) => [k.name, k.weight, k.maxScore])).toEqual([
        ['Impatto', 2.5, 20],
        ['Fattibilità', 1, 10],
      ]);
    });

    it('makes the slug unique within the organizer with a numeric suffix', async () => {
      const title = `Green Hack ${Date.now().toString(36)}`;
      const base = `${title.toLowerCase().replace(/ /g, '-')}-${promoterId.replace(/-/g, '').slice(0, 8)}`;
      const slugs = [];
      for (let i = 0; i < 3; i++) slugs.push((await createChallenge(api.url, organizer, promoterId, { title })).slug);
      expect(slugs).toEqual([base, `${base}-2`, `${base}-3`]);
    });

    it("gives a challenge the same slug whatever other organizations' hidden drafts are called, and resolves it", async () => {
      const title = `Bozza segreta ${Date.now().toString(36)}`;
      const stranger = await signUp(api.url, { label: 'stranger' });
      const strangerOrg = await createOrganization(api.url, stranger, { kind: 'PROMOTER' });
      const hidden = await createChallenge(api.url, stranger, strangerOrg, { title });
      const mine = await createChallenge(api.url, organizer, promoterId, { title });
      // Only the organizer's own tag: nothing of the stranger's draft (no "-2").
      expect(mine.slug).toBe(`${title.toLowerCase().replace(/ /g, '-')}-${promoterId.replace(/-/g, '').slice(0, 8)}`);
      expect(hidden.slug).not.toBe(mine.slug);
      expect((await gqlOk(api.url, GET, { slug: mine.slug }, organizer.token)).challenge.id).toBe(mine.id);
      expect((await gqlError(api.url, GET, { slug: hidden.slug }, organizer.token)).code).toBe('NOT_FOUND');
    });

    it('accepts every organization member (not only owners) and admins', async () => {
      await gqlOk(api.url, CREATE_CHALLENGE, { input: challengeInput(promoterId) }, colleague.token);
      await gqlOk(api.url, CREATE_CHALLENGE, { input: challengeInput(promoterId) }, admin.token);
    });

    const invalid: [string, Record<string, unknown>][] = [
      ['title', { title: 'ab' }],
      ['title', { title: 'x'.repeat(201) }],
      ['description', { description: '   ' }],
      ['description', { description: 'd'.repeat(10_001) }],
      ['submissionClosesAt', { submissionClosesAt: new Date(Date.now() - 2 * 3600_000).toISOString() }],
      ['judgingClosesAt', { judgingClosesAt: new Date(Date.now() + DAY).toISOString() }],
      ['reviewsPerIdea', { reviewsPerIdea: 0 }],
      ['reviewsPerIdea', { reviewsPerIdea: 11 }],
      ['maxTeamSize', { maxTeamSize: 0 }],
      ['maxTeamSize', { maxTeamSize: 61 }],
      ['themes', { themes: [] }],
      ['criteria', { criteria: [] }],
      ['themes.1.name', { themes: [{ name: 'ok' }, { name: '' }] }],
      ['themes.0.name', { themes: [{ name: 'n'.repeat(121) }] }],
      ['criteria.0.name', { criteria: [{ name: '' }] }],
      ['criteria.0.weight', { criteria: [{ name: 'Impatto', weight: 0 }] }],
      ['criteria.1.weight', { criteria: [{ name: 'Impatto' }, { name: 'Costo', weight: -1 }] }],
      ['criteria.0.maxScore', { criteria: [{ name: 'Impatto', maxScore: 0 }] }],
      ['criteria.0.maxScore', { criteria: [{ name: 'Impatto', maxScore: 101 }] }],
      // Issue 17.7: bounded weights (0 < w <= 100, two decimals) and one-line names and titles.
      ['criteria.0.weight', { criteria: [{ name: 'Impatto', weight: 1e308 }] }],
      ['criteria.0.weight', { criteria: [{ name: 'Impatto', weight: 100.01 }] }],
      ['criteria.0.weight', { criteria: [{ name: 'Impatto', weight: 0.001 }] }],
      ['criteria.0.weight', { criteria: [{ name: 'Impatto', weight: -1e308 }] }],
      ['title', { title: 'Climathon\r\nBcc: tutti' }],
      ['title', { title: 'Climathon\rScuole' }],
      ['themes.0.name', { themes: [{ name: 'Acqua\npulita' }] }],
      ['criteria.0.name', { criteria: [{ name: 'Impatto\u0007' }] }],
      ['title', { title: 'Climathon \u202Eiloc' }],
    ];
    it.each(invalid)('refuses an invalid %s with BAD_USER_INPUT and stores nothing', async (field, override) => {
      const before = [await count('challenge'), await count('theme'), await count('criterion')];
      const error = await gqlError(api.url, CREATE_CHALLENGE, { input: challengeInput(promoterId, override) }, organizer.token);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect([await count('challenge'), await count('theme'), await count('criterion')]).toEqual(before);
    });

    it('accepts the boundaries: maxScore 1 and 100, reviewsPerIdea 10, maxTeamSize 1 and 60', async () => {
      await createChallenge(api.url, organizer, promoterId, {
        reviewsPerIdea: 10,
        maxTeamSize: 60,
        criteria: [
          { name: 'a', maxScore: 1 },
          { name: 'b', maxScore: 100, weight: 0.01 },
          { name: 'c', maxScore: 100, weight: 100 },
        ],
      });
      await createChallenge(api.url, organizer, promoterId, { reviewsPerIdea: 1, maxTeamSize: 1 });
    });

    it('answers FORBIDDEN to a non-member, NOT_FOUND for an unknown organization, UNAUTHENTICATED without a token', async () => {
      const before = await count('challenge');
      expect((await gqlError(api.url, CREATE_CHALLENGE, { input: challengeInput(promoterId) }, outsider.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, CREATE_CHALLENGE, { input: challengeInput(UNKNOWN) }, organizer.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, CREATE_CHALLENGE, { input: challengeInput('nope') }, organizer.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, CREATE_CHALLENGE, { input: challengeInput(promoterId) })).code).toBe('UNAUTHENTICATED');
      expect(await count('challenge')).toBe(before);
    });
  });

  describe('visibility', () => {
    it('shows a DRAFT to its organizers and admins only, by id and by slug; a PUBLISHED challenge to everyone', async () => {
      const draft = await createChallenge(api.url, organizer, promoterId, { title: 'Bozza segreta' });
      for (const token of [organizer.token, colleague.token, admin.token]) {
        expect((await gqlOk(api.url, GET, { id: draft.id }, token)).challenge.id).toBe(draft.id);
        expect((await gqlOk(api.url, GET, { slug: draft.slug }, token)).challenge.id).toBe(draft.id);
      }
      for (const token of [outsider.token, undefined]) {
        expect((await gqlError(api.url, GET, { id: draft.id }, token)).code).toBe('NOT_FOUND');
        expect((await gqlError(api.url, GET, { slug: draft.slug }, token)).code).toBe('NOT_FOUND');
      }
      await publishChallenge(api.url, organizer, draft.id);
      expect((await gqlOk(api.url, GET, { slug: draft.slug })).challenge).toMatchObject({ id: draft.id, status: 'PUBLISHED' });
      expect((await gqlOk(api.url, GET, { id: draft.id }, outsider.token)).challenge.themes).toHaveLength(2);
    });

    it('answers NOT_FOUND for unknown or malformed ids and slugs, a mismatched id and slug, and BAD_USER_INPUT for neither', async () => {
      const { challenge } = await publishedChallenge(api.url);
      expect((await gqlError(api.url, GET, { id: UNKNOWN })).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, GET, { id: 'x' })).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, GET, { slug: 'no-such-challenge' })).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, GET, { id: challenge.id, slug: 'other' })).code).toBe('NOT_FOUND');
      expect(await gqlError(api.url, GET, {})).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    });
  });

  describe('challenges list', () => {
    it('hides DRAFTs from anonymous callers and outsiders, shows them to their organizers and admins', async () => {
      const draft = await createChallenge(api.url, organizer, promoterId, { title: 'Bozza in lista' });
      const { challenge: published } = await publishedChallenge(api.url);
      const anonymous = await listAll();
      expect(anonymous).toContain(published.id);
      expect(anonymous).not.toContain(draft.id);
      expect(await listAll(outsider.token)).not.toContain(draft.id);
      expect(await listAll(colleague.token)).toContain(draft.id);
      expect(await listAll(admin.token)).toContain(draft.id);
      expect(await listAll(undefined, 'DRAFT')).toEqual([]);
      expect(await listAll(organizer.token, 'DRAFT')).toContain(draft.id);
      expect(await listAll(organizer.token, 'PUBLISHED')).not.toContain(draft.id);
    });

    it("filters by organizer: that organization's challenges only, its DRAFTs still for its members only", async () => {
      const BY_ORGANIZER = `query($organizerId: ID, $first: Int) { challenges(organizerId: $organizerId, first: $first) { totalCount edges { node { id organizer { id } } } } }`;
      const ownPromoter = await createOrganization(api.url, organizer, { name: 'Filtro Promotore', kind: 'PROMOTER' });
      const draft = await createChallenge(api.url, organizer, ownPromoter, { title: 'Bozza filtrata' });
      const published = await createChallenge(api.url, organizer, ownPromoter, { title: 'Pubblicata filtrata' });
      await publishChallenge(api.url, organizer, published.id);
      await publishedChallenge(api.url, { title: 'Di un altro promotore' });
      const ids = async (token?: string, organizerId: string = ownPromoter) => {
        const data = await gqlOk(api.url, BY_ORGANIZER, { organizerId, first: 100 }, token);
        expect(data.challenges.edges.every((e: any) => e.node.organizer.id === organizerId)).toBe(true);
        expect(data.challenges.totalCount).toBe(data.challenges.edges.length);
        return data.challenges.edges.map((e: any) => e.node.id);
      };
      expect(await ids(organizer.token)).toEqual([published.id, draft.id]);
      expect(await ids(outsider.token)).toEqual([published.id]);
      expect(await ids()).toEqual([published.id]);
      expect(await ids(organizer.token, UNKNOWN)).toEqual([]);
      expect(await ids(organizer.token, 'not-a-uuid')).toEqual([]);
    });

    it('pages newest first with keyset cursors and totalCount', async () => {
      const total = (await gqlOk(api.url, LIST, { first: 1 })).challenges.totalCount;
      const created: string[] = [];
      for (let i = 0; i < 3; i++) created.push((await publishedChallenge(api.url, { title: `Pagina ${i}` })).challenge.id);
      const page1 = (await gqlOk(api.url, LIST, { first: 2 })).challenges;
      expect(page1.totalCount).toBe(total + 3);
      expect(page1.edges.map((e: any) => e.node.id)).toEqual([created[2], created[1]]);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = (await gqlOk(api.url, LIST, { first: 2, after: page1.pageInfo.endCursor })).challenges;
      expect(page2.edges[0].node.id).toBe(created[0]);
      expect(page2.totalCount).toBe(total + 3);
      const published = (await gqlOk(api.url, LIST, { first: 100, status: 'PUBLISHED' })).challenges;
      expect(published.edges.every((e: any) => e.node.status === 'PUBLISHED')).toBe(true);
    });

    it('refuses page sizes outside 1..100 and malformed cursors', async () => {
      expect(await gqlError(api.url, LIST, { first: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(await gqlError(api.url, LIST, { first: 101 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(await gqlError(api.url, LIST, { after: 'garbage' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(await gqlError(api.url, LIST, { after: Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url') })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });
  });

  describe('updateChallenge', () => {
    it('changes the given fields of a DRAFT or PUBLISHED challenge and keeps the others (and the slug)', async () => {
      const c = await createChallenge(api.url, organizer, promoterId, { title: 'Da modificare' });
      const closes = new Date(Date.now() + 10 * DAY).toISOString();
      const { updateChallenge: u } = await gqlOk(
        api.url,
        UPDATE,
        { input: { id: c.id, title: 'Modificata', submissionClosesAt: closes, maxTeamSize: 5, blindJudging: true, rankingNormalization: 'NONE' } },
        colleague.token,
      );
      expect(u).toMatchObject({
        title: 'Modificata',
        slug: c.slug,
        submissionClosesAt: closes,
        maxTeamSize: 5,
        blindJudging: true,
        rankingNormalization: 'NONE',
        reviewsPerIdea: 3,
      });
      await publishChallenge(api.url, organizer, c.id);
      expect((await gqlOk(api.url, UPDATE, { input: { id: c.id, reviewsPerIdea: 5 } }, organizer.token)).updateChallenge.reviewsPerIdea).toBe(5);
      expect((await gqlOk(api.url, UPDATE, { input: { id: c.id, description: 'Nuova' } }, admin.token)).updateChallenge.description).toBe('Nuova');
    });

    it('validates the merged values and stores nothing on failure', async () => {
      const c = await createChallenge(api.url, organizer, promoterId);
      const after = new Date(Date.now() + 30 * DAY).toISOString();
      for (const [field, patch] of [
        ['judgingClosesAt', { submissionClosesAt: after }],
        ['submissionClosesAt', { submissionOpensAt: after }],
        ['title', { title: 'x' }],
        ['description', { description: '' }],
        ['reviewsPerIdea', { reviewsPerIdea: 11 }],
        ['maxTeamSize', { maxTeamSize: 61 }],
      ] as const) {
        expect(await gqlError(api.url, UPDATE, { input: { id: c.id, ...patch } }, organizer.token)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      const stored = (await gqlOk(api.url, GET, { id: c.id }, organizer.token)).challenge;
      expect(stored).toMatchObject({ title: 'Climathon Scuole Bologna', reviewsPerIdea: 3, maxTeamSize: 30 });
    });

    it('refuses a maxTeamSize below the largest team', async () => {
      const { organizer: owner, challenge } = await publishedChallenge(api.url);
      const { teacher, schoolId } = await school(api.url);
      const team = await createTeam(api.url, teacher, { challengeId: challenge.id, schoolId });
      await student(api.url, team.joinCode);
      await student(api.url, team.joinCode);
      expect(await gqlError(api.url, UPDATE, { input: { id: challenge.id, maxTeamSize: 2 } }, owner.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxTeamSize' });
      expect((await gqlOk(api.url, UPDATE, { input: { id: challenge.id, maxTeamSize: 3 } }, owner.token)).updateChallenge.maxTeamSize).toBe(3);
    });

    it('answers NOT_FOUND for a DRAFT of others and unknown ids, FORBIDDEN for a published one, FAILED_PRECONDITION from JUDGING on', async () => {
      const draft = await createChallenge(api.url, organizer, promoterId);
      expect((await gqlError(api.url, UPDATE, { input: { id: draft.id, title: 'Hack' } }, outsider.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, UPDATE, { input: { id: UNKNOWN, title: 'Hack' } }, organizer.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, UPDATE, { input: { id: 'bad', title: 'Hack' } }, organizer.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, UPDATE, { input: { id: draft.id, title: 'Hack' } })).code).toBe('UNAUTHENTICATED');
      await publishChallenge(api.url, organizer, draft.id);
      expect((await gqlError(api.url, UPDATE, { input: { id: draft.id, title: 'Hack' } }, outsider.token)).code).toBe('FORBIDDEN');
      for (const status of ['JUDGING', 'RESULTS_PUBLISHED', 'CLOSED'] as const) {
        await forceStatus(db, draft.id, status);
        expect((await gqlError(api.url, UPDATE, { input: { id: draft.id, title: 'Tardi' } }, organizer.token)).code).toBe('FAILED_PRECONDITION');
      }
      expect((await db.query(`SELECT title FROM challenge WHERE id = $1`, [draft.id]))[0].title).toBe('Climathon Scuole Bologna');
    });
  });

  describe('updateChallenge themes and criteria', () => {
    const structure = async (id: string) =>
      (await gqlOk(api.url, `query($id: ID!) { challenge(id: $id) { themes { id name description } criteria { id name weight maxScore } } }`, { id }, organizer.token)).challenge;

    it('replaces the lists in order: ids keep (and rename) their rows, new items are added, left-out ones removed', async () => {
      const draft = await createChallenge(api.url, organizer, promoterId);
      const before = await structure(draft.id);
      const [mobility, waste] = before.themes;
      const [impact] = before.criteria;
      const themes = [{ name: 'Acqua' }, { id: waste.id, name: 'Rifiuti zero', description: 'Meno rifiuti' }, { id: mobility.id, name: mobility.name }];
      const criteria = [{ id: impact.id, name: 'Impatto ambientale', weight: 3, maxScore: 5 }];
      await gqlOk(api.url, UPDATE, { input: { id: draft.id, themes, criteria } }, organizer.token);
      const after = await structure(draft.id);
      expect(after.themes.map((t: any) => [t.name, t.description])).toEqual([
        ['Acqua', null],
        ['Rifiuti zero', 'Meno rifiuti'],
        [mobility.name, null],
      ]);
      expect(after.themes.slice(1).map((t: any) => t.id)).toEqual([waste.id, mobility.id]);
      expect(after.criteria).toEqual([{ id: impact.id, name: 'Impatto ambientale', weight: 3, maxScore: 5 }]);
      expect(await db.query(`SELECT 1 FROM criterion WHERE challenge_id = $1`, [draft.id])).toHaveLength(1);
    });

    it('keeps a theme with ideas, refuses a foreign id or an empty list, and changes nothing when it refuses', async () => {
      const { organizer: owner, challenge } = await publishedChallenge(api.url);
      const { teacher, schoolId } = await school(api.url);
      const team = await createTeam(api.url, teacher, { challengeId: challenge.id, schoolId });
      const [used, free] = challenge.themes;
      await saveIdea(api.url, teacher, ideaInput(team.id, used!.id));
      const other = await structure((await createChallenge(api.url, organizer, promoterId)).id);
      const before = (await gqlOk(api.url, GET, { id: challenge.id }, owner.token)).challenge;
      const refusals: [Record<string, unknown>, Record<string, unknown>][] = [
        [{ themes: [{ id: free!.id, name: free!.name }] }, { code: 'FAILED_PRECONDITION', field: 'themes' }],
        [
          {
            themes: [
              { id: used!.id, name: 'Uno' },
              { id: used!.id, name: 'Due' },
            ],
          },
          { code: 'BAD_USER_INPUT', field: 'themes.1.id' },
        ],
        [{ themes: [{ id: other.themes[0].id, name: 'Altrui' }] }, { code: 'BAD_USER_INPUT', field: 'themes.0.id' }],
        [{ criteria: [{ id: 'not-an-id', name: 'X' }] }, { code: 'BAD_USER_INPUT', field: 'criteria.0.id' }],
        [{ themes: [] }, { code: 'BAD_USER_INPUT', field: 'themes' }],
        [
          { title: 'Nuovo titolo', criteria: [{ name: 'Peso enorme', weight: 1e308 }] },
          { code: 'BAD_USER_INPUT', field: 'criteria.0.weight' },
        ],
      ];
      for (const [change, error] of refusals) {
        expect(await gqlError(api.url, UPDATE, { input: { id: challenge.id, ...change } }, owner.token)).toMatchObject(error);
      }
      expect((await gqlOk(api.url, GET, { id: challenge.id }, owner.token)).challenge).toEqual(before);
      // Renaming the used theme keeps its idea filed under it.
      await gqlOk(api.url, UPDATE, { input: { id: challenge.id, themes: [{ id: used!.id, name: 'Mobilità dolce' }] } }, owner.token);
      expect(await db.query(`SELECT th.name FROM idea i JOIN theme th ON th.id = i.theme_id WHERE i.team_id = $1`, [team.id])).toEqual([{ name: 'Mobilità dolce' }]);
    });
  });

  describe('publishChallenge and closeChallenge', () => {
    it('publishes a DRAFT once; a second publish is FAILED_PRECONDITION', async () => {
      const c = await createChallenge(api.url, organizer, promoterId);
      expect((await gqlOk(api.url, PUBLISH, { id: c.id }, colleague.token)).publishChallenge.status).toBe('PUBLISHED');
      expect((await gqlError(api.url, PUBLISH, { id: c.id }, organizer.token)).code).toBe('FAILED_PRECONDITION');
    });

    it('answers NOT_FOUND to outsiders on a DRAFT, FORBIDDEN on a published challenge, UNAUTHENTICATED anonymously', async () => {
      const c = await createChallenge(api.url, organizer, promoterId);
      expect((await gqlError(api.url, PUBLISH, { id: c.id }, outsider.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, PUBLISH, { id: c.id })).code).toBe('UNAUTHENTICATED');
      expect((await gqlError(api.url, PUBLISH, { id: UNKNOWN }, organizer.token)).code).toBe('NOT_FOUND');
      expect((await db.query(`SELECT status FROM challenge WHERE id = $1`, [c.id]))[0].status).toBe('DRAFT');
      await gqlOk(api.url, PUBLISH, { id: c.id }, admin.token);
      expect((await gqlError(api.url, CLOSE, { id: c.id }, outsider.token)).code).toBe('FORBIDDEN');
    });

    it('closes only a RESULTS_PUBLISHED challenge', async () => {
      const c = await createChallenge(api.url, organizer, promoterId);
      expect((await gqlError(api.url, CLOSE, { id: c.id }, organizer.token)).code).toBe('FAILED_PRECONDITION');
      await publishChallenge(api.url, organizer, c.id);
      expect((await gqlError(api.url, CLOSE, { id: c.id }, organizer.token)).code).toBe('FAILED_PRECONDITION');
      await forceStatus(db, c.id, 'JUDGING');
      expect((await gqlError(api.url, CLOSE, { id: c.id }, organizer.token)).code).toBe('FAILED_PRECONDITION');
      await forceStatus(db, c.id, 'RESULTS_PUBLISHED');
      expect((await gqlOk(api.url, CLOSE, { id: c.id }, organizer.token)).closeChallenge.status).toBe('CLOSED');
      expect((await gqlError(api.url, CLOSE, { id: c.id }, organizer.token)).code).toBe('FAILED_PRECONDITION');
      // Public from PUBLISHED on, whatever the later status.
      expect((await gqlOk(api.url, GET, { id: c.id })).challenge.status).toBe('CLOSED');
    });
  });
});
