import type { MigrationInterface } from 'typeorm';
import { Extensions1763900000000 } from './1763900000000-Extensions.js';
import { Foundation1795426453553 } from './1795426453553-Foundation.js';
import { JobFailures1795426881842 } from './1795426881842-JobFailures.js';
import { ChallengesTeamsIdeas1795428879165 } from './1795428879165-ChallengesTeamsIdeas.js';
import { IdeaSearch1795428879200 } from './1795428879200-IdeaSearch.js';
import { ScheduledReminders1795431402659 } from './1795431402659-ScheduledReminders.js';
import { Judging1795431527391 } from './1795431527391-Judging.js';
import { AdoptionMiniCompanies1795431696119 } from './1795431696119-AdoptionMiniCompanies.js';
import { RedriveIndexes1795433500000 } from './1795433500000-RedriveIndexes.js';
import { EmailFailures1795440000000 } from './1795440000000-EmailFailures.js';
import { IdentityFlows1796564113315 } from './1796564113315-IdentityFlows.js';
import { Rosters1796610151101 } from './1796610151101-Rosters.js';
import { Consents1796611632656 } from './1796611632656-Consents.js';
import { ChallengeSlugPerOrganizer1796700000000 } from './1796700000000-ChallengeSlugPerOrganizer.js';
import { Erasure1796700000100 } from './1796700000100-Erasure.js';
import { OrganizationInvitations1796800000100 } from './1796800000100-OrganizationInvitations.js';
import { Reports1796800000200 } from './1796800000200-Reports.js';
import { PeoplesChoiceSponsors1796800000300 } from './1796800000300-PeoplesChoiceSponsors.js';
import { NotificationPath1796800000400 } from './1796800000400-NotificationPath.js';
import { DataExport1796800000500 } from './1796800000500-DataExport.js';

/** Every migration, in order (no globs). Never edit one that has landed: add a new one. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Extensions1763900000000,
  Foundation1795426453553,
  JobFailures1795426881842,
  ChallengesTeamsIdeas1795428879165,
  IdeaSearch1795428879200,
  ScheduledReminders1795431402659,
  Judging1795431527391,
  AdoptionMiniCompanies1795431696119,
  RedriveIndexes1795433500000,
  EmailFailures1795440000000,
  IdentityFlows1796564113315,
  Rosters1796610151101,
  Consents1796611632656,
  ChallengeSlugPerOrganizer1796700000000,
  Erasure1796700000100,
  OrganizationInvitations1796800000100,
  Reports1796800000200,
  PeoplesChoiceSponsors1796800000300,
  NotificationPath1796800000400,
  DataExport1796800000500,
];
