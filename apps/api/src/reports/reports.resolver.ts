import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IdeaReads } from '#domain/ideas/idea-reads.js';
import { ExportLinks } from '#domain/reports/export-links.js';
import { LINK_TOKEN_PARAMETER, parseExportPath } from '#domain/reports/export-request.js';
import { ExportsService } from '#domain/reports/exports.service.js';
import { ReportsService } from '#domain/reports/reports.service.js';
import { requireUser, type Viewer } from '#domain/viewer.js';
import { assertPageSize } from '#platform/pagination/cursor.js';
import { ChallengeModel, toChallengeModel, toCriterionModel } from '../challenges/models/challenge.model.js';
import { CurrentViewer, Loaders } from '../common/current-viewer.decorator.js';
import type { RequestLoaders } from '../graphql/request-loaders.js';
import { ideaLoader } from '../ideas/idea.loader.js';
import { IdeaModel, toIdeaModel } from '../ideas/models/idea.model.js';
import { toJurorModel } from '../judging/models/judging.model.js';
import { toOrganizationModel } from '../organizations/models/organization.model.js';
import { DisputedIdeaModel, ExportLinkModel, ImpactReportModel, JuryReportModel, toImpactFiguresModel, toJuryReportModel } from './models/reports.model.js';

/** impactReport and createExportLink (docs/rules.md "Reports, exports and public voting"); the rules live in ReportsService. */
@Resolver()
export class ReportsResolver {
  constructor(
    private readonly reports: ReportsService,
    private readonly exports: ExportsService,
    private readonly links: ExportLinks,
  ) {}

  @Query(() => ImpactReportModel, {
    description: "The impact of a promoter's editions whose submissions open in [from, to): overall, per district and per school, in counts (members of the organization).",
  })
  async impactReport(
    @CurrentViewer() viewer: Viewer,
    @Args('organizerId', { type: () => ID }) organizerId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
  ): Promise<ImpactReportModel> {
    const report = await this.reports.impactReport(viewer, { organizerId, from, to });
    const query = new URLSearchParams({ from: report.from.toISOString(), to: report.to.toISOString() });
    return {
      organizer: toOrganizationModel(report.organizer),
      from: report.from,
      to: report.to,
      editions: report.editions.map(toChallengeModel),
      overall: toImpactFiguresModel(report.overall),
      byDistrict: report.byDistrict.map((g) => ({ district: g.district, figures: toImpactFiguresModel(g.figures) })),
      bySchool: report.bySchool.map((g) => ({ school: toOrganizationModel(g.school), figures: toImpactFiguresModel(g.figures) })),
      csvPath: `/exports/organizations/${report.organizer.id}/impact.csv?${query.toString()}`,
    };
  }

  @Mutation(() => ExportLinkModel, {
    description:
      'A signed link to an export (e.g. "/exports/challenges/<id>/results.csv?separator=semicolon"), valid 10 minutes, for a download without the access token; the export\'s own rules are checked now and again when it is opened.',
  })
  async createExportLink(@CurrentViewer() viewer: Viewer, @Args('path') path: string): Promise<ExportLinkModel> {
    const user = requireUser(viewer);
    const request = parseExportPath('path', path);
    await this.exports.authorize(user, request);
    const { token, expiresAt } = await this.links.sign(user, request.canonical);
    const separator = request.canonical.includes('?') ? '&' : '?';
    return { url: `${request.canonical}${separator}${LINK_TOKEN_PARAMETER}=${encodeURIComponent(token)}`, expiresAt };
  }
}

/** Challenge.juryReport. */
@Resolver(() => ChallengeModel)
export class ChallengeReportsResolver {
  constructor(private readonly reports: ReportsService) {}

  @ResolveField(() => JuryReportModel, {
    nullable: true,
    description: "Krippendorff's alpha, per-juror leniency and the most disputed ideas. Organizers once judging has started (FORBIDDEN for others, FAILED_PRECONDITION before).",
  })
  async juryReport(@Parent() challenge: ChallengeModel, @CurrentViewer() viewer: Viewer): Promise<JuryReportModel> {
    return toJuryReportModel(await this.reports.juryReport(viewer, challenge), toJurorModel, toCriterionModel);
  }
}

@Resolver(() => JuryReportModel)
export class JuryReportResolver {
  @ResolveField(() => [DisputedIdeaModel], { description: 'The ideas whose reviewers disagree most (largest spread of totals first), at most `first` (1-100).' })
  disputedIdeas(@Parent() report: JuryReportModel, @Args('first', { type: () => Int, nullable: true, defaultValue: 10 }) first: number): DisputedIdeaModel[] {
    return report.disputed.slice(0, assertPageSize(first));
  }
}

@Resolver(() => DisputedIdeaModel)
export class DisputedIdeaResolver {
  constructor(private readonly ideaReads: IdeaReads) {}

  /** Batched: one read for every disputed idea of the request. */
  @ResolveField(() => IdeaModel)
  async idea(@Parent() disputed: DisputedIdeaModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<IdeaModel> {
    const idea = await ideaLoader(loaders, this.ideaReads, viewer).load(disputed.ideaId);
    if (!idea) throw new Error(`Disputed idea ${disputed.ideaId} not found`);
    return toIdeaModel(idea);
  }
}
