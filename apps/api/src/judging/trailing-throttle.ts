/** The few Redis commands the throttle needs (ioredis' signatures). */
export interface ThrottleRedis {
  set(key: string, value: string, px: 'PX', ms: number): Promise<unknown>;
  set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<'OK' | null>;
  del(key: string): Promise<number>;
  pttl(key: string): Promise<number>;
}

/**
 * "At most once per window per key, and never lose the last change", shared by every process through Redis.
 * `touch(key)` marks the key dirty, then tries to take the window (SET NX PX): the taker clears the dirty flag and
 * runs `fire(key)`; a process that finds the window taken arms one local timer for when it ends, and then tries
 * again. The dirty flag is cleared before `fire` runs, so a change committed while `fire` computes marks it again
 * and gets its own (trailing) run; a trailing run finding the flag already cleared by another process does nothing.
 */
export class TrailingThrottle {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly redis: ThrottleRedis,
    private readonly prefix: string,
    private readonly windowMs: number,
    private readonly fire: (key: string) => Promise<void>,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  async touch(key: string): Promise<void> {
    await this.redis.set(this.dirtyKey(key), '1', 'PX', Math.max(60_000, this.windowMs * 10));
    await this.attempt(key);
  }

  /** Clears the timers (on shutdown). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async attempt(key: string): Promise<void> {
    if (this.stopped) return;
    const taken = await this.redis.set(this.windowKey(key), '1', 'PX', this.windowMs, 'NX');
    if (taken === 'OK') {
      if ((await this.redis.del(this.dirtyKey(key))) === 0) return; // another process already ran for this change
      await this.fire(key);
      return;
    }
    const remaining = await this.redis.pttl(this.windowKey(key));
    this.arm(key, remaining > 0 ? remaining : this.windowMs);
  }

  private arm(key: string, delayMs: number): void {
    if (this.timers.has(key) || this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.attempt(key).catch((error: Error) => this.onError(error));
    }, delayMs + 5);
    this.timers.set(key, timer);
  }

  private windowKey(key: string): string {
    return `${this.prefix}:window:${key}`;
  }

  private dirtyKey(key: string): string {
    return `${this.prefix}:dirty:${key}`;
  }
}
