// Bulk fixtures for the fault tests: rows inserted with SQL (thousands in one statement), events recorded through
// recordEvents so they commit with a NOTIFY exactly as the services record them.
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { IDEA_SUBMITTED } from '#domain/ideas/ideas.service.js';
import { ORGANIZATION_MEMBER_ADDED } from '#domain/organizations/organizations.service.js';
import { recordEvents } from '#platform/outbox/outbox.js';
import { QUEUES, type QueueName } from '#platform/queues/job-registry.js';
import type { ReceivedEmail } from '../helpers/smtp-sink.js';

export const tag = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** A queue prefix of its own under the run's prefix (global teardown deletes `<run prefix>:*`). */
export const subPrefix = (name: string) => `${process.env.QUEUE_PREFIX}:${name}`;

export interface Recipients {
  userIds: string[];
  emails: string[];
}

/** `count` users (half Italian, half English) with unique emails; the password hash is unusable on purpose. */
export async function insertUsers(db: DataSource, count: number, label: string): Promise<Recipients> {
  const t = tag();
  const rows: { id: string; email: string }[] = await db.query(
    `INSERT INTO app_user (email, password_hash, display_name, locale, email_verified_at)
     SELECT $1 || '.' || g || '.' || $2 || '@example.test', 'x', 'Utente ' || g, CASE WHEN g % 2 = 0 THEN 'it' ELSE 'en' END, now()
     FROM generate_series(1, $3::int) AS g
     RETURNING id, email`,
    [label, t, count],
  );
  return { userIds: rows.map((r) => r.id), emails: rows.map((r) => r.email) };
}

/**
 * A published challenge whose one team has `count` members and a SUBMITTED idea: IDEA_SUBMITTED then notifies
 * the whole team, a single event fanned out to `count` recipients.
 */
export async function insertBigTeam(db: DataSource, count: number): Promise<Recipients & { teamId: string; ideaId: string; submittedBy: string }> {
  const t = tag();
  const recipients = await insertUsers(db, count, 'fanout');
  const [org] = await db.query(`INSERT INTO organization (name, kind) VALUES ($1, 'SCHOOL') RETURNING id`, [`Istituto ${t}`]);
  const [challenge] = await db.query(
    `INSERT INTO challenge (organizer_id, slug, title, description, format, status, submission_opens_at, submission_closes_at, judging_closes_at, reviews_per_idea, max_team_size)
     VALUES ($1, $2, $3, 'Fault test', 'SCHOOL_CLIMATHON', 'PUBLISHED', now() - interval '1 day', now() + interval '30 days', now() + interval '60 days', 3, 10000)
     RETURNING id`,
    [org.id, `fault-${t}`, `Sfida ${t}`],
  );
  const [theme] = await db.query(`INSERT INTO theme (challenge_id, name, position) VALUES ($1, 'Energia', 0) RETURNING id`, [challenge.id]);
  const [team] = await db.query(`INSERT INTO team (challenge_id, name, join_code) VALUES ($1, $2, $3) RETURNING id`, [challenge.id, `Squadra ${t}`, `J${t}`.toUpperCase()]);
  await db.query(
    `INSERT INTO team_member (team_id, user_id, challenge_id, role)
     SELECT $1, u, $2, (CASE WHEN o = 1 THEN 'CAPTAIN' ELSE 'STUDENT' END)::team_role FROM unnest($3::uuid[]) WITH ORDINALITY AS x(u, o)`,
    [team.id, challenge.id, recipients.userIds],
  );
  const [idea] = await db.query(
    `INSERT INTO idea (team_id, challenge_id, theme_id, title, summary, problem, solution, status, submitted_at)
     VALUES ($1, $2, $3, 'Tetti verdi', 'Tetti verdi per la scuola', 'Calore', 'Piante', 'SUBMITTED', now()) RETURNING id`,
    [team.id, challenge.id, theme.id],
  );
  return { ...recipients, teamId: team.id, ideaId: idea.id, submittedBy: recipients.userIds[0]! };
}

export async function recordIdeaSubmitted(db: DataSource, team: { teamId: string; ideaId: string; submittedBy: string }): Promise<string> {
  const [event] = await db.transaction((manager) =>
    recordEvents(manager, [{ type: IDEA_SUBMITTED, payload: { ideaId: team.ideaId, teamId: team.teamId, submittedBy: team.submittedBy } }]),
  );
  return event!.id;
}

/** An organisation and `count` new members, with one ORGANIZATION_MEMBER_ADDED event each (one notification each). */
export async function insertMembersWithEvents(db: DataSource, count: number): Promise<Recipients & { organizationId: string; eventIds: string[] }> {
  const recipients = await insertUsers(db, count, 'member');
  const [org] = await db.query(`INSERT INTO organization (name, kind) VALUES ($1, 'COMPANY') RETURNING id`, [`Impresa ${tag()}`]);
  const events = await db.transaction(async (manager) => {
    await manager.query(`INSERT INTO organization_member (organization_id, user_id, role) SELECT $1, u, 'MEMBER' FROM unnest($2::uuid[]) AS u`, [org.id, recipients.userIds]);
    return recordEvents(
      manager,
      recipients.userIds.map((userId) => ({ type: ORGANIZATION_MEMBER_ADDED, payload: { organizationId: org.id, userId, role: 'MEMBER', addedBy: userId } })),
    );
  });
  return { ...recipients, organizationId: org.id, eventIds: events.map((e) => e.id) };
}

/** Emails received per recipient address (lower case): raw deliveries and distinct Message-IDs. */
export function emailsByRecipient(messages: ReceivedEmail[]): Map<string, { raw: number; messageIds: Set<string> }> {
  const byRecipient = new Map<string, { raw: number; messageIds: Set<string> }>();
  for (const message of messages) {
    for (const to of message.to) {
      const key = to.toLowerCase();
      const entry = byRecipient.get(key) ?? { raw: 0, messageIds: new Set<string>() };
      entry.raw += 1;
      entry.messageIds.add(message.headers['message-id'] ?? `(none ${entry.raw})`);
      byRecipient.set(key, entry);
    }
  }
  return byRecipient;
}

/** Read-only access to the BullMQ queues of one prefix (job counts, job states). */
export class QueueProbe {
  private readonly connection: Redis;
  readonly queues: Record<QueueName, Queue>;

  constructor(redisUrl: string, prefix: string) {
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.queues = Object.fromEntries(Object.values(QUEUES).map((name) => [name, new Queue(name, { connection: this.connection, prefix })])) as Record<QueueName, Queue>;
  }

  async counts(queue: QueueName): Promise<Record<string, number>> {
    return this.queues[queue].getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'failed', 'completed', 'waiting-children');
  }

  /** No job waiting, delayed or running in these queues (reminders of other tests' rows may sit delayed in `schedules`). */
  async idle(queues: QueueName[] = [QUEUES.events, QUEUES.email]): Promise<boolean> {
    for (const name of queues) {
      const c = await this.counts(name);
      if (c.active || c.waiting || c.delayed || c.prioritized) return false;
    }
    return true;
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
    this.connection.disconnect();
  }
}

/**
 * An SMTP server the test steers: `gate` holds every message before it is accepted (until released), `reject`
 * answers 451 (try again later) to every message, a relay that never recovers. Accepted messages are kept like the shared sink's.
 */
export async function startControlledSink(options: { reject?: boolean } = {}) {
  const messages: ReceivedEmail[] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  let holding = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (options.reject) {
          const error = Object.assign(new Error('Service unavailable, try again later (test sink rejects everything)'), { responseCode: 451 });
          return callback(error);
        }
        holding += 1;
        void gate.then(() => {
          holding -= 1;
          const raw = Buffer.concat(chunks).toString('utf8');
          const headers: Record<string, string> = {};
          for (const line of (raw.split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
            const i = line.indexOf(':');
            if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
          }
          messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            headers,
            subject: headers.subject ?? '',
            receivedAt: Date.now(),
          });
          callback();
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Messages received but not yet accepted (held by the gate). */
    holding: () => holding,
    hold() {
      gate = new Promise((resolve) => (release = resolve));
    },
    release: () => release(),
    close: () => {
      release();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
