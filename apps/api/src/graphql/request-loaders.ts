import DataLoader from 'dataloader';

/**
 * The DataLoaders of one request, created on first use under a name. Resolvers bring their own batch
 * function, so a feature adds a loader without touching a central registry.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Orders batch results by the requested keys; missing ones become `fallback`. */
export function byKeys<K, T, F = null>(keys: readonly K[], rows: T[], keyOf: (row: T) => K, fallback: F = null as F): (T | F)[] {
  const map = new Map<K, T>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? fallback);
}

/** Groups batch results by the requested keys; every key gets a (possibly empty) list. */
export function groupByKeys<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(keyOf(row));
    if (list) list.push(row);
    else map.set(keyOf(row), [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
