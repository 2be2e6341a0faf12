import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * Closes a socket over a cap of sockets (per user or per address). graphql-ws's clients know 4429 (their
 * "too many requests" code) as fatal and do not reconnect, so a client over the cap does not hammer the server.
 */
export const TOO_MANY_SOCKETS_CLOSE = 4429;

/** Counts open sockets by key (a user, an address) in this API process; a key at its cap takes no more. */
export class SocketCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly cap: number) {}

  /** Counts one more socket for `key`, unless it already holds `cap` of them. */
  tryAdd(key: string): boolean {
    const count = this.counts.get(key) ?? 0;
    if (count >= this.cap) return false;
    this.counts.set(key, count + 1);
    return true;
  }

  remove(key: string): void {
    const count = this.counts.get(key) ?? 0;
    if (count <= 1) this.counts.delete(key);
    else this.counts.set(key, count - 1);
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

const trustEveryProxy = () => true;

/** The client's address as Fastify's `request.ip` gives it for HTTP: with TRUST_PROXY, the first X-Forwarded-For entry. */
export function clientAddressOf(request: IncomingMessage | undefined, trustProxy: boolean): string {
  if (!request) return 'unknown';
  return (trustProxy ? proxyAddr(request, trustEveryProxy) : request.socket?.remoteAddress) ?? 'unknown';
}
