// "Who am I here" (issue 18.3): User.memberships, jurorSeats, teams (and invitations) are the viewer's own, and
// ReviewAssignment.criteria gives a juror what to score; all batched (a fixed number of SQL statements).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import { createChallenge, createTeam, makeAdmin, publishChallenge, publishedChallenge } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { addMember, createOrganization, signUp, type TestUser } from './helpers/factories.js';
import { gqlOk } from './helpers/graphql.js';
import { addJuror, judgingFixture, startJudging } from './helpers/judging-factories.js';

const ME = `{ me {
  id
  memberships { role since organization { id name kind } }
  jurorSeats { id assignedCount submittedCount challenge { id title } }
  teams { id name challenge { id title } school { id name } }
} }`;
const MY_TEAMS = `{ myTeams { id } }`;
const MEMBERS_SEEN = `query($id: ID!) { organization(id: $id) { members { user { id memberships { role } jurorSeats { id } teams { id } } } } }`;
const ASSIGNMENTS = `query($id: ID!) { myAssignments(challengeId: $id) { id criteria { id name weight maxScore } juror { id assignedCount } } }`;

describe('me: who am I here', () => {
  let api: RunningApi;
  let db: DataSource;
  let admin: TestUser;

  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
    admin = await makeAdmin(api.url, db, await signUp(api.url, { label: 'admin' }));
  });
  afterAll(async () => {
    await api.close();
    await db.destroy();
  });

  /** Counts the SQL statements the API runs while `run` runs. */
  async function statementsOf<T>(run: () => Promise<T>): Promise<{ result: T; count: number }> {
    const logger = api.app.get(DataSource).logger;
    const statements: string[] = [];
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, queryRunner) => {
      statements.push(query);
      original(query, parameters, queryRunner);
    };
    try {
      const result = await run();
      return { result, count: statements.length };
    } finally {
      logger.logQuery = original;
    }
  }

  /**
   * A person with `n` of everything: owner of n schools (named so that they sort Z..A by creation), juror of n
   * challenges and coach of one team in each.
   */
  async function busyPerson(n: number, label: string) {
    const person = await signUp(api.url, { label });
    const schools: string[] = [];
    for (let i = 0; i < n; i++) schools.push(await createOrganization(api.url, person, { kind: 'SCHOOL', name: `${label} scuola ${String.fromCharCode(90 - i)}` }));
    const { organizer, promoterId } = await publishedChallenge(api.url, { title: `${label} sfida iniziale` });
    const challenges: string[] = [];
    const teams: string[] = [];
    const seats: string[] = [];
    for (let i = 0; i < n; i++) {
      const challenge = await createChallenge(api.url, organizer, promoterId, { title: `${label} sfida ${i}` });
      await publishChallenge(api.url, organizer, challenge.id);
      challenges.push(challenge.id);
      seats.push(await addJuror(api.url, organizer, challenge.id, person));
      teams.push((await createTeam(api.url, person, { challengeId: challenge.id, schoolId: schools[i], name: `${label} squadra ${i}` })).id);
    }
    return { person, schools, challenges, teams, seats, organizer, promoterId };
  }

  it("lists the viewer's accepted memberships by organization name, with role and since", async () => {
    const owner = await signUp(api.url, { label: 'owner' });
    const teacher = await signUp(api.url, { label: 'teacher' });
    const zeta = await createOrganization(api.url, owner, { kind: 'SCHOOL', name: 'Zeta liceo' });
    const alfa = await createOrganization(api.url, teacher, { kind: 'COMPANY', name: 'Alfa impresa' });
    await addMember(api.url, owner, zeta, teacher);
    const me = (await gqlOk(api.url, ME, {}, teacher.token)).me;
    expect(me.memberships.map((m: any) => [m.organization.id, m.organization.name, m.organization.kind, m.role])).toEqual([
      [alfa, 'Alfa impresa', 'COMPANY', 'OWNER'],
      [zeta, 'Zeta liceo', 'SCHOOL', 'MEMBER'],
    ]);
    const [row] = await db.query(`SELECT created_at FROM organization_member WHERE organization_id = $1 AND user_id = $2`, [zeta, teacher.id]);
    expect(new Date(me.memberships[1].since).getTime()).toBe(new Date(row.created_at).getTime());
    // Nothing of anyone else: the owner's own list has only their school.
    expect((await gqlOk(api.url, ME, {}, owner.token)).me.memberships.map((m: any) => m.organization.id)).toEqual([zeta]);
  });

  it("lists the viewer's juror seats newest challenge first, with their counters, and their teams as myTeams does", async () => {
    const { person, challenges, seats, teams } = await busyPerson(3, 'seats');
    const me = (await gqlOk(api.url, ME, {}, person.token)).me;
    expect(me.jurorSeats.map((s: any) => [s.id, s.challenge.id])).toEqual([2, 1, 0].map((i) => [seats[i], challenges[i]]));
    expect(me.jurorSeats.every((s: any) => s.assignedCount === 0 && s.submittedCount === 0)).toBe(true);
    expect(me.teams.map((t: any) => t.id)).toEqual([...teams].reverse());
    expect(me.teams.map((t: any) => t.id)).toEqual((await gqlOk(api.url, MY_TEAMS, {}, person.token)).myTeams.map((t: any) => t.id));
    expect(me.memberships).toHaveLength(3);
  });

  it('counts assigned and submitted reviews on a seat once judging started', async () => {
    const f = await judgingFixture(api.url, { ideas: 3, jurors: 2 });
    await startJudging(api.url, f.organizer, f.challenge.id);
    const juror = f.jurors[0]!;
    const seat = (await gqlOk(api.url, ME, {}, juror.user.token)).me.jurorSeats.find((s: any) => s.id === juror.jurorId);
    expect(seat).toMatchObject({ assignedCount: 3, submittedCount: 0, challenge: { id: f.challenge.id } });
  });

  it("reads another user's memberships, juror seats and teams as empty lists, for admins too", async () => {
    const { person, schools } = await busyPerson(1, 'other');
    const colleague = await signUp(api.url, { label: 'colleague' });
    await addMember(api.url, person, schools[0]!, colleague);
    for (const viewer of [colleague, admin, person]) {
      const members = (await gqlOk(api.url, MEMBERS_SEEN, { id: schools[0] }, viewer.token)).organization.members;
      const target = members.find((m: any) => m.user.id === person.id).user;
      if (viewer === person) {
        expect([target.memberships.length, target.jurorSeats.length, target.teams.length]).toEqual([1, 1, 1]);
      } else {
        expect(target).toEqual({ id: person.id, memberships: [], jurorSeats: [], teams: [] });
      }
    }
  });

  it("gives every assignment the challenge's criteria, with weight and maximum, in the challenge's order", async () => {
    const f = await judgingFixture(api.url, {
      ideas: 2,
      jurors: 2,
      overrides: { criteria: [{ name: 'Impatto', weight: 3, maxScore: 10 }, { name: 'Originalità', weight: 1, maxScore: 5 }, { name: 'Fattibilità' }] },
    });
    await startJudging(api.url, f.organizer, f.challenge.id);
    const assignments = (await gqlOk(api.url, ASSIGNMENTS, { id: f.challenge.id }, f.jurors[0]!.user.token)).myAssignments;
    expect(assignments).toHaveLength(2);
    const expected = f.challenge.criteria.map((c: any) => ({ id: c.id, name: c.name, weight: c.weight, maxScore: c.maxScore }));
    expect(expected.map((c: any) => c.name)).toEqual(['Impatto', 'Originalità', 'Fattibilità']);
    for (const a of assignments) expect(a.criteria).toEqual(expected);
  });

  describe('statement counts', () => {
    it('reads me { memberships jurorSeats teams } in the same number of SQL statements for 1 and 4 of each', async () => {
      const one = await busyPerson(1, 'uno');
      const four = await busyPerson(4, 'quattro');
      const read = (user: TestUser) => statementsOf(() => gqlOk(api.url, ME, {}, user.token));
      const small = await read(one.person);
      const large = await read(four.person);
      expect([small.result.me.memberships.length, small.result.me.jurorSeats.length, small.result.me.teams.length]).toEqual([1, 1, 1]);
      expect([large.result.me.memberships.length, large.result.me.jurorSeats.length, large.result.me.teams.length]).toEqual([4, 4, 4]);
      expect(large.count).toBe(small.count);
      expect(small.count).toBeLessThanOrEqual(12);
    });

    it('reads myAssignments { criteria } in the same number of SQL statements for 1 and 5 assignments', async () => {
      const small = await judgingFixture(api.url, { ideas: 1, jurors: 2 });
      const large = await judgingFixture(api.url, { ideas: 5, jurors: 2 });
      await startJudging(api.url, small.organizer, small.challenge.id);
      await startJudging(api.url, large.organizer, large.challenge.id);
      const read = (f: typeof small) => statementsOf(() => gqlOk(api.url, ASSIGNMENTS, { id: f.challenge.id }, f.jurors[0]!.user.token));
      const one = await read(small);
      const five = await read(large);
      expect(one.result.myAssignments).toHaveLength(1);
      expect(five.result.myAssignments).toHaveLength(5);
      expect(five.result.myAssignments.every((a: any) => a.criteria.length === 2)).toBe(true);
      expect(five.count).toBe(one.count);
    });
  });

  it('answers me as null for an anonymous caller', async () => {
    expect((await gqlOk(api.url, ME, {})).me).toBeNull();
  });
});
