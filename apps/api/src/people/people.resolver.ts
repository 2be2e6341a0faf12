import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DataExportService } from '#domain/people/data-export.service.js';
import { ErasureService } from '#domain/people/erasure.service.js';
import type { Viewer } from '#domain/viewer.js';
import { CurrentViewer } from '../common/current-viewer.decorator.js';

/** A person's own data: export and erasure (PRODUCT.md "Accounts, schools and minors"). */
@Resolver()
export class PeopleResolver {
  constructor(
    private readonly exports: DataExportService,
    private readonly erasure: ErasureService,
  ) {}

  @Query(() => String, {
    description:
      'Everything stored about a person, as one JSON document (profile, memberships, teams, ideas, reviews, notifications, consents). Without userId: the caller; a coach may export a roster student of their team, a platform admin anyone.',
  })
  async exportMyData(@CurrentViewer() viewer: Viewer, @Args('userId', { type: () => ID, nullable: true }) userId?: string | null): Promise<string> {
    return JSON.stringify(await this.exports.export(viewer, userId));
  }

  @Mutation(() => Boolean, {
    description:
      'Erases the caller: name, email, username, password, codes, sessions, notifications and consents go; the row stays as "Ex membro" so ideas and reviews stay whole. `password`: the password, or a roster student\'s current code.',
  })
  async deleteMyAccount(@CurrentViewer() viewer: Viewer, @Args('password') password: string): Promise<boolean> {
    await this.erasure.deleteMyAccount(viewer, password);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Erases a roster student (by a coach of their team, or a platform admin). Erasing twice changes nothing.' })
  async eraseStudent(@CurrentViewer() viewer: Viewer, @Args('userId', { type: () => ID }) userId: string): Promise<boolean> {
    await this.erasure.eraseStudent(viewer, userId);
    return true;
  }
}
