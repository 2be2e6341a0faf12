import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DataExportService } from '#domain/people/data-export.service.js';
import { ErasureService } from '#domain/people/erasure.service.js';
import type { Viewer } from '#domain/viewer.js';
import { RateLimits } from '#platform/rate-limit/rate-limits.js';
import { CurrentViewer } from '../common/current-viewer.decorator.js';
import { DataExportModel, toDataExportModel } from './models/data-export.model.js';

/** A person's own data: export and erasure (docs/rules.md "Accounts, schools and minors"). */
@Resolver()
export class PeopleResolver {
  constructor(
    private readonly exports: DataExportService,
    private readonly erasure: ErasureService,
    private readonly rateLimits: RateLimits,
  ) {}

  @Query(() => String, {
    description:
      'Everything stored about a person, as one JSON document (profile, memberships, teams, ideas, reviews, notifications, consents). Without userId: the caller; a coach may export a roster student of their team, a platform admin anyone.',
  })
  async exportMyData(@CurrentViewer() viewer: Viewer, @Args('userId', { type: () => ID, nullable: true }) userId?: string | null): Promise<string> {
    return this.exports.export(viewer, userId);
  }

  @Mutation(() => DataExportModel, {
    description:
      'Asks the worker to produce the export of exportMyData (for documents too large to answer at once, or to download later). The same rules for userId; an open request is answered again, not duplicated.',
  })
  async requestDataExport(@CurrentViewer() viewer: Viewer, @Args('userId', { type: () => ID, nullable: true }) userId?: string | null): Promise<DataExportModel> {
    return toDataExportModel(await this.exports.request(viewer, userId));
  }

  @Query(() => DataExportModel, { description: 'A data export the caller requested (NOT_FOUND for anyone else).' })
  async dataExport(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<DataExportModel> {
    return toDataExportModel(await this.exports.find(viewer, id));
  }

  @Mutation(() => Boolean, {
    description:
      'Erases the caller: name, email, username, password, codes, sessions, notifications and consents go; the row stays as "Ex membro" so ideas and reviews stay whole. `password`: the password, or a roster student\'s current code.',
  })
  async deleteMyAccount(@CurrentViewer() viewer: Viewer, @Args('password') password: string): Promise<boolean> {
    if (viewer.userId) await this.rateLimits.consume('deleteAccountUser', viewer.userId);
    await this.erasure.deleteMyAccount(viewer, password);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Erases a roster student (by a coach of their team, or a platform admin). Erasing twice changes nothing.' })
  async eraseStudent(@CurrentViewer() viewer: Viewer, @Args('userId', { type: () => ID }) userId: string): Promise<boolean> {
    await this.erasure.eraseStudent(viewer, userId);
    return true;
  }
}
