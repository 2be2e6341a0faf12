import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { DomainModule } from '#domain/domain.module.js';
import { ConfigModule } from '#platform/config/config.module.js';
import { DatabaseModule } from '#platform/database/database.module.js';
import { HealthModule } from '#platform/health/health.module.js';
import { LoggingModule } from '#platform/logging/logging.module.js';
import { RateLimitModule } from '#platform/rate-limit/rate-limits.js';
import { AuthGuard } from './common/auth.guard.js';
import { DomainErrorFilter } from './common/domain-error.filter.js';
import { GraphQLApiModule } from './graphql/graphql.module.js';
import { OpsModule } from './ops/ops.module.js';
import { PUB_SUB, pubSubProviders } from './graphql/pubsub.provider.js';
import { IdentityResolver } from './identity/identity.resolver.js';
import { PeopleResolver } from './people/people.resolver.js';
import { DataExportHttp } from './people/data-export.http.js';
import { DataProcessingAgreementResolver, OrganizationAgreementResolver, RostersResolver } from './rosters/rosters.resolver.js';
import { NotificationsResolver } from './notifications/notifications.resolver.js';
import { OrganizationMemberResolver, OrganizationsResolver, UserOrganizationsResolver } from './organizations/organizations.resolver.js';
import { ChallengesResolver } from './challenges/challenges.resolver.js';
import { ChallengeTeamsResolver, TeamMemberResolver, TeamsResolver, UserTeamsResolver } from './teams/teams.resolver.js';
import { ChallengeIdeasResolver, IdeasResolver, TeamIdeaResolver } from './ideas/ideas.resolver.js';
import { AdoptionResolver, IdeaAdoptionResolver, TeamTutorsResolver } from './adoption/adoption.resolver.js';
import { MilestoneResolver, MiniCompaniesResolver, TeamMiniCompanyResolver } from './minicompanies/minicompanies.resolver.js';
import {
  AwardResolver,
  ChallengeJudgingResolver,
  CriterionScoreResolver,
  IdeaJudgingResolver,
  JudgingResolver,
  JurorResolver,
  LeaderboardEntryResolver,
  ReviewAssignmentResolver,
  UserJudgingResolver,
  ReviewResolver,
} from './judging/judging.resolver.js';
import { ExportsHttp } from './reports/exports-http.js';
import { ChallengeReportsResolver, DisputedIdeaResolver, JuryReportResolver, ReportsResolver } from './reports/reports.resolver.js';
import { ChallengeVotingResolver, IdeaVotingResolver, PeoplesChoiceEntryResolver, PublicVoteResolver, VotingResolver } from './voting/voting.resolver.js';
import { IdeaSuggestionResolver, SponsorsResolver } from './sponsors/sponsors.resolver.js';

const RESOLVERS = [
  IdentityResolver,
  OrganizationsResolver,
  OrganizationMemberResolver,
  UserOrganizationsResolver,
  NotificationsResolver,
  ChallengesResolver,
  TeamsResolver,
  TeamMemberResolver,
  UserTeamsResolver,
  ChallengeTeamsResolver,
  IdeasResolver,
  TeamIdeaResolver,
  ChallengeIdeasResolver,
  AdoptionResolver,
  IdeaAdoptionResolver,
  TeamTutorsResolver,
  MiniCompaniesResolver,
  MilestoneResolver,
  TeamMiniCompanyResolver,
  JudgingResolver,
  ChallengeJudgingResolver,
  IdeaJudgingResolver,
  JurorResolver,
  ReviewAssignmentResolver,
  UserJudgingResolver,
  ReviewResolver,
  CriterionScoreResolver,
  LeaderboardEntryResolver,
  AwardResolver,
  RostersResolver,
  PeopleResolver,
  OrganizationAgreementResolver,
  DataProcessingAgreementResolver,
  ReportsResolver,
  ChallengeReportsResolver,
  JuryReportResolver,
  DisputedIdeaResolver,
  VotingResolver,
  ChallengeVotingResolver,
  IdeaVotingResolver,
  PeoplesChoiceEntryResolver,
  PublicVoteResolver,
  SponsorsResolver,
  IdeaSuggestionResolver,
];

@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule.forRoot({ migrate: true }), DomainModule, HealthModule, RateLimitModule, GraphQLApiModule, OpsModule],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_FILTER, useClass: DomainErrorFilter }, ...pubSubProviders, ...RESOLVERS, DataExportHttp, ExportsHttp],
})
export class AppModule implements OnApplicationShutdown {
  constructor(@Inject(PUB_SUB) private readonly pubSub: RedisPubSub) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pubSub.close();
  }
}
