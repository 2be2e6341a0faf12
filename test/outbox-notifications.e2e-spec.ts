import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { recordEvents } from '#platform/outbox/outbox.js';
import { ORGANIZATION_MEMBER_ADDED } from '#domain/organizations/organizations.service.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { openDatabase } from './helpers/db.js';
import { addMember, createOrganization, signUp } from './helpers/factories.js';
import { collect, gqlError, gqlOk, wsClient } from './helpers/graphql.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { sleep, waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

const SUBSCRIPTION = `subscription { notificationAdded { id kind title body subjectId path createdAt readAt } }`;
const MY_NOTIFICATIONS = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount unreadCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind title body subjectId path readAt } }
  }
}`;

describe('outbox -> worker -> notification, subscription and email', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: DataSource;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    api = await startApi();
    worker = await startWorker();
    db = await openDatabase();
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
    await db.destroy();
  });

  it('turns one committed event into exactly one stored notification, one subscription message and one email', async () => {
    const owner = await signUp(api.url, { label: 'owner' });
    const teacher = await signUp(api.url, { label: 'teacher', locale: 'en' });
    const organizationId = await createOrganization(api.url, owner, { name: 'Liceo Scientifico Galilei' });

    const client = wsClient(api.wsUrl, teacher.token);
    const subscription = collect(client, SUBSCRIPTION);
    await sleep(300); // let the subscription reach Redis before the event fires

    await addMember(api.url, owner, organizationId, teacher);

    const pushed = await waitFor(() => subscription.received.length > 0 && subscription.received, { what: 'subscription message' });
    expect(pushed[0]!.data.notificationAdded).toMatchObject({
      kind: 'ORGANIZATION_MEMBER_ADDED',
      title: 'Invitation to join Liceo Scientifico Galilei',
      body: "You have an invitation to Liceo Scientifico Galilei as member. You can accept or decline it on the organization's page.",
      subjectId: organizationId,
      path: `/organizations/${organizationId}`,
      readAt: null,
    });
    const email = await waitFor(() => smtp.messages.find((m) => m.to.includes(teacher.email.toLowerCase()) || m.to.includes(teacher.email)), { what: 'email' });
    expect(email.headers['x-notification-kind']).toBe('ORGANIZATION_MEMBER_ADDED');
    expect(email.subject).toBe('Invitation to join Liceo Scientifico Galilei');

    // Wait past any retry window, then count: exactly one of each.
    await sleep(1000);
    const list = await gqlOk(api.url, MY_NOTIFICATIONS, {}, teacher.token);
    expect(list.myNotifications.totalCount).toBe(1);
    expect(list.myNotifications.unreadCount).toBe(1);
    expect(list.myNotifications.edges[0].node.path).toBe(`/organizations/${organizationId}`);
    expect(subscription.received).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.to.includes(teacher.email))).toHaveLength(1);
    // The owner was not told about their own action.
    expect((await gqlOk(api.url, MY_NOTIFICATIONS, {}, owner.token)).myNotifications.totalCount).toBe(0);
    subscription.dispose();
    await client.dispose();
  });

  it('refuses a subscription that does not validate or parse with BAD_USER_INPUT over the WebSocket too', async () => {
    const user = await signUp(api.url, { label: 'ws-invalid' });
    const client = wsClient(api.wsUrl, user.token);
    try {
      for (const query of ['subscription { notificationAdded { noSuchField } }', 'subscription { notificationAdded {']) {
        const subscription = collect(client, query);
        const errors = await waitFor(() => subscription.errors.length > 0 && subscription.errors, { what: `refusal of ${query}` });
        expect(errors[0]).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
        expect(subscription.received).toEqual([]);
      }
    } finally {
      await client.dispose();
    }
  });

  it('stores nothing for an event whose transaction rolled back', async () => {
    const member = await signUp(api.url, { label: 'rollback' });
    const organizationId = await createOrganization(api.url, member);
    await db
      .transaction(async (manager) => {
        await recordEvents(manager, [{ type: ORGANIZATION_MEMBER_ADDED, payload: { organizationId, userId: member.id, role: 'MEMBER', addedBy: member.id } }]);
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await sleep(1500);
    const events = await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE payload->>'userId' = $1`, [member.id]);
    expect(events[0].n).toBe(0);
    expect((await gqlOk(api.url, MY_NOTIFICATIONS, {}, member.token)).myNotifications.totalCount).toBe(0);
    expect(smtp.messages.filter((m) => m.to.includes(member.email))).toHaveLength(0);
  });

  it('runs an event again without a second notification or email', async () => {
    const owner = await signUp(api.url, { label: 'owner2' });
    const member = await signUp(api.url, { label: 'again' });
    const organizationId = await createOrganization(api.url, owner);
    await addMember(api.url, owner, organizationId, member);
    await waitFor(() => smtp.messages.some((m) => m.to.includes(member.email)), { what: 'first email' });
    const [event] = await db.query(`SELECT id FROM outbox_event WHERE payload->>'userId' = $1`, [member.id]);
    // Pretend the job ran again from scratch (as after a crash before it recorded completion).
    await db.query(`UPDATE outbox_event SET processed_at = NULL WHERE id = $1`, [event.id]);
    const { EventsProcessor } = await import('../apps/worker/src/notifications/events.processor.js');
    await worker.app.get(EventsProcessor).handle({ eventId: event.id });
    await sleep(1000);
    const rows = await db.query(`SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1`, [member.id]);
    expect(rows[0].n).toBe(1);
    expect(smtp.messages.filter((m) => m.to.includes(member.email))).toHaveLength(1);
  });

  it('lists notifications newest first with keyset pagination, and marks them read', async () => {
    const owner = await signUp(api.url, { label: 'owner3' });
    const member = await signUp(api.url, { label: 'reader' });
    for (let i = 0; i < 3; i++) {
      const organizationId = await createOrganization(api.url, owner, { name: `Scuola ${i}` });
      await addMember(api.url, owner, organizationId, member);
    }
    await waitFor(async () => (await gqlOk(api.url, MY_NOTIFICATIONS, {}, member.token)).myNotifications.totalCount === 3, { what: '3 notifications' });
    const page1 = (await gqlOk(api.url, MY_NOTIFICATIONS, { first: 2 }, member.token)).myNotifications;
    expect(page1.edges.map((e: any) => e.node.title)).toEqual(['Invito a far parte di Scuola 2', 'Invito a far parte di Scuola 1']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await gqlOk(api.url, MY_NOTIFICATIONS, { first: 2, after: page1.pageInfo.endCursor }, member.token)).myNotifications;
    expect(page2.edges.map((e: any) => e.node.title)).toEqual(['Invito a far parte di Scuola 0']);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const ids = page1.edges.map((e: any) => e.node.id);
    const marked = await gqlOk(api.url, `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids }, member.token);
    expect(marked.markNotificationsRead).toBe(2);
    // Someone else's ids change nothing.
    expect(
      (await gqlOk(api.url, `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids: page2.edges.map((e: any) => e.node.id) }, owner.token)).markNotificationsRead,
    ).toBe(0);
    const malformed = await gqlError(api.url, `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids: [ids[0], 'not-an-id'] }, member.token);
    expect(malformed).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
    const unread = (await gqlOk(api.url, MY_NOTIFICATIONS, { unreadOnly: true }, member.token)).myNotifications;
    expect(unread.totalCount).toBe(1);
    expect(unread.unreadCount).toBe(1);
  });
});
