import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { isAnonymous } from './cache-hints.js';
import type { GqlContext } from './gql-context.js';

const anonymousRequest = async ({ contextValue }: GraphQLRequestContext<GqlContext>) => isAnonymous(contextValue.viewer);

/**
 * A short in-memory response cache for anonymous readers of public, frozen pages, with Apollo's response-cache and
 * cache-control plugins. What may be stored is decided per field: every root field and every field returning an
 * object is uncacheable (max age 0) unless a hint says otherwise, so a response is stored only when every object in
 * it is covered (`hintPublicFor` on the root (cache-hints.ts), `InheritsCacheHint` on the types below it). Only anonymous requests
 * read or fill the cache: an anonymous answer depends on nothing but the query, its variables and the data, so sharing
 * it costs at most the max age in freshness; a signed-in viewer always gets a fresh answer.
 */
export function publicResponseCachePlugins(maxAgeSeconds: number): ApolloServerPlugin<GqlContext>[] {
  if (maxAgeSeconds <= 0) return [ApolloServerPluginCacheControlDisabled()];
  return [
    ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: 'if-cacheable' }),
    {
      // Fixing a signed-in viewer's policy before execution also spares it the per-field policy bookkeeping.
      async requestDidStart({ contextValue, overallCachePolicy }) {
        if (!isAnonymous(contextValue.viewer)) overallCachePolicy.restrict({ maxAge: 0 });
      },
    },
    responseCachePlugin<GqlContext>({ shouldReadFromCache: anonymousRequest, shouldWriteToCache: anonymousRequest }),
  ];
}
