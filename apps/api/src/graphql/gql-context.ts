import type { Viewer } from '#domain/viewer.js';
import type { AcceptLanguage } from '../common/viewer-locale.js';
import type { RequestLoaders } from './request-loaders.js';

export interface GqlContext {
  viewer: Viewer;
  loaders: RequestLoaders;
  requestId: string;
  /** The caller's address (rate limits), over HTTP and WebSocket alike (TRUST_PROXY: from X-Forwarded-For). */
  clientAddress: string;
  /** The request's `Accept-Language` (the WebSocket's upgrade request's): the language of an anonymous viewer's errors. */
  acceptLanguage?: AcceptLanguage;
}
