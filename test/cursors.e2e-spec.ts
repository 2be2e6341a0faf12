// Issue 17, item 3: cursors are opaque and unforgeable on every paginated list (docs/rules.md "Errors": a cursor reveals
// nothing of the row and a cursor the service did not issue is BAD_USER_INPUT), and under blind judging a juror who
// does not organize the challenge sees Challenge.teams as its count only (docs/rules.md "Ideas").
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import { addTeacher } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import type { TestUser } from './helpers/factories.js';
import { gql, gqlError, gqlOk } from './helpers/graphql.js';
import { addJuror, judgingFixture, newJuror, type JudgingFixture } from './helpers/judging-factories.js';

const CONNECTION = `totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }`;

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

/** One paginated list of the API: how to ask it for a page, as whom, and where the connection is in the answer. */
interface List {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
  viewer: () => TestUser | undefined;
  connection: (data: any) => Connection;
  /** A readable cursor of the old format ([sort key, id] as base64url JSON) for a node of this list. */
  legacy: (nodeId: string) => unknown[];
}

const readable = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** The cursor with one bit of its byte `index` (counted from the end when negative) flipped. */
function flipBit(cursor: string, index: number): string {
  const raw = Buffer.from(cursor, 'base64url');
  const at = index < 0 ? raw.length + index : index;
  raw[at] = raw[at]! ^ 0x01;
  return raw.toString('base64url');
}

describe('opaque cursors and blind team lists (issue 17.3)', () => {
  let api: RunningApi;
  let db: DataSource;
  /** A blind challenge: three teams of one school, one juror who organizes nothing. */
  let blind: JudgingFixture;
  /** A second challenge, not blind, with a juror of its own. */
  let open: JudgingFixture;
  /** A member of the blind challenge's organizer who is also one of its jurors. */
  let organizingJuror: TestUser;

  const lists: List[] = [
    {
      name: 'Query.challenges',
      query: `query($first: Int, $after: String) { challenges(first: $first, after: $after) { ${CONNECTION} } }`,
      variables: () => ({}),
      viewer: () => undefined,
      connection: (d) => d.challenges,
      legacy: (id) => [new Date().toISOString(), id],
    },
    {
      name: 'Query.organizations',
      query: `query($first: Int, $after: String) { organizations(first: $first, after: $after) { ${CONNECTION} } }`,
      variables: () => ({}),
      viewer: () => undefined,
      connection: (d) => d.organizations,
      legacy: (id) => [1, id.slice(0, 8)], // answered INTERNAL_SERVER_ERROR before: a number against a name, a bad uuid
    },
    {
      name: 'Query.ideas',
      query: `query($first: Int, $after: String, $filter: IdeaFilter) { ideas(first: $first, after: $after, filter: $filter) { ${CONNECTION} } }`,
      variables: () => ({ filter: { challengeId: blind.challenge.id } }),
      viewer: () => blind.teacher,
      connection: (d) => d.ideas,
      legacy: (id) => ['1', id], // a "time" Date.parse reads and PostgreSQL does not
    },
    {
      name: 'Query.ideas (search)',
      query: `query($first: Int, $after: String, $filter: IdeaFilter) { ideas(first: $first, after: $after, filter: $filter) { ${CONNECTION} } }`,
      variables: () => ({ filter: { challengeId: blind.challenge.id, search: 'plastica' } }),
      viewer: () => blind.teacher,
      connection: (d) => d.ideas,
      legacy: (id) => [0.5, id],
    },
    {
      name: 'Challenge.ideas',
      query: `query($id: ID, $first: Int, $after: String) { challenge(id: $id) { ideas(first: $first, after: $after) { ${CONNECTION} } } }`,
      variables: () => ({ id: blind.challenge.id }),
      viewer: () => blind.organizer,
      connection: (d) => d.challenge.ideas,
      legacy: (id) => [new Date().toISOString(), id],
    },
    {
      name: 'Challenge.teams',
      query: `query($id: ID, $first: Int, $after: String) { challenge(id: $id) { teams(first: $first, after: $after) { ${CONNECTION} } } }`,
      variables: () => ({ id: blind.challenge.id }),
      viewer: () => blind.organizer,
      connection: (d) => d.challenge.teams,
      legacy: (id) => [new Date(0).toISOString(), id],
    },
    {
      name: 'Query.myNotifications',
      query: `query($first: Int, $after: String) { myNotifications(first: $first, after: $after) { ${CONNECTION} } }`,
      variables: () => ({}),
      viewer: () => blind.teacher,
      connection: (d) => d.myNotifications,
      legacy: (id) => [new Date().toISOString(), id],
    },
  ];

  const page = async (list: List, first: number, after?: string | null, viewer = list.viewer()): Promise<Connection> =>
    list.connection(await gqlOk(api.url, list.query, { ...list.variables(), first, after }, viewer?.token));
  const refusal = (list: List, after: string, viewer = list.viewer()) => gqlError(api.url, list.query, { ...list.variables(), first: 1, after }, viewer?.token);
  /** A valid cursor of another list than `list`. */
  const foreignCursor = async (list: List) =>
    (
      await page(
        lists.find((l) => l.name !== list.name && l.name !== `${list.name} (search)`)!,
        1,
      )
    ).pageInfo.endCursor!;

  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
    blind = await judgingFixture(api.url, { ideas: 3, jurors: 1, overrides: { blindJudging: true, reviewsPerIdea: 1 } });
    open = await judgingFixture(api.url, { ideas: 2, jurors: 1, overrides: { reviewsPerIdea: 1 } });
    organizingJuror = await addTeacher(api.url, blind.organizer, blind.promoterId);
    await addJuror(api.url, blind.organizer, blind.challenge.id, organizingJuror);
    // Three notifications for the teacher, a millisecond apart (no worker runs here).
    for (let i = 0; i < 3; i++) {
      await db.query(
        `INSERT INTO notification (recipient_id, event_id, kind, title, body, locale, path, created_at) VALUES ($1, $2, 'TEAM_MEMBER_JOINED', 'Titolo', 'Testo', 'it', '/notifications', now() - make_interval(secs => $3))`,
        [blind.teacher.id, randomUUID(), i],
      );
    }
  });

  afterAll(async () => {
    await db?.destroy();
    await api?.close();
  });

  describe.each(lists.map((list) => [list.name, list] as const))('%s', (_name, list) => {
    it('pages with the cursors it issued: one row a page gives the whole list, in order', async () => {
      const all = await page(list, 100);
      expect(all.edges.length).toBeGreaterThanOrEqual(2);
      // The run's other files may leave more than a page of rows: walk as far as the first page of 100 reaches.
      const walked: string[] = [];
      let after: string | null = null;
      let more = true;
      while (walked.length < all.edges.length && more) {
        const next = await page(list, 1, after);
        walked.push(...next.edges.map((e) => e.node.id));
        more = next.pageInfo.hasNextPage;
        after = next.pageInfo.endCursor;
      }
      expect(walked).toEqual(all.edges.map((e) => e.node.id));
      expect(more).toBe(all.pageInfo.hasNextPage);
      if (all.pageInfo.hasNextPage) expect(all.totalCount).toBeGreaterThan(all.edges.length);
      else expect(all.totalCount).toBe(all.edges.length);
    });

    it('issues cursors that reveal nothing of the row (no id, no time) and differ each time', async () => {
      const first = await page(list, 1);
      const cursor = first.pageInfo.endCursor!;
      expect(first.edges[0]!.cursor).toBe(cursor);
      const bytes = Buffer.from(cursor, 'base64url').toString('latin1');
      const id = first.edges[0]!.node.id;
      for (const text of [cursor, bytes]) {
        expect(text).not.toContain(id.slice(0, 8));
        expect(text).not.toMatch(/20\d\d-\d\d-\d\d/);
        expect(text).not.toMatch(/^\[/);
      }
      expect((await page(list, 1)).pageInfo.endCursor).not.toBe(cursor);
    });

    it('refuses a garbage, truncated, bit-flipped, readable or foreign cursor with BAD_USER_INPUT on after', async () => {
      const valid = (await page(list, 1)).pageInfo.endCursor!;
      const nodeId = (await page(list, 1)).edges[0]!.node.id;
      const bad = {
        garbage: 'garbage',
        'not base64url': `${valid.slice(0, 10)}*!`,
        truncated: valid.slice(0, -3),
        'a flipped bit in the nonce': flipBit(valid, 0),
        'a flipped bit in the sealed row': flipBit(valid, 14),
        'a flipped bit in the tag': flipBit(valid, -1),
        'the readable format of before': readable(list.legacy(nodeId)),
        'an empty JSON list': readable([]),
        'too long': 'A'.repeat(2000),
        'another list': await foreignCursor(list),
      };
      for (const [label, after] of Object.entries(bad)) {
        const result = await gql(api.url, list.query, { ...list.variables(), first: 1, after }, list.viewer()?.token);
        expect({ label, code: result.errors?.[0]?.extensions?.code, field: result.errors?.[0]?.extensions?.field }).toEqual({ label, code: 'BAD_USER_INPUT', field: 'after' });
        expect(result.errors).toHaveLength(1);
      }
    });
  });

  it("refuses a cursor of one challenge's list in another challenge's", async () => {
    const teams = lists.find((l) => l.name === 'Challenge.teams')!;
    const ideas = lists.find((l) => l.name === 'Challenge.ideas')!;
    const otherTeams = (await gqlOk(api.url, teams.query, { id: open.challenge.id, first: 1 }, open.organizer.token)).challenge.teams.pageInfo.endCursor;
    const otherIdeas = (await gqlOk(api.url, ideas.query, { id: open.challenge.id, first: 1 }, open.organizer.token)).challenge.ideas.pageInfo.endCursor;
    expect(await refusal(teams, otherTeams)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await refusal(ideas, otherIdeas)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    // A gallery cursor (Query.ideas) is not one of Challenge.ideas either, and a search cursor not one of the newest-first order.
    const gallery = (
      await page(
        lists.find((l) => l.name === 'Query.ideas')!,
        1,
      )
    ).pageInfo.endCursor!;
    expect(await refusal(ideas, gallery)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const search = (
      await page(
        lists.find((l) => l.name === 'Query.ideas (search)')!,
        1,
      )
    ).pageInfo.endCursor!;
    expect(
      await refusal(
        lists.find((l) => l.name === 'Query.ideas')!,
        search,
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it("refuses another user's notification cursor", async () => {
    const notifications = lists.find((l) => l.name === 'Query.myNotifications')!;
    const teachers = (await page(notifications, 1)).pageInfo.endCursor!;
    expect(await refusal(notifications, teachers, blind.organizer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  describe('Challenge.teams under blind judging', () => {
    const TEAMS = `query($id: ID, $after: String) { challenge(id: $id) { teams(first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name className school { id } } } } } }`;
    const teams = async (viewer: TestUser | undefined, id = blind.challenge.id, after?: string) => (await gqlOk(api.url, TEAMS, { id, after }, viewer?.token)).challenge.teams;
    const names = (connection: any) => connection.edges.map((e: any) => e.node.name).sort();

    it('shows a juror who does not organize the challenge only the count: no names, classes, schools or cursors', async () => {
      expect(await teams(blind.jurors[0]!.user)).toEqual({ totalCount: 3, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
      // Not even with a cursor an organizer was given, nor in the list of challenges.
      const cursor = (await gqlOk(api.url, TEAMS.replace('first: 10', 'first: 1'), { id: blind.challenge.id }, blind.organizer.token)).challenge.teams.pageInfo.endCursor;
      expect(await teams(blind.jurors[0]!.user, blind.challenge.id, cursor)).toEqual({ totalCount: 3, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
      const listed = (
        await gqlOk(api.url, `{ challenges(first: 100) { edges { node { id teams(first: 10) { totalCount edges { node { name } } } } } } }`, {}, blind.jurors[0]!.user.token)
      ).challenges.edges.find((e: any) => e.node.id === blind.challenge.id).node.teams;
      expect(listed).toEqual({ totalCount: 3, edges: [] });
      // A forged cursor is still refused.
      expect((await gqlError(api.url, TEAMS, { id: blind.challenge.id, after: 'forged' }, blind.jurors[0]!.user.token)).code).toBe('BAD_USER_INPUT');
    });

    it('shows the teams to the organizers (also one who is a juror), the coach and outsiders', async () => {
      const all = ['Squadra 0', 'Squadra 1', 'Squadra 2'];
      for (const viewer of [blind.organizer, organizingJuror, blind.teacher, undefined]) {
        const connection = await teams(viewer);
        expect(connection.totalCount).toBe(3);
        expect(names(connection)).toEqual(all);
      }
      expect((await teams(blind.organizer)).edges.every((e: any) => e.node.school?.id === blind.schoolId)).toBe(true);
    });

    it('shows the teams of a challenge without blind judging to its jurors', async () => {
      expect(names(await teams(open.jurors[0]!.user, open.challenge.id))).toEqual(['Squadra 0', 'Squadra 1']);
      // A juror of the blind challenge only is no juror of this one either.
      const outsider = await newJuror(api.url, blind.organizer, blind.challenge.id, 'blind-only');
      expect(names(await teams(outsider.user, open.challenge.id))).toEqual(['Squadra 0', 'Squadra 1']);
      expect((await teams(outsider.user)).edges).toEqual([]);
    });
  });
});
