import { afterEach, describe, expect, it } from '@jest/globals';
import { TrailingThrottle, type ThrottleRedis } from './trailing-throttle.js';

/** The three commands over an in-memory map with real expiry, shared by several "processes" like one Redis. */
class FakeRedis implements ThrottleRedis {
  private readonly keys = new Map<string, number>(); // key -> expires at (ms)

  private alive(key: string): boolean {
    const expires = this.keys.get(key);
    if (expires === undefined) return false;
    if (expires <= Date.now()) {
      this.keys.delete(key);
      return false;
    }
    return true;
  }

  set(key: string, value: string, px: 'PX', ms: number): Promise<unknown>;
  set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<'OK' | null>;
  async set(key: string, _value: string, _px: 'PX', ms: number, nx?: 'NX'): Promise<'OK' | null> {
    if (nx && this.alive(key)) return null;
    this.keys.set(key, Date.now() + ms);
    return 'OK';
  }

  async del(key: string): Promise<number> {
    const existed = this.alive(key);
    this.keys.delete(key);
    return existed ? 1 : 0;
  }

  async pttl(key: string): Promise<number> {
    return this.alive(key) ? this.keys.get(key)! - Date.now() : -2;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WINDOW = 100;

describe('TrailingThrottle', () => {
  const throttles: TrailingThrottle[] = [];
  const make = (redis: FakeRedis, fired: { key: string; at: number }[]) => {
    const throttle = new TrailingThrottle(redis, 'test', WINDOW, async (key) => void fired.push({ key, at: Date.now() }));
    throttles.push(throttle);
    return throttle;
  };
  afterEach(() => throttles.splice(0).forEach((t) => t.stop()));

  it('fires at once for the first change, then once more at the end of the window for the changes inside it', async () => {
    const redis = new FakeRedis();
    const fired: { key: string; at: number }[] = [];
    const throttle = make(redis, fired);
    for (let i = 0; i < 10; i++) await throttle.touch('c1');
    expect(fired).toHaveLength(1);
    await sleep(WINDOW * 2.5);
    expect(fired).toHaveLength(2);
    expect(fired[1]!.at - fired[0]!.at).toBeGreaterThanOrEqual(WINDOW);
    await sleep(WINDOW * 2);
    expect(fired).toHaveLength(2); // nothing changed since: no further run
  });

  it('keeps at most one run per window across several processes, and runs after the last change', async () => {
    const redis = new FakeRedis();
    const fired: { key: string; at: number }[] = [];
    const processes = [make(redis, fired), make(redis, fired), make(redis, fired)];
    const started = Date.now();
    while (Date.now() - started < WINDOW * 3) {
      await Promise.all(processes.map((p) => p.touch('c1')));
      await sleep(10);
    }
    const lastTouch = Date.now();
    await sleep(WINDOW * 3);
    const times = fired.map((f) => f.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(WINDOW - 5);
    expect(times.at(-1)!).toBeGreaterThanOrEqual(lastTouch - 5);
    expect(times.length).toBeLessThanOrEqual(5);
  });

  it('throttles keys independently', async () => {
    const redis = new FakeRedis();
    const fired: { key: string; at: number }[] = [];
    const throttle = make(redis, fired);
    await throttle.touch('a');
    await throttle.touch('b');
    expect(fired.map((f) => f.key)).toEqual(['a', 'b']);
  });
});
