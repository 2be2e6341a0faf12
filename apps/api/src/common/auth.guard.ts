import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainError } from '#platform/errors/domain-error.js';
import type { GqlContext } from '../graphql/gql-context.js';
import { IS_PUBLIC } from './current-viewer.decorator.js';

/** Deny by default: an operation not marked @Public() needs an authenticated viewer. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const { viewer } = GqlExecutionContext.create(context).getContext<GqlContext>();
    if (!viewer?.userId) throw DomainError.unauthenticated();
    return true;
  }
}
