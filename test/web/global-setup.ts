// One fresh database and Redis prefix, the built API and worker as real processes, an SMTP sink, and the data the
// browser tests read (through the public API, as a user would create it). Returns the teardown.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FullConfig } from '@playwright/test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { migrateDatabase } from '#platform/database/data-source.js';
import { createTeam, publishedChallenge, school } from '../helpers/challenge-factories.js';
import { gqlOk } from '../helpers/graphql.js';
import { judgingFixture, myAssignments, startJudging, submitReview, uniformScores, PUBLISH_RESULTS } from '../helpers/judging-factories.js';
import { spawnApi, spawnWorker, stopAllProcesses } from '../helpers/processes.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';

export interface WebFixture {
  baseURL: string;
  results: { slug: string; title: string; winnerIdeaId: string; winnerTitle: string; awardTitle: string };
  open: { slug: string; id: string };
  coach: { email: string; password: string; teamJoinCode: string };
  student: { username: string; code: string; displayName: string };
  /** GET it for every email the SMTP sink received so far (JSON: recipients, headers, raw), for the emailed links. */
  mailbox: string;
}

const RATE_LIMITS = [
  'RATE_LIMIT_SIGN_UP_PER_ADDRESS',
  'RATE_LIMIT_SIGN_IN_PER_ADDRESS',
  'RATE_LIMIT_SIGN_IN_PER_ACCOUNT',
  'RATE_LIMIT_JOIN_TEAM_PER_USER',
  'RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT',
  'RATE_LIMIT_ACCOUNT_EMAILS_PER_ADDRESS',
  'RATE_LIMIT_ADD_STUDENTS_PER_COACH',
];

async function buildData(url: string): Promise<Omit<WebFixture, 'baseURL' | 'mailbox'>> {
  // A challenge with its results published: three submitted ideas, two jurors, a frozen ranking and two awards.
  const judged = await judgingFixture(url, { ideas: 3, jurors: 2, overrides: { title: 'Climathon Scuole Trento 2026' } });
  await startJudging(url, judged.organizer, judged.challenge.id);
  for (const [j, juror] of judged.jurors.entries()) {
    for (const [i, assignment] of (await myAssignments(url, juror.user, judged.challenge.id)).entries()) {
      await submitReview(url, juror.user, assignment.id, uniformScores(judged.challenge, Math.max(1, 9 - i - j)), 'Ben argomentata.');
    }
  }
  const leaderboard = await gqlOk(url, `query($id: ID!) { challenge(id: $id) { leaderboard { rank idea { id title } } } }`, { id: judged.challenge.id }, judged.organizer.token);
  const winner = leaderboard.challenge.leaderboard[0].idea as { id: string; title: string };
  const awardTitle = 'Premio Acqua Pulita';
  await gqlOk(url, PUBLISH_RESULTS, { input: { challengeId: judged.challenge.id, awards: [{ ideaId: winner.id, place: 1, title: awardTitle }] } }, judged.organizer.token);

  // A challenge open for ideas, with a school whose teacher coaches a class: the roster student and the bell.
  const open = await publishedChallenge(url, { title: 'Hackathon Mobilità Sostenibile' });
  const { teacher, schoolId } = await school(url, { name: 'Liceo Rosmini', district: 'Rovereto' });
  const team = await createTeam(url, teacher, { challengeId: open.challenge.id, schoolId, name: '5A Ciclisti', className: '5A' });
  await gqlOk(url, `mutation($org: ID!) { acceptDataProcessingAgreement(organizationId: $org, version: "2026-01") { version } }`, { org: schoolId }, teacher.token);
  const sheet = await gqlOk(
    url,
    `mutation($team: ID!) { addStudents(teamId: $team, students: [{ displayName: "Giulia R." }], guardianConsentConfirmed: true) { students { username code displayName } } }`,
    { team: team.id },
    teacher.token,
  );
  const student = sheet.addStudents.students[0] as WebFixture['student'];
  return {
    results: { slug: judged.challenge.slug, title: 'Climathon Scuole Trento 2026', winnerIdeaId: winner.id, winnerTitle: winner.title, awardTitle },
    open: { slug: open.challenge.slug, id: open.challenge.id },
    coach: { email: teacher.email, password: teacher.password, teamJoinCode: team.joinCode },
    student,
  };
}

/** Drops the run's database and deletes its Redis keys. */
async function dropRunData(databaseUrl: string, prefix: string): Promise<void> {
  const url = new URL(databaseUrl);
  const database = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await client.end();
  const redis = new Redis(process.env.REDIS_URL!);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/climathon');
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  base.pathname = `/climathon_test_web_${runId}`;
  process.env.DATABASE_URL = base.toString();
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.QUEUE_PREFIX = `test_web_${runId}`;
  for (const name of RATE_LIMITS) process.env[name] ??= '1000000';
  await migrateDatabase({ DATABASE_URL: process.env.DATABASE_URL });

  const smtp = await startSmtpSink();
  // The test workers are other processes: they read the sink's emails over HTTP.
  const mailbox = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify([...smtp.verificationMessages, ...smtp.messages]));
  });
  await new Promise<void>((resolve) => mailbox.listen(0, '127.0.0.1', resolve));
  const env = { SMTP_URL: smtp.url, LOG_LEVEL: process.env.WEB_TEST_LOG_LEVEL ?? 'warn' };
  const [api, worker] = await Promise.all([spawnApi('api', env), spawnWorker('worker', env)]);
  const teardown = async () => {
    await stopAllProcesses();
    await new Promise((resolve) => mailbox.close(resolve));
    await smtp.close();
    await dropRunData(base.toString(), process.env.QUEUE_PREFIX!);
  };
  try {
    await Promise.all([api.waitReady(), worker.waitReady()]);
    const fixture: WebFixture = { baseURL: api.base, mailbox: `http://127.0.0.1:${(mailbox.address() as AddressInfo).port}/`, ...(await buildData(api.url)) };
    process.env.WEB_FIXTURE = JSON.stringify(fixture); // the test workers inherit it
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
