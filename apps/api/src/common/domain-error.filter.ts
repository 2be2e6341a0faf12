import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError } from '#platform/errors/domain-error.js';

/**
 * Domain errors are answers, not failures: hand them straight to GraphQL (formatError maps them) instead of letting
 * Nest's default handler log each NOT_FOUND or BAD_USER_INPUT as an ERROR with a stack trace.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError): DomainError {
    return error;
  }
}
