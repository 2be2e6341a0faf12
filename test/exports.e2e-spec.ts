// Issue 14.1: results.csv / results.json and reviews.csv, parsed with a real CSV parser (csv-parse) and compared with
// the leaderboard and the reviews the jurors submitted; the dialect (BOM, CRLF, RFC 4180 quoting, `;` with decimal
// commas, formula-injection safety); the authorization of the GraphQL fields, by bearer token or signed link; and the
// cursor underneath (rows come from PostgreSQL a batch at a time, and a stream closed early frees its connection).
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { streamRows } from '#platform/database/sql-stream.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { createChallenge, createTeam, ideaInput, saveIdea, submitIdea } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { signUp, type TestUser } from './helpers/factories.js';
import { gql, gqlOk } from './helpers/graphql.js';
import { judgingFixture, type JudgingFixture } from './helpers/judging-factories.js';
import { download, leaderboard, refusal, reviewAll, round2, type SubmittedReview } from './helpers/report-factories.js';

const CRITERIA = [
  { name: 'Impatto', weight: 2, maxScore: 10 },
  { name: '=Fattibilità', weight: 1, maxScore: 5 },
];
const CREATE_LINK = `mutation($path: String!) { createExportLink(path: $path) { url expiresAt } }`;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

type Row = Record<string, string>;
const parseCsv = (body: string, delimiter = ','): Row[] =>
  parse(body, { bom: true, columns: true, delimiter, record_delimiter: '\r\n', relax_quotes: false, skip_empty_lines: false });
const num = (cell: string | undefined, decimalComma = false) => (cell === '' || cell === undefined ? null : Number(decimalComma ? cell.replace(',', '.') : cell));

let api: RunningApi;
let db: DataSource;
let fx: JudgingFixture;
let reviews: SubmittedReview[];
let outsider: TestUser;
/** The idea whose title, team and class try formula injection and the CSV's own syntax. */
let trap: { ideaId: string; title: string; team: string; className: string };
const resultsPath = () => `/exports/challenges/${fx.challenge.id}/results.csv`;

beforeAll(async () => {
  api = await startApi();
  db = await openDatabase();
  fx = await judgingFixture(api.url, { ideas: 5, jurors: 3, overrides: { reviewsPerIdea: 2, criteria: CRITERIA } });
  trap = { ideaId: '', title: '=SOMMA(1;2) "a", b', team: '@Squadra "Uno", due; tre', className: '-4B' };
  const team = await createTeam(api.url, fx.teacher, { challengeId: fx.challenge.id, schoolId: fx.schoolId, name: trap.team, className: trap.className });
  const idea = await saveIdea(api.url, fx.teacher, ideaInput(team.id, fx.challenge.themes[1]!.id, { title: trap.title }));
  await submitIdea(api.url, fx.teacher, idea.id);
  trap.ideaId = idea.id;
  let trapComments = 0;
  const ideaIndex = new Map([...fx.ideas.map((i) => i.id), idea.id].map((id, k) => [id, k]));
  reviews = await reviewAll(
    api.url,
    fx,
    (j, ideaId, c) => (c === 0 ? (3 + 2 * j + 3 * ideaIndex.get(ideaId)!) % 11 : (1 + j + 2 * ideaIndex.get(ideaId)!) % 6),
    // The trap idea's two reviewers: the first writes separators, quotes and line breaks, the second a "formula".
    (_j, ideaId) => (ideaId === trap.ideaId ? (trapComments++ === 0 ? 'Bene;\r\n"ottimo", davvero\n=1+1' : '+39 333 000 0000') : null),
  );
  outsider = await signUp(api.url, { label: 'outsider' });
}, 120_000);

afterAll(async () => {
  await api?.close();
  await db?.destroy();
});

/** Mean of each criterion over an idea's submitted reviews. */
const meansOf = (ideaId: string) =>
  CRITERIA.map((_, c) => {
    const values = reviews.filter((r) => r.ideaId === ideaId).map((r) => r.values[c]!);
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  });

describe('results.csv', () => {
  it('has one row per SUBMITTED idea, in the order, ranks and scores of the leaderboard, with criteria means, team, school and district', async () => {
    const { status, body, bytes, headers } = await download(api.url, resultsPath(), fx.organizer.token);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(headers.get('content-disposition')).toMatch(/^attachment; filename="results-.+\.csv"$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(
      body
        .replace(/"[^"]*"/g, '')
        .split('\n')
        .every((line, i, all) => i === all.length - 1 || line.endsWith('\r')),
    ).toBe(true);

    const rows = parseCsv(body);
    const board = await leaderboard(api.url, fx.organizer.token, fx.challenge.id);
    expect(board).toHaveLength(6);
    expect(rows.map((r) => r.idea_id)).toEqual(board.map((e) => e.idea.id));
    rows.forEach((row, k) => {
      const entry = board[k]!;
      expect(num(row.rank)).toBe(entry.rank);
      expect(num(row.raw_score)).toBe(round2(entry.rawScore!));
      expect(num(row.normalized_score)).toBe(round2(entry.normalizedScore!));
      expect(num(row.review_count)).toBe(entry.reviewCount);
      const means = meansOf(row.idea_id!);
      expect([num(row['mean: Impatto']), num(row['mean: =Fattibilità'])]).toEqual(means.map((m) => round2(m!)));
      expect(row.school).toMatch(/^Liceo /);
      expect(row.district).toBe('Pianura Est');
    });
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining([
        'rank',
        'idea_id',
        'idea',
        'team',
        'class',
        'school',
        'district',
        'theme',
        'raw_score',
        'normalized_score',
        'review_count',
        'awards',
        'submitted_at',
      ]),
    );
  });

  it('quotes per RFC 4180 and neutralises cells that a spreadsheet would run as formulas', async () => {
    const rows = parseCsv((await download(api.url, resultsPath(), fx.organizer.token)).body);
    const row = rows.find((r) => r.idea_id === trap.ideaId)!;
    expect(row.idea).toBe(`'${trap.title}`);
    expect(row.team).toBe(`'${trap.team}`);
    expect(row.class).toBe(`'${trap.className}`);
    expect(row.theme).toBe(fx.challenge.themes[1]!.name);
    // Numbers are never prefixed, negative ones included.
    expect(rows.some((r) => r.normalized_score!.startsWith('-'))).toBe(true);
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });

  it('writes `;` and decimal commas for Italian spreadsheets (separator=semicolon), same content', async () => {
    const comma = parseCsv((await download(api.url, resultsPath(), fx.organizer.token)).body);
    const { status, body } = await download(api.url, `${resultsPath()}?separator=semicolon`, fx.organizer.token);
    expect(status).toBe(200);
    expect(body.split('\r\n')[0]).toMatch(/^\uFEFFrank;idea_id;idea;team;/);
    const rows = parseCsv(body, ';');
    expect(rows.map((r) => r.idea_id)).toEqual(comma.map((r) => r.idea_id));
    expect(rows.some((r) => /^-?\d+,\d+$/.test(r.raw_score!))).toBe(true);
    expect(rows.every((r) => !r.raw_score!.includes('.') && !r.normalized_score!.includes('.'))).toBe(true);
    rows.forEach((r, k) => {
      expect(num(r.raw_score, true)).toBe(num(comma[k]!.raw_score));
      expect(num(r.normalized_score, true)).toBe(num(comma[k]!.normalized_score));
      expect(r.team).toBe(comma[k]!.team);
    });
  });

  it('follows the normalization asked for, like Challenge.leaderboard(normalization)', async () => {
    const rows = parseCsv((await download(api.url, `${resultsPath()}?normalization=NONE`, fx.organizer.token)).body);
    const board = await leaderboard(api.url, fx.organizer.token, fx.challenge.id, 'NONE');
    expect(rows.map((r) => [r.idea_id, num(r.rank)])).toEqual(board.map((e) => [e.idea.id, e.rank]));
  });
});

describe('results.json', () => {
  it('is the same ranking as a JSON document (no BOM), with criteria means per idea', async () => {
    const { status, body, headers } = await download(api.url, `/exports/challenges/${fx.challenge.id}/results.json`, fx.organizer.token);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(body.charCodeAt(0)).not.toBe(0xfeff);
    const json = JSON.parse(body);
    const board = await leaderboard(api.url, fx.organizer.token, fx.challenge.id);
    expect(json.challenge).toMatchObject({ id: fx.challenge.id, normalization: 'ZSCORE' });
    expect(json.criteria.map((c: { name: string }) => c.name)).toEqual(CRITERIA.map((c) => c.name));
    expect(json.results.map((r: any) => [r.idea.id, r.rank, r.rawScore, r.normalizedScore, r.reviewCount])).toEqual(
      board.map((e) => [e.idea.id, e.rank, round2(e.rawScore!), round2(e.normalizedScore!), e.reviewCount]),
    );
    const trapRow = json.results.find((r: any) => r.idea.id === trap.ideaId);
    expect(trapRow).toMatchObject({ team: { name: trap.team, className: trap.className }, district: 'Pianura Est', theme: { name: fx.challenge.themes[1]!.name } });
    expect(trapRow.criteria.map((c: { mean: number }) => c.mean)).toEqual(meansOf(trap.ideaId).map((m) => round2(m!)));
  });
});

describe('reviews.csv', () => {
  const reviewsPath = () => `/exports/challenges/${fx.challenge.id}/reviews.csv`;

  it('has one row per review with its values and total, jurors shown as stable pseudonyms J1, J2...', async () => {
    const { status, body } = await download(api.url, reviewsPath(), fx.organizer.token);
    expect(status).toBe(200);
    const rows = parseCsv(body);
    expect(rows).toHaveLength(reviews.length);
    expect(Object.keys(rows[0]!)).toEqual([
      'review_id',
      'idea_id',
      'idea',
      'juror',
      'Impatto (0-10)',
      "'=Fattibilità (0-5)",
      'total',
      'comment',
      'version',
      'submitted_at',
      'updated_at',
    ]);
    for (const review of reviews) {
      const row = rows.find((r) => r.review_id === review.reviewId)!;
      expect(row.idea_id).toBe(review.ideaId);
      expect(row.juror).toBe(`J${review.juror + 1}`);
      expect([num(row['Impatto (0-10)']), num(row["'=Fattibilità (0-5)"])]).toEqual(review.values);
      expect(num(row.total)).toBe(round2(review.total));
      // Line breaks, quotes and separators survive; a comment that starts like a formula is prefixed.
      if (review.comment) expect(row.comment).toBe(/^[=+\-@]/.test(review.comment) ? `'${review.comment}` : review.comment);
    }
    expect(rows.some((r) => r.comment === 'Bene;\r\n"ottimo", davvero\n=1+1')).toBe(true);
    expect(rows.some((r) => r.comment === "'+39 333 000 0000")).toBe(true);
    expect(new Set(rows.map((r) => r.juror))).toEqual(new Set(['J1', 'J2', 'J3']));
  });

  it('names the jurors when the organizer asks (jurors=names), through the person door', async () => {
    const rows = parseCsv((await download(api.url, `${reviewsPath()}?jurors=names&separator=semicolon`, fx.organizer.token)).body, ';');
    expect(rows).toHaveLength(reviews.length);
    for (const review of reviews) expect(rows.find((r) => r.review_id === review.reviewId)!.juror).toBe(`juror${review.juror}`);
  });
});

describe('authorization (as the GraphQL fields) and bad input', () => {
  it('answers 401 without or with an invalid token, 403 to who sees the challenge without organizing it, 404 for what they may not see', async () => {
    const path = resultsPath();
    expect([(await download(api.url, path)).status, refusal((await download(api.url, path)).body).code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await download(api.url, path, 'not-a-token')).status).toBe(401);
    const asOutsider = await download(api.url, path, outsider.token);
    expect([asOutsider.status, refusal(asOutsider.body).code]).toEqual([403, 'FORBIDDEN']);
    const asJuror = await download(api.url, `/exports/challenges/${fx.challenge.id}/reviews.csv`, fx.jurors[0]!.user.token);
    expect([asJuror.status, refusal(asJuror.body).code]).toEqual([403, 'FORBIDDEN']);

    // A DRAFT of another organizer answers exactly as an unknown id does.
    const draft = await createChallenge(api.url, outsider, await ownPromoter(outsider));
    const hidden = await download(api.url, `/exports/challenges/${draft.id}/results.csv`, fx.organizer.token);
    const unknown = await download(api.url, `/exports/challenges/${UNKNOWN}/results.csv`, fx.organizer.token);
    const malformed = await download(api.url, `/exports/challenges/not-an-id/results.csv`, fx.organizer.token);
    expect([hidden.status, unknown.status, malformed.status]).toEqual([404, 404, 404]);
    expect(hidden.body).toBe(unknown.body);
    expect(malformed.body).toBe(unknown.body);
    expect((await download(api.url, `/exports/challenges/${fx.challenge.id}/secrets.csv`, fx.organizer.token)).status).toBe(404);
  });

  it('is FAILED_PRECONDITION (409) before judging starts', async () => {
    const before = await judgingFixture(api.url, { ideas: 1, jurors: 1 });
    const response = await download(api.url, `/exports/challenges/${before.challenge.id}/results.csv`, before.organizer.token);
    expect([response.status, refusal(response.body).code]).toEqual([409, 'FAILED_PRECONDITION']);
  });

  it('refuses unknown, repeated or invalid parameters with BAD_USER_INPUT naming the parameter', async () => {
    const cases: [string, string][] = [
      ['?separator=tab', 'separator'],
      ['?normalization=MEDIAN', 'normalization'],
      ['?separator=comma&separator=semicolon', 'separator'],
      ['?limit=5', 'limit'],
      ['?jurors=names', 'jurors'], // results.csv takes no jurors parameter
    ];
    for (const [query, field] of cases) {
      const response = await download(api.url, `${resultsPath()}${query}`, fx.organizer.token);
      expect([query, response.status, refusal(response.body)]).toEqual([query, 400, { code: 'BAD_USER_INPUT', field }]);
    }
  });
});

describe('signed links (createExportLink)', () => {
  it('opens the export without the access token, for that export and those parameters only, for 10 minutes', async () => {
    const path = `${resultsPath()}?separator=semicolon`;
    const { createExportLink: link } = await gqlOk(api.url, CREATE_LINK, { path }, fx.organizer.token);
    expect(link.url.startsWith(`${resultsPath()}?separator=semicolon&token=`)).toBe(true);
    expect(Date.parse(link.expiresAt) - api.clock.now().getTime()).toBeLessThanOrEqual(600_000);
    expect(Date.parse(link.expiresAt) - api.clock.now().getTime()).toBeGreaterThan(590_000);

    const viaLink = await download(api.url, link.url);
    expect(viaLink.status).toBe(200);
    expect(viaLink.body).toBe((await download(api.url, path, fx.organizer.token)).body);

    const token = new URL(link.url, 'http://x').searchParams.get('token')!;
    // Another export, other parameters, a forged token: refused.
    expect((await download(api.url, `${resultsPath()}?token=${encodeURIComponent(token)}`)).status).toBe(401);
    expect((await download(api.url, `/exports/challenges/${fx.challenge.id}/reviews.csv?separator=semicolon&token=${encodeURIComponent(token)}`)).status).toBe(401);
    expect((await download(api.url, `${path}&token=${encodeURIComponent(token.slice(0, -2))}xx`)).status).toBe(401);
    // A link is not an access token.
    expect((await gql(api.url, `{ me { id } }`, {}, token)).data?.me ?? null).toBeNull();

    api.clock.advance(600_000 + 1_000);
    try {
      const expired = await download(api.url, link.url);
      expect([expired.status, refusal(expired.body).code]).toEqual([401, 'UNAUTHENTICATED']);
    } finally {
      api.clock.advance(-(600_000 + 1_000));
    }
  });

  it('checks the export rules when the link is made, and stops working when its session is signed out', async () => {
    expect((await gql(api.url, CREATE_LINK, { path: resultsPath() }, outsider.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(api.url, CREATE_LINK, { path: resultsPath() })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const path of ['/graphql', '/exports/challenges/x', `${resultsPath()}?separator=tab`, `${resultsPath()}?token=abc`, 'https://evil.example/exports/a']) {
      const error = (await gql(api.url, CREATE_LINK, { path }, fx.organizer.token)).errors?.[0];
      expect([path, error?.extensions?.code, error?.extensions?.field]).toEqual([path, 'BAD_USER_INPUT', 'path']);
    }

    const session = await gqlOk(api.url, `mutation($i: SignInInput!) { signIn(input: $i) { accessToken refreshToken } }`, {
      i: { email: fx.organizer.email, password: fx.organizer.password },
    });
    const { createExportLink: link } = await gqlOk(api.url, CREATE_LINK, { path: resultsPath() }, session.signIn.accessToken);
    expect((await download(api.url, link.url)).status).toBe(200);
    await gqlOk(api.url, `mutation($t: String!) { signOut(refreshToken: $t) }`, { t: session.signIn.refreshToken }, session.signIn.accessToken);
    expect((await download(api.url, link.url)).status).toBe(401);
  });
});

describe('the cursor underneath', () => {
  it('reads rows from PostgreSQL a batch at a time, and frees the connection when the stream is closed early', async () => {
    const stream = await streamRows(db, `SELECT g AS n, repeat('x', 100) AS pad FROM generate_series(1, 200000) g`, [], 500);
    const rows = stream[Symbol.asyncIterator]();
    expect((await rows.next()).value).toEqual({ n: 1, pad: 'x'.repeat(100) });
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    // Only what the cursor fetched so far is in memory (a batch or two), not the 200,000 rows of the result.
    expect(stream.readableLength).toBeLessThanOrEqual(1_000);
    const [{ cursors }] = await db.query(`SELECT count(*)::int AS cursors FROM pg_stat_activity WHERE query LIKE 'SELECT g AS n%' AND state <> 'idle'`);
    expect(cursors).toBe(1);
    const closed = once(stream, 'close');
    stream.destroy();
    await closed;
    // The pool (4 connections in this DataSource) is whole again: four queries at once all run.
    const all = await Promise.all([1, 2, 3, 4].map((n) => db.query(`SELECT $1::int AS n, pg_sleep(0.05)`, [n])));
    expect(all.map((r) => r[0].n)).toEqual([1, 2, 3, 4]);
  });
});

async function ownPromoter(user: TestUser): Promise<string> {
  const data = await gqlOk(
    api.url,
    `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    { input: { name: 'Altro promotore', kind: 'PROMOTER' } },
    user.token,
  );
  return data.createOrganization.id;
}
