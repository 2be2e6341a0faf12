import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import { openDatabase } from './helpers/db.js';
import { gqlOk } from './helpers/graphql.js';

const run = promisify(execFile);
/** The domain of the demo accounts (scripts/seed-demo.ts); other tests' people share the database. */
const DEMO_DOMAIN = 'climathon.test';
const TABLES = [
  'app_user',
  'refresh_token',
  'organization',
  'organization_member',
  'organization_invitation',
  'challenge',
  'theme',
  'criterion',
  'team',
  'team_member',
  'idea',
  'juror',
  'outbox_event',
];

/** The built script (npm test builds first), against the run's database, as `npm run seed:demo` runs it. */
async function seed(): Promise<string> {
  const { stdout } = await run(process.execPath, ['dist/scripts/seed-demo.js'], { env: { ...process.env }, timeout: 120_000 });
  return stdout;
}

/** Row counts plus a fingerprint of what a re-run could silently change (idea versions, statuses, timestamps). */
async function snapshot(db: DataSource): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  for (const table of TABLES) result[table] = Number((await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  result.ideas = await db.query(`SELECT team_id, status, version, updated_at FROM idea ORDER BY team_id`);
  result.challenges = await db.query(`SELECT slug, status, submission_opens_at, submission_closes_at FROM challenge ORDER BY slug`);
  return result;
}

describe('npm run seed:demo', () => {
  let db: DataSource;
  let api: RunningApi;
  let first: string;
  let afterFirst: Record<string, unknown>;

  beforeAll(async () => {
    db = await openDatabase();
    first = await seed();
    afterFirst = await snapshot(db);
    api = await startApi();
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    await db?.destroy();
  });

  it('creates a demo edition in Italian with the shape of the brief', async () => {
    const slug = /Sfida: (\S+)/.exec(first)?.[1];
    expect(slug).toBeDefined();
    const challenge = await gqlOk(api.url, `query($slug: String!) { challenge(slug: $slug) { status format themes { name description } criteria { name weight } } }`, { slug });
    expect(challenge.challenge.status).toBe('PUBLISHED');
    expect(challenge.challenge.format).toBe('SCHOOL_CLIMATHON');
    expect(challenge.challenge.themes.map((t: { name: string }) => t.name)).toEqual(['Acqua', 'Spreco alimentare', 'Mobilità']);
    expect(challenge.challenge.themes.every((t: { description: string | null }) => (t.description ?? '').length > 10)).toBe(true);
    expect(challenge.challenge.criteria).toEqual([
      { name: 'Impatto ambientale', weight: 3 },
      { name: 'Fattibilità', weight: 2 },
      { name: 'Originalità', weight: 1 },
    ]);
    const [schools] = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT district)::int AS districts FROM organization
        WHERE kind = 'SCHOOL' AND id IN (SELECT t.school_id FROM team t JOIN challenge c ON c.id = t.challenge_id WHERE c.slug = $1)`,
      [slug],
    );
    expect(schools).toEqual({ n: 6, districts: 2 });
    const teams: { n: number }[] = await db.query(
      `SELECT count(*) FILTER (WHERE tm.role = 'STUDENT')::int AS n FROM team t JOIN challenge c ON c.id = t.challenge_id JOIN team_member tm ON tm.team_id = t.id WHERE c.slug = $1 GROUP BY t.id`,
      [slug],
    );
    expect(teams).toHaveLength(10);
    expect(teams.every((t) => t.n >= 3 && t.n <= 5)).toBe(true);
    const [ideas] = await db.query(
      `SELECT count(*) FILTER (WHERE i.status = 'SUBMITTED')::int AS submitted FROM idea i JOIN challenge c ON c.id = i.challenge_id WHERE c.slug = $1`,
      [slug],
    );
    expect(ideas.submitted).toBeGreaterThanOrEqual(8);
    const [jurors] = await db.query(`SELECT count(*)::int AS n FROM juror j JOIN challenge c ON c.id = j.challenge_id WHERE c.slug = $1`, [slug]);
    expect(jurors.n).toBe(2);
    // Through the services: the outbox holds the events of joins, memberships and submissions.
    const [events] = await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type IN ('team.member_joined', 'idea.submitted')`);
    expect(events.n).toBeGreaterThanOrEqual(40 + 8);
    // Membership is by invitation: every member but an owner came in through an invitation they accepted.
    const [memberships] = await db.query(
      `SELECT count(*) FILTER (WHERE m.role = 'MEMBER')::int AS members,
              count(*) FILTER (WHERE m.role = 'MEMBER' AND EXISTS (SELECT 1 FROM organization_invitation i
                 WHERE i.organization_id = m.organization_id AND i.invitee_id = m.user_id AND i.status = 'ACCEPTED' AND i.invited_by_id IS NOT NULL))::int AS accepted,
              (SELECT count(*)::int FROM organization_invitation i JOIN app_user iu ON iu.id = i.invitee_id WHERE i.status = 'PENDING' AND iu.email LIKE $1) AS pending
         FROM organization_member m JOIN app_user u ON u.id = m.user_id WHERE u.email LIKE $1`,
      [`%@${DEMO_DOMAIN}`],
    );
    expect(memberships.members).toBeGreaterThan(0);
    expect(memberships).toEqual({ members: memberships.members, accepted: memberships.members, pending: 0 });
  });

  it('changes nothing when run a second time', async () => {
    const second = await seed();
    expect(await snapshot(db)).toEqual(afterFirst);
    expect(second).toContain('nulla da creare');
    expect(/Sfida: (\S+)/.exec(second)?.[1]).toBe(/Sfida: (\S+)/.exec(first)?.[1]);
  }, 120_000);

  it('prints logins that can sign in with the shared demo password', async () => {
    const password = /Password di tutti gli account demo: (\S+)/.exec(first)?.[1];
    const emails = [...first.matchAll(/^\s+(\S+@\S+)\s/gm)].map((m) => m[1]!);
    expect(password).toBeDefined();
    expect(emails.length).toBeGreaterThanOrEqual(5);
    for (const email of [emails[0]!, emails[1]!, emails.at(-1)!]) {
      const data = await gqlOk(api.url, `mutation($i: SignInInput!) { signIn(input: $i) { accessToken user { id } } }`, { i: { email, password } });
      expect(data.signIn.accessToken).toEqual(expect.any(String));
    }
    const admin = await gqlOk(api.url, `mutation($i: SignInInput!) { signIn(input: $i) { user { isAdmin } } }`, { i: { email: emails[0], password } });
    expect(admin.signIn.user.isAdmin).toBe(true);
  });

  it("gives the promoter an impact report worth looking at: last year's edition judged, adopted and closed beside this year's", async () => {
    const password = /Password di tutti gli account demo: (\S+)/.exec(first)![1]!;
    const organizer = await gqlOk(api.url, `mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`, { i: { email: 'laura.bertoldi@climathon.test', password } });
    const [promoter] = await db.query(`SELECT id FROM organization WHERE kind = 'PROMOTER' AND name = 'Camera di Commercio di Trento'`);
    const now = Date.now();
    const { impactReport } = await gqlOk(
      api.url,
      `query($org: ID!, $from: DateTime!, $to: DateTime!) { impactReport(organizerId: $org, from: $from, to: $to) {
         editions { status } overall { schools classes students ideasSubmitted reviews awards adoptionsProposed adoptionsAccepted daysToFirstAdoption miniCompaniesLaunched milestonesApprovedOnTime milestonesApprovedLate }
         byDistrict { district } bySchool { school { name } } } }`,
      { org: promoter.id, from: new Date(now - 2 * 365 * 86_400_000).toISOString(), to: new Date(now + 86_400_000).toISOString() },
      organizer.signIn.accessToken,
    );
    expect(impactReport.editions.map((e: { status: string }) => e.status).sort()).toEqual(['CLOSED', 'PUBLISHED']);
    expect(impactReport.overall).toMatchObject({
      schools: 6,
      adoptionsProposed: 2,
      adoptionsAccepted: 1,
      daysToFirstAdoption: 12,
      miniCompaniesLaunched: 1,
      milestonesApprovedLate: 1,
    });
    expect(impactReport.overall.reviews).toBeGreaterThan(0);
    expect(impactReport.overall.awards).toBeGreaterThan(0);
    expect(impactReport.overall.milestonesApprovedOnTime).toBeGreaterThan(0);
    expect(impactReport.byDistrict.map((d: { district: string }) => d.district)).toEqual(['Rovereto', 'Trento']);
    expect(impactReport.bySchool).toHaveLength(6);
  });
});
