import type { Viewer } from '#domain/viewer.js';
import type { RequestLoaders } from './request-loaders.js';

export interface GqlContext {
  viewer: Viewer;
  loaders: RequestLoaders;
  requestId: string;
  /** The caller's address (rate limits), over HTTP and WebSocket alike (TRUST_PROXY: from X-Forwarded-For). */
  clientAddress: string;
}
