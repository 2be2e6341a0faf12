// Issue 14.3: impactReport for a promoter's editions in a period, overall, per district and per school, in GraphQL and
// as CSV, on a world built through the API whose every figure is known: two editions in the period (one judged,
// awarded, adopted, with a mini-company), and around them what must not count (an edition outside the period, a DRAFT,
// another promoter's edition with the same school). Counts only: no student's name anywhere.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { ACCEPT, DECLINE, FOUND, PROPOSE, REVIEW_MILESTONE, SUBMIT_MILESTONE } from './helpers/adoption-factories.js';
import { startApi, type RunningApi } from './helpers/api.js';
import {
  createChallenge,
  createTeam,
  DAY,
  ideaInput,
  publishChallenge,
  publishedChallenge,
  joinTeam,
  saveIdea,
  school,
  submitIdea,
  type TestChallenge,
} from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { createOrganization, signUp, type TestUser } from './helpers/factories.js';
import { gql, gqlOk } from './helpers/graphql.js';
import { myAssignments, newJuror, PUBLISH_RESULTS, startJudging, submitReview, uniformScores } from './helpers/judging-factories.js';
import { download, refusal } from './helpers/report-factories.js';

const FIGURES = `editions schools classes teams students teachers ideasSubmitted ideasByTheme { theme count } reviews awards adoptionsProposed adoptionsAccepted
  daysToFirstAdoption medianDaysToAdoption miniCompaniesFounded miniCompaniesLaunched milestonesApprovedOnTime milestonesApprovedLate`;
const REPORT = `query($org: ID!, $from: DateTime!, $to: DateTime!) { impactReport(organizerId: $org, from: $from, to: $to) {
  organizer { id } from to editions { id title } csvPath overall { ${FIGURES} }
  byDistrict { district figures { ${FIGURES} } } bySchool { school { id name district } figures { ${FIGURES} } } } }`;

let api: RunningApi;
let db: DataSource;
let organizer: TestUser;
let promoterId: string;
let outsider: TestUser;
let period: { from: string; to: string };
const schools: Record<'alfa' | 'beta' | 'gamma', { teacher: TestUser; schoolId: string }> = {} as never;
const editions: Record<'a' | 'b' | 'outside', TestChallenge> = {} as never;
const STUDENT_NAMES = ['Anna Uno', 'Bruno Due', 'Carla Tre', 'Dario Quattro', 'Elena Cinque', 'Fabio Sei', 'Gaia Sette', 'Ugo Fuori', 'Vera Altrove'];

beforeAll(async () => {
  api = await startApi();
  db = await openDatabase();
  const now = api.clock.now();
  period = { from: new Date(now.getTime() - 30 * DAY).toISOString(), to: new Date(now.getTime() + 30 * DAY).toISOString() };
  ({ organizer, promoterId, challenge: editions.a } = await publishedChallenge(api.url, { title: 'Climathon 2026 primavera', reviewsPerIdea: 1 }, now));
  editions.b = await createChallenge(api.url, organizer, promoterId, { title: 'Climathon 2026 autunno' }, now);
  editions.outside = await createChallenge(api.url, organizer, promoterId, { title: 'Climathon 2025' }, now);
  await Promise.all([publishChallenge(api.url, organizer, editions.b.id), publishChallenge(api.url, organizer, editions.outside.id)]);
  await createChallenge(api.url, organizer, promoterId, { title: 'Climathon bozza' }, now); // DRAFT: not an edition yet
  const other = await publishedChallenge(api.url, { title: 'Altro promotore' }, now);

  schools.alfa = await school(api.url, { name: 'Istituto Alfa', district: 'Pianura Est' });
  schools.beta = await school(api.url, { name: 'Liceo Beta', district: 'Montagna' });
  schools.gamma = await school(api.url, { name: 'Scuola Gamma' });
  const team = (edition: { id: string }, s: keyof typeof schools, name: string, className?: string) =>
    createTeam(api.url, schools[s].teacher, { challengeId: edition.id, schoolId: schools[s].schoolId, name, className });
  const [t1, t2, t3, t4, t5, t6, t7, t8] = await Promise.all([
    team(editions.a, 'alfa', 'Alfa 1', '5A'),
    team(editions.a, 'alfa', 'Alfa 2', ' 5a '), // the same class as Alfa 1
    team(editions.a, 'alfa', 'Alfa 3', '4B'),
    team(editions.a, 'beta', 'Beta 1', '3C'),
    team(editions.a, 'gamma', 'Gamma 1'), // no class name: a class of its own
    team(editions.b, 'alfa', 'Alfa autunno', '5A'), // the same name, another edition: another class
    team(editions.outside, 'alfa', 'Alfa 2025', '5A'),
    team(other.challenge, 'alfa', 'Alfa altrove', '5A'),
  ]);
  const pupil = async (joinCode: string, displayName: string) => {
    const user = await signUp(api.url, { label: 'studente', displayName });
    await joinTeam(api.url, user, joinCode);
    return user;
  };
  const [s1] = await Promise.all([
    pupil(t1!.joinCode, STUDENT_NAMES[0]!),
    pupil(t1!.joinCode, STUDENT_NAMES[1]!),
    pupil(t2!.joinCode, STUDENT_NAMES[2]!),
    pupil(t3!.joinCode, STUDENT_NAMES[3]!),
    pupil(t4!.joinCode, STUDENT_NAMES[4]!),
    pupil(t4!.joinCode, STUDENT_NAMES[5]!),
    pupil(t5!.joinCode, STUDENT_NAMES[6]!),
    pupil(t7!.joinCode, STUDENT_NAMES[7]!),
    pupil(t8!.joinCode, STUDENT_NAMES[8]!),
  ]);
  await gqlOk(api.url, `mutation($c: String!) { joinTeam(joinCode: $c) { id } }`, { c: t6!.joinCode }, s1!.token); // the same student in the autumn edition

  const idea = async (s: keyof typeof schools, teamId: string, edition: TestChallenge, theme: number, submit = true) => {
    const saved = await saveIdea(api.url, schools[s].teacher, ideaInput(teamId, edition.themes[theme]!.id, { title: `Idea ${teamId.slice(0, 6)}` }));
    if (submit) await submitIdea(api.url, schools[s].teacher, saved.id);
    return saved.id;
  };
  const x = await idea('alfa', t1!.id, editions.a, 0);
  await idea('alfa', t2!.id, editions.a, 1);
  await idea('alfa', t3!.id, editions.a, 0, false); // DRAFT: not submitted
  const y = await idea('beta', t4!.id, editions.a, 0);
  await idea('gamma', t5!.id, editions.a, 0);
  await idea('alfa', t6!.id, editions.b, 0);
  await idea('alfa', t7!.id, editions.outside, 0);
  await idea('alfa', t8!.id, other.challenge, 0);
  // The 2025 edition opened its submissions last year: outside the period.
  await db.query(`UPDATE challenge SET submission_opens_at = submission_opens_at - interval '400 days' WHERE id = $1`, [editions.outside.id]);

  // Edition A: judged by two jurors (one review per idea), results with one award.
  const jurors = [await newJuror(api.url, organizer, editions.a.id, 'giurato1'), await newJuror(api.url, organizer, editions.a.id, 'giurato2')];
  await startJudging(api.url, organizer, editions.a.id);
  for (const juror of jurors) {
    for (const assignment of await myAssignments(api.url, juror.user, editions.a.id)) await submitReview(api.url, juror.user, assignment.id, uniformScores(editions.a, 6));
  }
  await gqlOk(api.url, PUBLISH_RESULTS, { input: { challengeId: editions.a.id, awards: [{ ideaId: x, title: 'Primo premio', place: 1 }] } }, organizer.token);

  // Three proposals; five days after the results, Alfa 1 accepts one (the other company's is declined with it), Beta declines its own.
  const companies = await Promise.all(
    ['Impresa Uno', 'Impresa Due'].map(async (name) => {
      const owner = await signUp(api.url, { label: 'impresa', displayName: name });
      return { owner, id: await createOrganization(api.url, owner, { kind: 'COMPANY', name }) };
    }),
  );
  const propose = async (c: number, ideaId: string) =>
    (await gqlOk(api.url, PROPOSE, { input: { ideaId, companyId: companies[c]!.id, message: 'Vi adottiamo' } }, companies[c]!.owner.token)).proposeAdoption.id as string;
  const [px] = [await propose(0, x), await propose(1, x)];
  const py = await propose(0, y);
  api.clock.advance(5 * DAY);
  await gqlOk(api.url, ACCEPT, { input: { adoptionId: px } }, schools.alfa.teacher.token);
  await gqlOk(api.url, DECLINE, { input: { adoptionId: py } }, schools.beta.teacher.token);

  // The mini-company: concept and market launch approved on time (so it is launched), the business plan approved late.
  const company = (await gqlOk(api.url, FOUND, { input: { teamId: t1!.id, name: 'Borracce Srl' } }, schools.alfa.teacher.token)).foundMiniCompany;
  const milestone = (kind: string) => company.milestones.find((m: { kind: string }) => m.kind === kind).id as string;
  const complete = async (kind: string) => {
    await gqlOk(api.url, SUBMIT_MILESTONE, { input: { milestoneId: milestone(kind), evidence: 'Fatto' } }, s1!.token);
    await gqlOk(api.url, REVIEW_MILESTONE, { input: { milestoneId: milestone(kind), approve: true } }, schools.alfa.teacher.token);
  };
  await complete('CONCEPT');
  await complete('MARKET_LAUNCH');
  api.clock.advance(46 * DAY);
  await complete('BUSINESS_PLAN');
  outsider = await signUp(api.url, { label: 'outsider' });
}, 180_000);

afterAll(async () => {
  await api?.close();
  await db?.destroy();
});

const report = async (token = organizer.token, variables: Record<string, unknown> = {}) =>
  (await gqlOk(api.url, REPORT, { org: promoterId, ...period, ...variables }, token)).impactReport;

describe('impactReport', () => {
  it("counts the promoter's editions in the period, overall", async () => {
    const r = await report();
    // Both open at the same moment here (then in id order): the 2025 edition, the DRAFT and the other promoter's are left out.
    expect(r.editions.map((e: { id: string }) => e.id).sort()).toEqual([editions.a.id, editions.b.id].sort());
    expect(r.overall).toEqual({
      editions: 2,
      schools: 3,
      classes: 5, // A: Alfa 5A (two teams), Alfa 4B, Beta 3C, Gamma (no class name); B: Alfa 5A
      teams: 6,
      students: 7, // the student of both editions counts once
      teachers: 3,
      ideasSubmitted: 5,
      ideasByTheme: [
        { theme: 'Mobilità sostenibile', count: 4 },
        { theme: 'Rifiuti e riuso', count: 1 },
      ],
      reviews: 4,
      awards: 1,
      adoptionsProposed: 3,
      adoptionsAccepted: 1,
      daysToFirstAdoption: 5,
      medianDaysToAdoption: 5,
      miniCompaniesFounded: 1,
      miniCompaniesLaunched: 1,
      milestonesApprovedOnTime: 2,
      milestonesApprovedLate: 1,
    });
  });

  it('gives the same figures per district (no district last) and per school', async () => {
    const r = await report();
    expect(r.byDistrict.map((d: { district: string | null }) => d.district)).toEqual(['Montagna', 'Pianura Est', null]);
    const district = (name: string | null) => r.byDistrict.find((d: { district: string | null }) => d.district === name).figures;
    expect(district('Pianura Est')).toMatchObject({
      editions: 2,
      schools: 1,
      classes: 3,
      teams: 4,
      students: 4,
      teachers: 1,
      ideasSubmitted: 3,
      reviews: 2,
      awards: 1,
      adoptionsProposed: 2,
      adoptionsAccepted: 1,
      daysToFirstAdoption: 5,
      miniCompaniesFounded: 1,
      milestonesApprovedLate: 1,
    });
    expect(district('Montagna')).toMatchObject({
      editions: 1,
      classes: 1,
      teams: 1,
      students: 2,
      ideasSubmitted: 1,
      reviews: 1,
      adoptionsProposed: 1,
      adoptionsAccepted: 0,
      daysToFirstAdoption: null,
      miniCompaniesFounded: 0,
    });
    expect(district(null)).toMatchObject({ schools: 1, classes: 1, teams: 1, students: 1, ideasSubmitted: 1, ideasByTheme: [{ theme: 'Mobilità sostenibile', count: 1 }] });

    expect(r.bySchool.map((s: { school: { name: string } }) => s.school.name)).toEqual(['Istituto Alfa', 'Liceo Beta', 'Scuola Gamma']);
    expect(r.bySchool[0]).toMatchObject({ school: { id: schools.alfa.schoolId, district: 'Pianura Est' }, figures: district('Pianura Est') });
    expect(r.bySchool[1].figures).toEqual(district('Montagna'));
    expect(r.bySchool[2].figures).toEqual(district(null));
    // The groups add up to the whole where nobody is counted twice.
    for (const key of ['teams', 'ideasSubmitted', 'reviews', 'awards', 'adoptionsProposed', 'miniCompaniesFounded']) {
      expect(r.byDistrict.reduce((s: number, d: any) => s + d.figures[key], 0)).toBe(r.overall[key]);
    }
  });

  it('never names a student', async () => {
    const text = JSON.stringify(await report()) + (await download(api.url, (await report()).csvPath, organizer.token)).body;
    for (const name of STUDENT_NAMES) expect(text).not.toContain(name);
  });

  it('narrows to the period: an empty period counts nothing', async () => {
    const r = await report(organizer.token, { from: '2001-01-01T00:00:00Z', to: '2002-01-01T00:00:00Z' });
    expect(r.editions).toEqual([]);
    expect(r.overall).toMatchObject({ editions: 0, teams: 0, students: 0, ideasSubmitted: 0, ideasByTheme: [], daysToFirstAdoption: null });
    expect([r.byDistrict, r.bySchool]).toEqual([[], []]);
  });

  it("is for the organization's members: FORBIDDEN for others, NOT_FOUND for an unknown organization, UNAUTHENTICATED without a token", async () => {
    const code = async (variables: Record<string, unknown>, token?: string) => {
      const error = (await gql(api.url, REPORT, { org: promoterId, ...period, ...variables }, token)).errors?.[0];
      return [error?.extensions?.code, error?.extensions?.field];
    };
    expect(await code({}, outsider.token)).toEqual(['FORBIDDEN', undefined]);
    expect(await code({}, schools.alfa.teacher.token)).toEqual(['FORBIDDEN', undefined]);
    expect(await code({})).toEqual(['UNAUTHENTICATED', undefined]);
    const unknown = await gql(api.url, REPORT, { org: '00000000-0000-4000-8000-000000000000', ...period }, organizer.token);
    const malformed = await gql(api.url, REPORT, { org: 'nope', ...period }, organizer.token);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // A malformed id answers exactly as an unknown one.
    expect([malformed.errors?.[0]?.extensions, malformed.errors?.[0]?.message]).toEqual([unknown.errors?.[0]?.extensions, unknown.errors?.[0]?.message]);
  });

  it('refuses a period that ends before it starts or spans more than 20 years, with BAD_USER_INPUT on `to`', async () => {
    const code = async (variables: Record<string, unknown>) => {
      const error = (await gql(api.url, REPORT, { org: promoterId, ...period, ...variables }, organizer.token)).errors?.[0];
      return [error?.extensions?.code, error?.extensions?.field];
    };
    expect(await code({ to: period.from })).toEqual(['BAD_USER_INPUT', 'to']);
    expect(await code({ from: period.to, to: period.from })).toEqual(['BAD_USER_INPUT', 'to']);
    expect(await code({ from: '1990-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' })).toEqual(['BAD_USER_INPUT', 'to']);
    expect((await code({ from: 'not-a-date' }))[0]).toBe('BAD_USER_INPUT');
  });
});

describe('impact.csv', () => {
  it('is the same report as CSV: a row overall, per district and per school, a column per theme', async () => {
    const r = await report();
    expect(r.csvPath).toBe(`/exports/organizations/${promoterId}/impact.csv?${new URLSearchParams({ from: r.from, to: r.to }).toString()}`);
    const { status, body, headers } = await download(api.url, r.csvPath, organizer.token);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/csv/);
    const rows: Record<string, string>[] = parse(body, { bom: true, columns: true });
    expect(rows.map((row) => [row.scope, row.district, row.school])).toEqual([
      ['overall', '', ''],
      ['district', 'Montagna', ''],
      ['district', 'Pianura Est', ''],
      ['district', '', ''],
      ['school', 'Pianura Est', 'Istituto Alfa'],
      ['school', 'Montagna', 'Liceo Beta'],
      ['school', '', 'Scuola Gamma'],
    ]);
    const groups = [r.overall, ...r.byDistrict.map((d: any) => d.figures), ...r.bySchool.map((s: any) => s.figures)];
    rows.forEach((row, k) => {
      const figures = groups[k];
      for (const [key, value] of Object.entries(figures)) {
        if (key === 'ideasByTheme') continue;
        expect([k, key, row[key] === '' ? null : Number(row[key])]).toEqual([k, key, value]);
      }
      expect(Number(row['ideas: Mobilità sostenibile'])).toBe(figures.ideasByTheme.find((t: any) => t.theme === 'Mobilità sostenibile')?.count ?? 0);
    });
    const semicolon = await download(api.url, `${r.csvPath}&separator=semicolon`, organizer.token);
    expect(parse(semicolon.body, { bom: true, columns: true, delimiter: ';' })).toEqual(rows);
  });

  it('answers as the query does: 403 for others, 400 for a bad period, 404 for an unknown organization', async () => {
    const path = `/exports/organizations/${promoterId}/impact.csv?from=${period.from}&to=${period.to}`;
    expect((await download(api.url, path, outsider.token)).status).toBe(403);
    expect((await download(api.url, path)).status).toBe(401);
    const reversed = await download(api.url, `/exports/organizations/${promoterId}/impact.csv?from=${period.to}&to=${period.from}`, organizer.token);
    expect([reversed.status, refusal(reversed.body)]).toEqual([400, { code: 'BAD_USER_INPUT', field: 'to' }]);
    const missing = await download(api.url, `/exports/organizations/${promoterId}/impact.csv?from=${period.from}`, organizer.token);
    expect([missing.status, refusal(missing.body)]).toEqual([400, { code: 'BAD_USER_INPUT', field: 'to' }]);
    expect((await download(api.url, `/exports/organizations/00000000-0000-4000-8000-000000000000/impact.csv?from=${period.from}&to=${period.to}`, organizer.token)).status).toBe(
      404,
    );
  });
});
