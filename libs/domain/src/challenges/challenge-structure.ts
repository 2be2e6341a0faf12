import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '#platform/errors/domain-error.js';
import { Criterion } from './criterion.entity.js';
import { Theme } from './theme.entity.js';

/** An item of a replaced list: `id` keeps (and may rename or move) an existing one, no `id` adds one. */
export interface StructureItem {
  id?: string | null;
}

type Checked<T> = T & { id?: string | null };

/**
 * updateChallenge with `themes` or `criteria`: the list given replaces the challenge's, in its order. Items with an `id`
 * keep their row (so ideas filed under a theme stay filed), items without one are added, and rows left out are removed.
 * A theme with ideas cannot be removed (FAILED_PRECONDITION on `themes`); criteria have no scores before judging, which
 * updateChallenge never reaches, so any criterion may go.
 */
export async function replaceStructure<T extends object>(
  manager: EntityManager,
  entity: typeof Theme | typeof Criterion,
  field: 'themes' | 'criteria',
  challengeId: string,
  items: Checked<T>[],
): Promise<void> {
  const existing: { id: string }[] = await manager.find(entity, { select: { id: true }, where: { challengeId } });
  const known = new Set(existing.map((row) => row.id));
  const kept = new Set<string>();
  items.forEach((item, i) => {
    if (item.id == null) return;
    if (!known.has(item.id) || kept.has(item.id)) throw DomainError.badInput(`${field}.${i}.id`, 'challenges.unknownItem', { field: `${field}.${i}.id`, list: field });
    kept.add(item.id);
  });
  const removed = [...known].filter((id) => !kept.has(id));
  if (removed.length > 0 && entity === Theme) {
    const [used]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM idea WHERE theme_id = ANY($1::uuid[])`, [removed]);
    if (used.n > 0) throw new DomainError(ErrorCode.FAILED_PRECONDITION, 'challenges.themeHasIdeas', {}, { field: 'themes' });
  }
  if (removed.length > 0) await manager.delete(entity, removed);
  for (const [position, item] of items.entries()) {
    const { id, ...values } = item;
    if (id) await manager.update(entity, { id }, { ...values, position });
    else await manager.insert(entity, { ...values, challengeId, position });
  }
}
