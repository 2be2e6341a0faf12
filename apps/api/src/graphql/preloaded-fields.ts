import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * A model may carry, under this key, the final values of some of its fields, computed (access rules included) by
 * the resolver that produced it: a page of ideas read with its teams, schools and themes in one query answers
 * `team`, `school` and `theme` itself instead of calling a field resolver 50 times through Nest and DataLoader.
 */
const PRELOADED = Symbol('preloaded');

type WithPreloaded = { [PRELOADED]?: Record<string, unknown> };

/** `model` with the given field values attached (fields without arguments only: the values ignore arguments). */
export function withPreloaded<T extends object>(model: T, values: Record<string, unknown>): T {
  (model as WithPreloaded)[PRELOADED] = values;
  return model;
}

/** Makes every resolver-backed object field answer from a preloaded value when its parent carries one. */
export function answerPreloadedFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || field.args.length > 0) continue;
      const name = field.name;
      const answer: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
        const preloaded = (source as WithPreloaded | null | undefined)?.[PRELOADED];
        return preloaded && name in preloaded ? preloaded[name] : resolve(source, args, context, info);
      };
      field.resolve = answer;
    }
  }
  return schema;
}
