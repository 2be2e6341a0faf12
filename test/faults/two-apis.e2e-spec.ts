// Fault (f): two API processes and two worker processes on the same PostgreSQL and Redis. A subscriber connected
// to API 1 receives, exactly once, the notification caused by a mutation sent to API 2.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { PubSubChannels } from '#platform/pubsub/pubsub.js';
import { addMember, createOrganization, signUp } from '../helpers/factories.js';
import { collect, gqlOk, wsClient } from '../helpers/graphql.js';
import { spawnApi, spawnWorker, stopAllProcesses, type NodeService } from '../helpers/processes.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { sleep, waitFor } from '../helpers/wait.js';
import { subPrefix } from './fault-fixtures.js';

const SUBSCRIPTION = `subscription { notificationAdded { id kind title subjectId } }`;
const ROUNDS = 5;

describe('fault: two APIs and two workers', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let apis: NodeService[] = [];
  const clients: Client[] = [];
  const prefix = subPrefix('fault-f');

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const env = { SMTP_URL: smtp.url, QUEUE_PREFIX: prefix };
    apis = await Promise.all([spawnApi('api-1', env), spawnApi('api-2', env)]);
    const workers = await Promise.all([spawnWorker('worker-1', env), spawnWorker('worker-2', env)]);
    await Promise.all([...apis, ...workers].map((p) => p.waitReady()));
  });
  afterAll(async () => {
    for (const client of clients) void client.dispose();
    await stopAllProcesses();
    await smtp?.close();
  });

  it(`delivers to a subscriber on API 1 what a mutation on API 2 caused, once each (${ROUNDS} rounds)`, async () => {
    const [api1, api2] = apis as [NodeService, NodeService];
    const owner = await signUp(api2.url, { label: 'owner' });
    const member = await signUp(api1.url, { label: 'member' });
    const client = wsClient(api1.wsUrl, member.token);
    clients.push(client);
    const subscription = collect(client, SUBSCRIPTION);
    // The subscription is live once API 1 has subscribed to the Redis channel: wait for that rather than guess.
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const channel = new PubSubChannels(prefix).notificationAdded(member.id);
      await waitFor(async () => ((await redis.pubsub('NUMSUB', channel)) as [string, number])[1] === 1, { timeoutMs: 15_000, what: 'API 1 subscribed in Redis' });
    } finally {
      redis.disconnect();
    }

    const organizationIds: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const organizationId = await createOrganization(api2.url, owner, { name: `Scuola ${i}` });
      organizationIds.push(organizationId);
      await addMember(api2.url, owner, organizationId, member);
      await waitFor(() => subscription.received.length >= i + 1, { timeoutMs: 30_000, what: `push ${i + 1}` });
    }
    // Any duplicate push (two workers, two APIs) would arrive by now; the stored list and the emails settle too.
    await waitFor(() => smtp.messages.filter((m) => m.to.includes(member.email)).length >= ROUNDS, { timeoutMs: 30_000, what: 'emails' });
    await sleep(1500);

    expect(subscription.errors).toEqual([]);
    const pushed = subscription.received.map((r) => r.data?.notificationAdded as { id: string; kind: string; subjectId: string });
    expect(pushed.map((p) => p.subjectId)).toEqual(organizationIds);
    expect(pushed.every((p) => p.kind === 'ORGANIZATION_MEMBER_ADDED')).toBe(true);
    expect(new Set(pushed.map((p) => p.id)).size).toBe(ROUNDS);
    const stored = await gqlOk(api2.url, `{ myNotifications(first: 50) { totalCount edges { node { id } } } }`, {}, member.token);
    expect(stored.myNotifications.totalCount).toBe(ROUNDS);
    expect(new Set(stored.myNotifications.edges.map((e: { node: { id: string } }) => e.node.id))).toEqual(new Set(pushed.map((p) => p.id)));
    expect(smtp.messages.filter((m) => m.to.includes(member.email))).toHaveLength(ROUNDS);
  }, 300_000);
});
