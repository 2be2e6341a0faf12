import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ReminderScheduler } from '../apps/worker/src/reminders/reminder-scheduler.service.js';
import { QueueProducer } from '#platform/queues/queue-producer.js';
import { ManualClock } from '#platform/clock/clock.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { createTeam, DAY, forceStatus, ideaInput, publishedChallenge, saveIdea, school, student, submitIdea, type TestChallenge } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { createOrganization, signUp, type TestUser } from './helpers/factories.js';
import { gqlOk } from './helpers/graphql.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { sleep, waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

const KIND = 'SUBMISSION_DEADLINE_SOON';
const MINUTE = 60_000;

interface ReminderRow {
  id: string;
  due_at: Date;
  lead_ms: number;
  fire_at: Date;
  fired_at: Date | null;
  cancelled_at: Date | null;
}

describe('SUBMISSION_DEADLINE_SOON reminders', () => {
  const clock = new ManualClock(new Date());
  let api: RunningApi;
  let worker: RunningWorker;
  let scheduler: ReminderScheduler;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: DataSource;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    api = await startApi({ clock });
    worker = await startWorker({ clock });
    scheduler = worker.app.get(ReminderScheduler);
    db = await openDatabase();
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
    await db.destroy();
  });

  const rows = (challengeId: string): Promise<ReminderRow[]> =>
    db.query(`SELECT * FROM scheduled_reminder WHERE kind = 'submission-deadline' AND subject_id = $1 ORDER BY created_at`, [challengeId]);
  const notified = async (challengeId: string): Promise<{ recipient_id: string; locale: string; title: string }[]> =>
    db.query(`SELECT recipient_id, locale, title FROM notification WHERE kind = $1 AND subject_id = $2 ORDER BY recipient_id`, [KIND, challengeId]);

  /** A published challenge with a team that has not submitted (coach + student) and one that has. */
  async function edition(submissionClosesIn: number, now = clock.now()) {
    const { organizer, challenge } = await publishedChallenge(
      api.url,
      { submissionOpensAt: new Date(now.getTime() - DAY).toISOString(), submissionClosesAt: new Date(now.getTime() + submissionClosesIn).toISOString() },
      now,
    );
    const { teacher: lateCoach, schoolId } = await school(api.url);
    const late = await createTeam(api.url, lateCoach, { challengeId: challenge.id, schoolId, name: 'Ritardatari' });
    const lateStudent = await student(api.url, late.joinCode, 'late');
    const { teacher: readyCoach, schoolId: otherSchool } = await school(api.url, { name: 'Liceo Righi' });
    const ready = await createTeam(api.url, readyCoach, { challengeId: challenge.id, schoolId: otherSchool, name: 'Puntuali' });
    const readyStudent = await student(api.url, ready.joinCode, 'ready');
    const idea = await saveIdea(api.url, readyStudent, ideaInput(ready.id, challenge.themes[0]!.id));
    await submitIdea(api.url, readyCoach, idea.id);
    return { organizer, challenge, lateCoach, lateStudent, readyCoach, readyStudent };
  }

  const plannedFor = (challenge: TestChallenge, dueAt: Date) =>
    waitFor(
      async () => {
        const live = (await rows(challenge.id)).filter((r) => !r.cancelled_at && r.due_at.getTime() === dueAt.getTime());
        return live.length > 0 && live;
      },
      { what: 'planned reminder' },
    );

  it('plans one reminder 24 h before the deadline and fires it once, to the teams that have not submitted', async () => {
    const closesAt = new Date(clock.now().getTime() + 3 * DAY);
    const { challenge, lateCoach, lateStudent, readyCoach, readyStudent } = await edition(3 * DAY);
    const [row] = await plannedFor(challenge, closesAt);
    expect(row!.lead_ms).toBe(DAY);
    expect(row!.fire_at.getTime()).toBe(closesAt.getTime() - DAY);

    clock.set(new Date(closesAt.getTime() - DAY - MINUTE));
    await scheduler.reconcile();
    expect(await notified(challenge.id)).toHaveLength(0); // not yet

    clock.set(new Date(closesAt.getTime() - DAY + MINUTE));
    await scheduler.reconcile();
    const told = await waitFor(
      async () => {
        const list = await notified(challenge.id);
        return list.length === 2 && list;
      },
      { what: 'two notifications' },
    );
    expect(told.map((n) => n.recipient_id).sort()).toEqual([lateCoach.id, lateStudent.id].sort());
    expect(told.map((n) => n.recipient_id)).not.toContain(readyCoach.id);
    expect(told.map((n) => n.recipient_id)).not.toContain(readyStudent.id);
    expect(told[0]!.title).toMatch(/^Ultime 24 ore/);

    const email = await waitFor(() => smtp.messages.find((m) => m.to.includes(lateStudent.email)), { what: 'email' });
    expect(email.headers['x-notification-kind']).toBe(KIND);

    // Running the reconciliation and the job again changes nothing: exactly once.
    await scheduler.reconcile();
    expect(await scheduler.fire(row!.id)).toBe('skipped');
    await sleep(500);
    expect(await notified(challenge.id)).toHaveLength(2);
    clock.set(new Date());
  });

  it('re-plans when the deadline moves: the old date fires nothing, the new one fires once', async () => {
    const now = clock.now();
    const { organizer, challenge } = await edition(3 * DAY, now);
    const oldDue = new Date(now.getTime() + 3 * DAY);
    const newDue = new Date(now.getTime() + 5 * DAY);
    const [oldRow] = await plannedFor(challenge, oldDue);

    await gqlOk(
      api.url,
      `mutation($input: UpdateChallengeInput!) { updateChallenge(input: $input) { id } }`,
      { input: { id: challenge.id, submissionClosesAt: newDue.toISOString() } },
      organizer.token,
    );
    const [newRow] = await plannedFor(challenge, newDue);
    expect(newRow!.fire_at.getTime()).toBe(newDue.getTime() - DAY);
    const old = (await rows(challenge.id)).find((r) => r.id === oldRow!.id)!;
    expect(old.cancelled_at).not.toBeNull();
    const delayedIds = (await worker.app.get(QueueProducer).queue('schedules').getDelayed()).map((j) => j.id);
    expect(delayedIds).toContain(`reminder-${newRow!.id}`);
    expect(delayedIds).not.toContain(`reminder-${oldRow!.id}`);

    clock.set(new Date(oldDue.getTime() - DAY + MINUTE));
    expect(await scheduler.fire(oldRow!.id)).toBe('skipped');
    await scheduler.reconcile();
    expect(await notified(challenge.id)).toHaveLength(0);

    clock.set(new Date(newDue.getTime() - DAY + MINUTE));
    await scheduler.reconcile();
    await waitFor(async () => (await notified(challenge.id)).length === 2, { what: 'notifications of the new date' });
    clock.set(new Date());
  });

  it('sends at once when the deadline is moved to less than 24 h ahead', async () => {
    clock.set(new Date());
    const { organizer, challenge, lateStudent } = await edition(3 * DAY);
    await plannedFor(challenge, new Date(clock.now().getTime() + 3 * DAY));
    const soon = new Date(clock.now().getTime() + 6 * 3600_000);
    await gqlOk(
      api.url,
      `mutation($input: UpdateChallengeInput!) { updateChallenge(input: $input) { id } }`,
      { input: { id: challenge.id, submissionClosesAt: soon.toISOString() } },
      organizer.token,
    );
    // No clock movement and no reconciliation: the real worker takes the immediate job.
    await waitFor(async () => (await notified(challenge.id)).some((n) => n.recipient_id === lateStudent.id), { what: 'immediate reminder' });
    const live = (await rows(challenge.id)).filter((r) => !r.cancelled_at);
    expect(live).toHaveLength(1);
    expect(live[0]!.due_at.getTime()).toBe(soon.getTime());
    expect(live[0]!.fired_at).not.toBeNull();
  });

  it('fires through the real delayed job when the moment comes, with nothing done by hand', async () => {
    clock.set(new Date());
    const { challenge, lateStudent } = await edition(DAY + 3000);
    await waitFor(async () => (await notified(challenge.id)).some((n) => n.recipient_id === lateStudent.id), { what: 'delayed reminder', timeoutMs: 15_000 });
  });

  it('re-plans from the database what Redis lost, and fires nothing once submissions are over', async () => {
    clock.set(new Date());
    const { challenge } = await edition(3 * DAY);
    const [row] = await plannedFor(challenge, new Date(clock.now().getTime() + 3 * DAY));
    const queue = worker.app.get(QueueProducer).queue('schedules');
    await queue.remove(`reminder-${row!.id}`);
    await db.query(`DELETE FROM scheduled_reminder WHERE id = $1`, [row!.id]); // as if never planned

    expect((await scheduler.reconcile()).replanned).toBeGreaterThanOrEqual(1);
    const [replanned] = await rows(challenge.id);
    expect(replanned!.fire_at.getTime()).toBe(row!.fire_at.getTime());

    await forceStatus(db, challenge.id, 'JUDGING');
    expect(await scheduler.fire(replanned!.id)).toBe('cancelled');
    expect(await notified(challenge.id)).toHaveLength(0);
  });

  it('speaks the language of each recipient', async () => {
    clock.set(new Date());
    const { challenge } = await publishedChallenge(api.url, { submissionClosesAt: new Date(clock.now().getTime() + 3 * DAY).toISOString() });
    const english: TestUser = await signUp(api.url, { label: 'english', locale: 'en' });
    const schoolId = await createOrganization(api.url, english, { kind: 'SCHOOL', name: 'International School' });
    const team = await createTeam(api.url, english, { challengeId: challenge.id, schoolId, name: 'Green' });
    const italian = await student(api.url, team.joinCode, 'italian');
    await plannedFor(challenge, new Date(clock.now().getTime() + 3 * DAY));

    clock.set(new Date(clock.now().getTime() + 2 * DAY + MINUTE));
    await scheduler.reconcile();
    const list = await waitFor(
      async () => {
        const all = await notified(challenge.id);
        return all.length === 2 && all;
      },
      { what: 'two reminders' },
    );
    expect(list.find((n) => n.recipient_id === english.id)).toMatchObject({ locale: 'en', title: `Last 24 hours for "Climathon Scuole Bologna"` });
    expect(list.find((n) => n.recipient_id === italian.id)).toMatchObject({ locale: 'it', title: `Ultime 24 ore per «Climathon Scuole Bologna»` });
    clock.set(new Date());
  });
});
