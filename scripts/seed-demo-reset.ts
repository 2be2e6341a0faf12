// What belongs to the demo, and its removal (npm run seed:demo -- --reset). The demo is marked by its accounts:
//
//   1. its users: every account whose email is at the demo's domain (@climathon.test, a reserved `.test` domain no
//      real person can receive mail at), and the roster students (no email) of the demo's classes;
//   2. its organizations: those whose owners are all demo users (the promoter, the company, the lab, the schools);
//   3. its challenges: those organized by a demo organization, with everything in them;
//   4. its classes: the teams of demo challenges and the teams of demo schools (in any challenge);
//   5. and what hangs on those: ideas, jurors and reviews (also a demo user's seat on another jury), adoptions
//      (of demo ideas, by demo companies or proposed by demo users), mini-companies and milestones, memberships,
//      sessions, notifications, consents, exports; the outbox events, failed jobs and reminders that name any of them.
//
// Nothing else is touched: other people's accounts, organizations and challenges stay, and so do their rows, except
// the links that pointed at demo rows (a membership in a demo team, a vote for a demo idea, a notification about
// one), which go with them. All in one transaction.
import type { DataSource, EntityManager } from 'typeorm';
import { DEMO_DOMAIN } from './seed-demo-data.js';

const UUID = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`;

/** Rows per table of the whole database (TypeORM's bookkeeping aside): what a run created or removed is the difference. */
export async function countRows(db: DataSource | EntityManager): Promise<Map<string, number>> {
  const tables: { name: string }[] = await db.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('schema_migration', 'typeorm_metadata') ORDER BY tablename`,
  );
  const counts = new Map<string, number>();
  for (const { name } of tables) {
    const [row]: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM "${name}"`);
    counts.set(name, row.n);
  }
  return counts;
}

/** Whether the database holds any demo account (then the demo, or part of it, is there). */
export async function demoPresent(db: DataSource): Promise<boolean> {
  const [row]: { present: boolean }[] = await db.query(`SELECT EXISTS (SELECT 1 FROM app_user WHERE email LIKE $1) AS present`, [`%@${DEMO_DOMAIN}`]);
  return row.present === true;
}

/** Removes every demo row (the scope above) in one transaction; returns how many rows each table lost. */
export async function removeDemo(dataSource: DataSource): Promise<Map<string, number>> {
  return dataSource.transaction(async (m) => {
    const before = await countRows(m);
    await collectScope(m);
    await deleteScope(m);
    const after = await countRows(m);
    return new Map([...before].map(([table, n]) => [table, n - (after.get(table) ?? 0)]));
  });
}

/** The demo's rows, in temporary tables dropped at commit. */
async function collectScope(m: EntityManager): Promise<void> {
  const temp = (name: string, select: string, params: unknown[] = []) => m.query(`CREATE TEMP TABLE ${name} ON COMMIT DROP AS ${select}`, params);
  await temp('demo_user', `SELECT id FROM app_user WHERE email LIKE $1`, [`%@${DEMO_DOMAIN}`]);
  await temp(
    'demo_org',
    `SELECT o.id FROM organization o
      WHERE EXISTS (SELECT 1 FROM organization_member om WHERE om.organization_id = o.id AND om.role = 'OWNER')
        AND NOT EXISTS (SELECT 1 FROM organization_member om WHERE om.organization_id = o.id AND om.role = 'OWNER' AND om.user_id NOT IN (SELECT id FROM demo_user))`,
  );
  await temp('demo_challenge', `SELECT id FROM challenge WHERE organizer_id IN (SELECT id FROM demo_org)`);
  await temp('demo_team', `SELECT id FROM team WHERE challenge_id IN (SELECT id FROM demo_challenge) OR school_id IN (SELECT id FROM demo_org)`);
  await m.query(
    `INSERT INTO demo_user SELECT user_id FROM roster_student
      WHERE (team_id IN (SELECT id FROM demo_team) OR school_id IN (SELECT id FROM demo_org)) AND user_id NOT IN (SELECT id FROM demo_user)`,
  );
  await temp('demo_idea', `SELECT id FROM idea WHERE challenge_id IN (SELECT id FROM demo_challenge) OR team_id IN (SELECT id FROM demo_team)`);
  await temp(
    'demo_juror',
    `SELECT id FROM juror WHERE challenge_id IN (SELECT id FROM demo_challenge) OR user_id IN (SELECT id FROM demo_user) OR affiliation_id IN (SELECT id FROM demo_org)`,
  );
  await temp(
    'demo_assignment',
    `SELECT id FROM review_assignment
      WHERE challenge_id IN (SELECT id FROM demo_challenge) OR idea_id IN (SELECT id FROM demo_idea) OR juror_id IN (SELECT id FROM demo_juror)`,
  );
  await temp(
    'demo_adoption',
    `SELECT id FROM adoption WHERE idea_id IN (SELECT id FROM demo_idea) OR company_id IN (SELECT id FROM demo_org) OR proposed_by_id IN (SELECT id FROM demo_user)`,
  );
  await temp('demo_company', `SELECT id FROM mini_company WHERE team_id IN (SELECT id FROM demo_team) OR idea_id IN (SELECT id FROM demo_idea)`);
  // Every id an event, a failed job, a reminder or a notification may name.
  await temp(
    'demo_id',
    `SELECT id FROM demo_user UNION SELECT id FROM demo_org UNION SELECT id FROM demo_challenge UNION SELECT id FROM demo_team
     UNION SELECT id FROM demo_idea UNION SELECT id FROM demo_juror UNION SELECT id FROM demo_assignment UNION SELECT id FROM demo_adoption
     UNION SELECT id FROM demo_company
     UNION SELECT id FROM milestone WHERE mini_company_id IN (SELECT id FROM demo_company)
     UNION SELECT id FROM review WHERE assignment_id IN (SELECT id FROM demo_assignment)
     UNION SELECT id FROM theme WHERE challenge_id IN (SELECT id FROM demo_challenge)
     UNION SELECT id FROM criterion WHERE challenge_id IN (SELECT id FROM demo_challenge)
     UNION SELECT id FROM award WHERE challenge_id IN (SELECT id FROM demo_challenge) OR idea_id IN (SELECT id FROM demo_idea)`,
  );
  await m.query(`CREATE INDEX ON demo_id (id)`);
}

/** Bottom-up, so that no RESTRICT reference stops a delete; cascades take the rest (members, tokens, reviews...). */
async function deleteScope(m: EntityManager): Promise<void> {
  const named = (table: string) =>
    `DELETE FROM ${table} t WHERE EXISTS (SELECT 1 FROM regexp_matches(t.payload::text, '${UUID}', 'g') AS x(match) WHERE x.match[1]::uuid IN (SELECT id FROM demo_id))`;
  await m.query(named('outbox_event'));
  await m.query(named('job_failure'));
  await m.query(`DELETE FROM scheduled_reminder WHERE subject_id IN (SELECT id FROM demo_id)`);
  await m.query(`DELETE FROM notification WHERE recipient_id IN (SELECT id FROM demo_user) OR subject_id IN (SELECT id FROM demo_id)`);
  await m.query(`DELETE FROM data_export WHERE subject_id IN (SELECT id FROM demo_user) OR requested_by_id IN (SELECT id FROM demo_user)`);
  await m.query(`DELETE FROM adoption WHERE id IN (SELECT id FROM demo_adoption)`);
  await m.query(`DELETE FROM mini_company WHERE id IN (SELECT id FROM demo_company)`);
  await m.query(`DELETE FROM review_assignment WHERE id IN (SELECT id FROM demo_assignment)`);
  await m.query(`DELETE FROM juror WHERE id IN (SELECT id FROM demo_juror)`);
  await m.query(`DELETE FROM idea WHERE id IN (SELECT id FROM demo_idea)`);
  await m.query(`DELETE FROM team WHERE id IN (SELECT id FROM demo_team)`);
  await m.query(`DELETE FROM challenge WHERE id IN (SELECT id FROM demo_challenge)`);
  await m.query(`DELETE FROM organization WHERE id IN (SELECT id FROM demo_org)`);
  await m.query(`DELETE FROM app_user WHERE id IN (SELECT id FROM demo_user)`);
}
