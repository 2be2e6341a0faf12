import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import { Directive } from '@nestjs/graphql';
import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt, type GraphQLResolveInfo } from 'graphql';
import type { Viewer } from '#domain/viewer.js';

/**
 * Apollo's `@cacheControl` directive, as its cache-control plugin reads it
 * (https://www.apollographql.com/docs/apollo-server/performance/caching).
 */
export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: {
    maxAge: { type: GraphQLInt },
    scope: { type: new GraphQLEnumType({ name: 'CacheControlScope', values: { PUBLIC: {}, PRIVATE: {} } }) },
    inheritMaxAge: { type: GraphQLBoolean },
  },
});

/**
 * On an object type: its values are as fresh as the object they hang from, so a field returning it takes its parent's
 * max age. Without it, every field returning an object makes the whole response uncacheable.
 */
export const InheritsCacheHint = () => Directive('@cacheControl(inheritMaxAge: true)');

export const isAnonymous = (viewer: Viewer): boolean => viewer.userId === null;

/**
 * Marks a field's answer as public for `maxAgeSeconds` when the viewer is anonymous. Call it only for data that no
 * longer changes by the product's rules (e.g. an edition whose results are published), since anonymous readers may then
 * see it up to `maxAgeSeconds` late.
 */
export function hintPublicFor(info: GraphQLResolveInfo, viewer: Viewer, maxAgeSeconds: number): void {
  if (isAnonymous(viewer) && maxAgeSeconds > 0) maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: maxAgeSeconds, scope: 'PUBLIC' });
}
