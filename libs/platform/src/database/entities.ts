import { OutboxEvent } from '../outbox/outbox-event.entity.js';
import { JobFailure } from '../queues/job-failure.entity.js';
import { User } from '../../../domain/src/identity/user.entity.js';
import { RefreshToken } from '../../../domain/src/identity/refresh-token.entity.js';
import { AccountToken } from '../../../domain/src/identity/account-token.entity.js';
import { Organization } from '../../../domain/src/organizations/organization.entity.js';
import { OrganizationMember } from '../../../domain/src/organizations/organization-member.entity.js';
import { Notification } from '../../../domain/src/notifications/notification.entity.js';
import { Challenge } from '../../../domain/src/challenges/challenge.entity.js';
import { Theme } from '../../../domain/src/challenges/theme.entity.js';
import { Criterion } from '../../../domain/src/challenges/criterion.entity.js';
import { Team } from '../../../domain/src/teams/team.entity.js';
import { TeamMember } from '../../../domain/src/teams/team-member.entity.js';
import { Idea } from '../../../domain/src/ideas/idea.entity.js';
import { ScheduledReminder } from '../../../domain/src/reminders/scheduled-reminder.entity.js';
import { Juror } from '../../../domain/src/judging/juror.entity.js';
import { ReviewAssignment } from '../../../domain/src/judging/review-assignment.entity.js';
import { Review, ReviewRevision } from '../../../domain/src/judging/review.entity.js';
import { Award } from '../../../domain/src/judging/award.entity.js';
import { ResultRanking } from '../../../domain/src/judging/result-ranking.entity.js';
import { Adoption } from '../../../domain/src/adoption/adoption.entity.js';
import { AdoptionTutor } from '../../../domain/src/adoption/adoption-tutor.entity.js';
import { MiniCompany } from '../../../domain/src/minicompanies/mini-company.entity.js';
import { Milestone } from '../../../domain/src/minicompanies/milestone.entity.js';
import { DataProcessingAgreement } from '../../../domain/src/rosters/data-processing-agreement.entity.js';
import { RosterStudent } from '../../../domain/src/rosters/roster-student.entity.js';

/** Every entity, listed explicitly (no globs): what the migrations must match. */
export const ENTITIES = [OutboxEvent, JobFailure, User, RefreshToken, Organization, OrganizationMember, Notification, Challenge, Theme, Criterion, Team, TeamMember, Idea, ScheduledReminder, Juror, ReviewAssignment, Review, ReviewRevision, Award, ResultRanking, Adoption, AdoptionTutor, MiniCompany, Milestone, AccountToken, DataProcessingAgreement, RosterStudent];
