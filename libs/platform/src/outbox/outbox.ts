import type { EntityManager } from 'typeorm';
import { OutboxEvent } from './outbox-event.entity.js';

/** Channel the relay listens on; a NOTIFY only wakes it, the table stays the truth. */
export const OUTBOX_NOTIFY_CHANNEL = 'outbox_event_created';

export interface DomainEvent<TType extends string = string, TPayload extends object = Record<string, unknown>> {
  type: TType;
  payload: TPayload;
}

/**
 * Records events inside the caller's transaction: they commit or roll back with the change.
 * Every service that causes a notification goes through here.
 */
export async function recordEvents(manager: EntityManager, events: DomainEvent[]): Promise<OutboxEvent[]> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('recordEvents must run inside a transaction');
  }
  if (events.length === 0) return [];
  const rows = events.map((e) => manager.create(OutboxEvent, { type: e.type, payload: e.payload }));
  const saved = await manager.save(OutboxEvent, rows, { chunk: 500 });
  await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_NOTIFY_CHANNEL]);
  return saved;
}
