import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { isAnonymous } from './cache-hints.js';
import type { GqlContext } from './gql-context.js';

const anonymousRequest = async ({ contextValue }: GraphQLRequestContext<GqlContext>) => isAnonymous(contextValue.viewer);

/**
 * `plugin` for anonymous requests only: a signed-in request never reads or fills the cache, so it skips the
 * plugin's hooks, above all the cache-control plugin's per-field one (a policy object and closures for every field
 * resolved, 500 on a juror's page). Its other properties (Apollo's internal id among them, so Apollo adds no default
 * cache-control plugin of its own) are kept.
 */
function anonymousOnly(plugin: ApolloServerPlugin<GqlContext>): ApolloServerPlugin<GqlContext> {
  const requestDidStart = plugin.requestDidStart?.bind(plugin);
  return { ...plugin, requestDidStart: async (requestContext) => (isAnonymous(requestContext.contextValue.viewer) ? requestDidStart?.(requestContext) : undefined) };
}

/**
 * A short in-memory response cache for anonymous readers of public, frozen pages, with Apollo's response-cache and
 * cache-control plugins. What may be stored is decided per field: every root field and every field returning an
 * object is uncacheable (max age 0) unless a hint says otherwise, so a response is stored only when every object in
 * it is covered (`hintPublicFor` on the root (cache-hints.ts), `InheritsCacheHint` on the types below it). Only anonymous requests
 * read or fill the cache: an anonymous answer depends on nothing but the query, its variables and the data, so sharing
 * it costs at most the max age in freshness; a signed-in viewer always gets a fresh answer, and no cache policy at all
 * (`hintPublicFor` hints anonymous answers only).
 */
export function publicResponseCachePlugins(maxAgeSeconds: number): ApolloServerPlugin<GqlContext>[] {
  if (maxAgeSeconds <= 0) return [ApolloServerPluginCacheControlDisabled()];
  return [
    anonymousOnly(ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: 'if-cacheable' })),
    {
      // A signed-in viewer's answer is never cacheable, whatever a field hints.
      async requestDidStart({ contextValue, overallCachePolicy }) {
        if (!isAnonymous(contextValue.viewer)) overallCachePolicy.restrict({ maxAge: 0 });
      },
    },
    anonymousOnly(responseCachePlugin<GqlContext>({ shouldReadFromCache: anonymousRequest, shouldWriteToCache: anonymousRequest })),
  ];
}
