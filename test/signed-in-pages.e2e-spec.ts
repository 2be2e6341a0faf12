// The signed-in pages that `npm run bench` measures (bench/signed-in-pages.bench.ts): a juror's assignments page and a
// student's team page read everything they show in a fixed number of SQL statements, whatever the page's size, and
// answer what the per-field resolvers answered before (the same access rules: blind judging, names, members).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import { createTeam, ideaInput, publishedChallenge, saveIdea, school, student } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { gql, gqlOk } from './helpers/graphql.js';
import { judgingFixture, myAssignments, startJudging, submitReview, uniformScores } from './helpers/judging-factories.js';

const ASSIGNMENTS_PAGE = `query($id: ID!) {
  myAssignments(challengeId: $id) { id status dueAt idea { id title summary team { id } theme { name } } review { total submittedAt } }
}`;
const TEAM_PAGE = `query($id: ID!) {
  team(id: $id) { id name memberCount school { name } members { role user { id displayName } } idea { id title status version theme { name } } }
  myNotifications(first: 1, unreadOnly: true) { unreadCount }
}`;

describe('signed-in pages in a fixed number of statements', () => {
  let api: RunningApi;
  let db: DataSource;
  const statements: string[] = [];
  let restore = () => undefined as void;

  /**
   * The statements the API sends for one request (TypeORM's and the prepared readers alike go through its logger),
   * after a first run: a session's first request also reads its refresh family (then cached in Redis).
   */
  const counted = async <T>(run: () => Promise<T>): Promise<{ result: T; count: number }> => {
    await run();
    statements.length = 0;
    const result = await run();
    return { result, count: statements.length };
  };

  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
    const logger = api.app.get(DataSource).logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, queryRunner) => {
      statements.push(query);
      original(query, parameters, queryRunner);
    };
    restore = () => void (logger.logQuery = original);
  });
  afterAll(async () => {
    restore();
    await api?.close();
    await db?.destroy();
  });

  it("answers a juror's assignments with ideas, themes and reviews, the same statements for 2 and 6 of them", async () => {
    const small = await judgingFixture(api.url, { ideas: 2, jurors: 2 });
    const large = await judgingFixture(api.url, { ideas: 6, jurors: 2 });
    for (const fx of [small, large]) await startJudging(api.url, fx.organizer, fx.challenge.id);
    const juror = large.jurors[0]!.user;
    const [first] = await myAssignments(api.url, juror, large.challenge.id);
    await submitReview(api.url, juror, first.id, uniformScores(large.challenge, 7));

    const page = async (fx: typeof small) => (await gqlOk(api.url, ASSIGNMENTS_PAGE, { id: fx.challenge.id }, fx.jurors[0]!.user.token)).myAssignments as any[];
    const one = await counted(() => page(small));
    const many = await counted(() => page(large));
    expect(one.result).toHaveLength(2);
    expect(many.result).toHaveLength(6);
    expect(many.count).toBe(one.count);
    expect(many.count).toBeLessThanOrEqual(3); // the challenge, the assignments with everything they show

    // What the page shows, against the database.
    const rows: { id: string; status: string; title: string; summary: string; team_id: string; theme: string; total: number | null }[] = await db.query(
      `SELECT ra.id, ra.status, i.title, i.summary, i.team_id, th.name AS theme, r.total
         FROM review_assignment ra JOIN juror j ON j.id = ra.juror_id JOIN idea i ON i.id = ra.idea_id JOIN theme th ON th.id = i.theme_id
         LEFT JOIN review r ON r.assignment_id = ra.id
        WHERE ra.challenge_id = $1 AND j.user_id = $2 ORDER BY ra.created_at, ra.id`,
      [large.challenge.id, juror.id],
    );
    expect(many.result.map((a) => [a.id, a.status, a.idea.title, a.idea.summary, a.idea.team.id, a.idea.theme.name, a.review?.total ?? null])).toEqual(
      rows.map((r) => [r.id, r.status, r.title, r.summary, r.team_id, r.theme, r.total === null ? null : Math.round(r.total * 100) / 100]), // scores leave the API to two decimals
    );
    expect(many.result.filter((a) => a.review)).toHaveLength(1);
  });

  it('hides the teams of a blind challenge from its jurors on the assignments page, as Idea.team does', async () => {
    const fx = await judgingFixture(api.url, { ideas: 2, jurors: 2, overrides: { blindJudging: true } });
    await startJudging(api.url, fx.organizer, fx.challenge.id);
    const page = (await gqlOk(api.url, ASSIGNMENTS_PAGE, { id: fx.challenge.id }, fx.jurors[0]!.user.token)).myAssignments as any[];
    expect(page).toHaveLength(2);
    for (const assignment of page) {
      expect(assignment.idea.team).toBeNull();
      expect(assignment.idea.theme.name).toBe(fx.challenge.themes[0]!.name);
    }
  });

  it("answers a student's team page with school, members, idea and unread count, the same statements for 2 and 5 members", async () => {
    const { challenge } = await publishedChallenge(api.url, { maxTeamSize: 10 });
    const { teacher, schoolId } = await school(api.url, { name: 'Liceo Galvani' });
    const pages: { team: { id: string; joinCode: string }; reader: Awaited<ReturnType<typeof student>>; size: number }[] = [];
    for (const size of [2, 5]) {
      const team = await createTeam(api.url, teacher, { challengeId: challenge.id, schoolId, name: `Squadra da ${size}` });
      const students = [];
      for (let i = 0; i < size - 1; i++) students.push(await student(api.url, team.joinCode, `member${i}`));
      await saveIdea(api.url, students[0]!, ideaInput(team.id, challenge.themes[1]!.id, { title: `Idea della squadra da ${size}` }));
      pages.push({ team, reader: students[0]!, size });
    }
    const [small, large] = pages;
    // Three notifications for the reader of the larger team, one of them read.
    await db.query(
      `INSERT INTO notification (recipient_id, event_id, kind, title, body, path, locale, read_at)
       SELECT $1::uuid, 'pages-' || g || '-' || $1::text, 'IDEA_SUBMITTED', 'Titolo', 'Testo', '/teams/' || $2::text, 'it', CASE WHEN g = 1 THEN now() END FROM generate_series(1, 3) g`,
      [large!.reader.id, large!.team.id],
    );

    const page = async (p: (typeof pages)[number]): Promise<any> => gqlOk(api.url, TEAM_PAGE, { id: p.team.id }, p.reader.token);
    const two = await counted(() => page(small!));
    const five = await counted(() => page(large!));
    expect(five.count).toBe(two.count);
    expect(five.count).toBeLessThanOrEqual(4); // team with school and count, members with their people, idea with theme, unread count

    const { team, myNotifications } = five.result;
    expect(myNotifications).toEqual({ unreadCount: 2 });
    expect(two.result.myNotifications).toEqual({ unreadCount: 0 });
    expect(team).toMatchObject({ id: large!.team.id, name: 'Squadra da 5', memberCount: 5, school: { name: 'Liceo Galvani' } });
    expect(team.idea).toMatchObject({ title: 'Idea della squadra da 5', status: 'DRAFT', version: 1, theme: { name: challenge.themes[1]!.name } });
    const members: { user_id: string; role: string; display_name: string }[] = await db.query(
      `SELECT tm.user_id, tm.role, u.display_name FROM team_member tm JOIN app_user u ON u.id = tm.user_id WHERE tm.team_id = $1 ORDER BY tm.created_at, tm.user_id`,
      [large!.team.id],
    );
    expect(team.members).toEqual(members.map((m) => ({ role: m.role, user: { id: m.user_id, displayName: m.display_name } })));
  });

  it('gives the unread count alone without reading rows, and still refuses a cursor it did not issue', async () => {
    const { challenge } = await publishedChallenge(api.url);
    const { teacher, schoolId } = await school(api.url);
    const team = await createTeam(api.url, teacher, { challengeId: challenge.id, schoolId });
    const reader = await student(api.url, team.joinCode);
    const BELL = `query($after: String) { myNotifications(first: 1, unreadOnly: true, after: $after) { unreadCount } }`;
    const bell = await counted(() => gqlOk(api.url, BELL, {}, reader.token));
    expect(bell.result.myNotifications).toEqual({ unreadCount: 0 });
    expect(bell.count).toBe(1); // one COUNT: no rows, and the unread list's total is the unread count
    const refused = await gql(api.url, BELL, { after: 'not-a-cursor' }, reader.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
