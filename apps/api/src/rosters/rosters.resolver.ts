import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PeopleService } from '#domain/people/people.service.js';
import type { DataProcessingAgreement } from '#domain/rosters/data-processing-agreement.entity.js';
import { ConsentGivenBy, ConsentPurpose } from '#domain/rosters/consent-record.entity.js';
import { ConsentsService } from '#domain/rosters/consents.service.js';
import { RostersService } from '#domain/rosters/rosters.service.js';
import type { Viewer } from '#domain/viewer.js';
import { RateLimits } from '#platform/rate-limit/rate-limits.js';
import { CurrentViewer, Loaders } from '../common/current-viewer.decorator.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { toUserModel, UserModel } from '../identity/models/user.model.js';
import { personLoader } from '../identity/person.loader.js';
import { OrganizationModel } from '../organizations/models/organization.model.js';
import { RosterStudentInput } from './dto/roster.input.js';
import {
  ConsentModel,
  DataProcessingAgreementModel,
  RosterSheetModel,
  RosterStudentCredentialModel,
  toConsentModel,
  toDataProcessingAgreementModel,
  toRosterCredentialModel,
  toRosterSheetModel,
} from './models/roster.model.js';

@Resolver()
export class RostersResolver {
  constructor(
    private readonly rosters: RostersService,
    private readonly consents: ConsentsService,
    private readonly rateLimits: RateLimits,
  ) {}

  @Mutation(() => ConsentModel, {
    description: "Records a consent (off by default): givenBy STUDENT by the student themself (14 or more), PARENT by the student's coach. Already given: unchanged.",
  })
  async recordConsent(
    @CurrentViewer() viewer: Viewer,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('purpose', { type: () => ConsentPurpose }) purpose: ConsentPurpose,
    @Args('givenBy', { type: () => ConsentGivenBy }) givenBy: ConsentGivenBy,
  ): Promise<ConsentModel> {
    return toConsentModel(await this.consents.record(viewer, userId, purpose, givenBy));
  }

  @Mutation(() => Boolean, { description: 'Withdraws the consent in force (the student or their coach); false when there was none.' })
  async withdrawConsent(
    @CurrentViewer() viewer: Viewer,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('purpose', { type: () => ConsentPurpose }) purpose: ConsentPurpose,
  ): Promise<boolean> {
    return this.consents.withdraw(viewer, userId, purpose);
  }

  @Mutation(() => DataProcessingAgreementModel, { description: 'An owner of a SCHOOL accepts this version of the data-processing agreement (needed before rosters).' })
  async acceptDataProcessingAgreement(
    @CurrentViewer() viewer: Viewer,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('version') version: string,
  ): Promise<DataProcessingAgreementModel> {
    return toDataProcessingAgreementModel(await this.rosters.acceptDataProcessingAgreement(viewer, organizationId, version));
  }

  @Mutation(() => RosterSheetModel, {
    description:
      'A coach creates students of a SCHOOL_CLIMATHON team without email (names like "Giulia R."): each gets a username and a one-time code, returned only here. guardianConsentConfirmed attests that the families received the school’s privacy notice.',
  })
  async addStudents(
    @CurrentViewer() viewer: Viewer,
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('students', { type: () => [RosterStudentInput] }) students: RosterStudentInput[],
    @Args('guardianConsentConfirmed') guardianConsentConfirmed: boolean,
    @Args('privacyNoticeVersion', {
      type: () => String,
      nullable: true,
      description: "The version of the school's privacy notice the families received; defaults to the accepted agreement's version.",
    })
    privacyNoticeVersion: string | null,
  ): Promise<RosterSheetModel> {
    if (viewer.userId) await this.rateLimits.consume('addStudentsCoach', viewer.userId);
    return toRosterSheetModel(await this.rosters.addStudents(viewer, { teamId, students, guardianConsentConfirmed, privacyNoticeVersion }), viewer);
  }

  @Mutation(() => RosterStudentCredentialModel, {
    description:
      "A coach issues a new code to a roster student of their team: the old code stops working at once, the student's password (if any) is cleared and their sessions end.",
  })
  async resetStudentCode(@CurrentViewer() viewer: Viewer, @Args('userId', { type: () => ID }) userId: string): Promise<RosterStudentCredentialModel> {
    if (viewer.userId) await this.rateLimits.consume('studentCodeResetCoach', viewer.userId);
    return toRosterCredentialModel(await this.rosters.resetStudentCode(viewer, userId), viewer);
  }
}

@Resolver(() => OrganizationModel)
export class OrganizationAgreementResolver {
  constructor(private readonly rosters: RostersService) {}

  @ResolveField(() => DataProcessingAgreementModel, {
    nullable: true,
    description: 'The data-processing agreement in force (the latest accepted version). Visible to members of the organization and to platform admins; null otherwise.',
  })
  async dataProcessingAgreement(
    @Parent() organization: OrganizationModel,
    @CurrentViewer() viewer: Viewer,
    @Loaders() loaders: RequestLoaders,
  ): Promise<DataProcessingAgreementModel | null> {
    const loader = loaders.get<string, DataProcessingAgreement | null>('dataProcessingAgreements', async (ids) => {
      const byOrganization = await this.rosters.agreementsVisibleTo(viewer, ids);
      return ids.map((id) => byOrganization.get(id) ?? null);
    });
    const agreement = await loader.load(organization.id);
    return agreement ? toDataProcessingAgreementModel(agreement) : null;
  }
}

@Resolver(() => DataProcessingAgreementModel)
export class DataProcessingAgreementResolver {
  constructor(private readonly people: PeopleService) {}

  @ResolveField(() => UserModel, { nullable: true })
  async acceptedBy(@Parent() agreement: DataProcessingAgreementModel, @CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<UserModel | null> {
    if (!agreement.acceptedById) return null;
    const person = await personLoader(loaders, this.people, viewer).load(agreement.acceptedById);
    return person ? toUserModel(person) : null;
  }
}
