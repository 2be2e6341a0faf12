import { OutboxEvent } from '../outbox/outbox-event.entity.js';
import { JobFailure } from '../queues/job-failure.entity.js';
import { User } from '#domain/identity/user.entity.js';
import { RefreshToken } from '#domain/identity/refresh-token.entity.js';
import { AccountToken } from '#domain/identity/account-token.entity.js';
import { Organization } from '#domain/organizations/organization.entity.js';
import { OrganizationMember } from '#domain/organizations/organization-member.entity.js';
import { OrganizationInvitation } from '#domain/organizations/organization-invitation.entity.js';
import { Notification } from '#domain/notifications/notification.entity.js';
import { Challenge } from '#domain/challenges/challenge.entity.js';
import { Theme } from '#domain/challenges/theme.entity.js';
import { Criterion } from '#domain/challenges/criterion.entity.js';
import { Team } from '#domain/teams/team.entity.js';
import { TeamMember } from '#domain/teams/team-member.entity.js';
import { Idea } from '#domain/ideas/idea.entity.js';
import { ScheduledReminder } from '#domain/reminders/scheduled-reminder.entity.js';
import { Juror } from '#domain/judging/juror.entity.js';
import { ReviewAssignment } from '#domain/judging/review-assignment.entity.js';
import { Review, ReviewRevision } from '#domain/judging/review.entity.js';
import { Award } from '#domain/judging/award.entity.js';
import { ResultRanking } from '#domain/judging/result-ranking.entity.js';
import { Adoption } from '#domain/adoption/adoption.entity.js';
import { AdoptionTutor } from '#domain/adoption/adoption-tutor.entity.js';
import { MiniCompany } from '#domain/minicompanies/mini-company.entity.js';
import { Milestone } from '#domain/minicompanies/milestone.entity.js';
import { DataProcessingAgreement } from '#domain/rosters/data-processing-agreement.entity.js';
import { RosterStudent } from '#domain/rosters/roster-student.entity.js';
import { DataExport } from '#domain/people/data-export.entity.js';
import { ConsentRecord } from '#domain/rosters/consent-record.entity.js';
import { PublicVote } from '#domain/voting/public-vote.entity.js';
import { FollowedTheme } from '#domain/sponsors/followed-theme.entity.js';

/** Every entity, listed explicitly (no globs): what the migrations must match. */
export const ENTITIES = [
  OutboxEvent,
  JobFailure,
  User,
  RefreshToken,
  Organization,
  OrganizationMember,
  OrganizationInvitation,
  Notification,
  Challenge,
  Theme,
  Criterion,
  Team,
  TeamMember,
  Idea,
  ScheduledReminder,
  Juror,
  ReviewAssignment,
  Review,
  ReviewRevision,
  Award,
  ResultRanking,
  Adoption,
  AdoptionTutor,
  MiniCompany,
  Milestone,
  AccountToken,
  DataProcessingAgreement,
  RosterStudent,
  DataExport,
  ConsentRecord,
  PublicVote,
  FollowedTheme,
];
