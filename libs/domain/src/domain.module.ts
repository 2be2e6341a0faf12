import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { Clock, SystemClock } from '#platform/clock/clock.js';
import { AppConfig } from '#platform/config/app-config.js';
import { CursorCodec } from '#platform/pagination/cursor.js';
import { IdentityService } from './identity/identity.service.js';
import { SessionRevocation } from './identity/session-revocation.js';
import { AccountEmails } from './identity/account-emails.js';
import { NotificationsService } from './notifications/notifications.service.js';
import { OrganizationsService } from './organizations/organizations.service.js';
import { ChallengeAccess } from './challenges/challenge-access.js';
import { ChallengesService } from './challenges/challenges.service.js';
import { TeamsService } from './teams/teams.service.js';
import { IdeaReads } from './ideas/idea-reads.js';
import { IdeasService } from './ideas/ideas.service.js';
import { AdoptionService } from './adoption/adoption.service.js';
import { MiniCompaniesService } from './minicompanies/minicompanies.service.js';
import { JudgingService } from './judging/judging.service.js';
import { LeaderboardService } from './judging/leaderboard.service.js';
import { DataExportService } from './people/data-export.service.js';
import { ErasureService } from './people/erasure.service.js';
import { PeopleService } from './people/people.service.js';
import { StudentRetention } from './people/student-retention.js';
import { RostersService } from './rosters/rosters.service.js';
import { ConsentsService } from './rosters/consents.service.js';
import { ExportLinks } from './reports/export-links.js';
import { ExportsService } from './reports/exports.service.js';
import { ReportsService } from './reports/reports.service.js';
import { VotingService } from './voting/voting.service.js';
import { SponsorsService } from './sponsors/sponsors.service.js';

const SERVICES = [
  SessionRevocation,
  AccountEmails,
  IdentityService,
  PeopleService,
  ErasureService,
  DataExportService,
  StudentRetention,
  OrganizationsService,
  NotificationsService,
  ChallengeAccess,
  ChallengesService,
  TeamsService,
  IdeaReads,
  IdeasService,
  AdoptionService,
  MiniCompaniesService,
  LeaderboardService,
  JudgingService,
  RostersService,
  ConsentsService,
  ReportsService,
  ExportsService,
  ExportLinks,
  VotingService,
  SponsorsService,
];

/** The domain services of both processes. The clock is a provider so tests can replace it; the cursor codec's key comes from JWT_SECRET. */
@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: CursorCodec, inject: [AppConfig], useFactory: (config: AppConfig) => CursorCodec.fromSecret(config.JWT_SECRET) },
    ...SERVICES,
  ],
  exports: [Clock, CursorCodec, JwtModule, ...SERVICES],
})
export class DomainModule {
  /** The same services on another clock: the demo seed (scripts/seed-demo.ts) walks an edition's calendar with its own. */
  static withClock(clock: Clock): DynamicModule {
    return { module: DomainModule, providers: [{ provide: Clock, useValue: clock }] };
  }
}
