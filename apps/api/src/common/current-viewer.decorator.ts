import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GqlContext } from '../graphql/gql-context.js';

export const CurrentViewer = createParamDecorator((_data: unknown, ctx: ExecutionContext) => GqlExecutionContext.create(ctx).getContext<GqlContext>().viewer);

export const Loaders = createParamDecorator((_data: unknown, ctx: ExecutionContext) => GqlExecutionContext.create(ctx).getContext<GqlContext>().loaders);

export const IS_PUBLIC = 'climathon:public';
/** Operations anonymous callers may run; every other operation needs a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
