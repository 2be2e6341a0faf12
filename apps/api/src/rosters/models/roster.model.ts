import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { viewPerson } from '#domain/people/person-view.js';
import type { Viewer } from '#domain/viewer.js';
import { ConsentGivenBy, ConsentPurpose, type ConsentRecord } from '#domain/rosters/consent-record.entity.js';
import type { DataProcessingAgreement } from '#domain/rosters/data-processing-agreement.entity.js';
import type { RosterCredential, RosterSheet } from '#domain/rosters/rosters.service.js';
import { ChallengeModel, toChallengeModel } from '../../challenges/models/challenge.model.js';
import { toUserModel, UserModel } from '../../identity/models/user.model.js';
import { OrganizationModel, toOrganizationModel } from '../../organizations/models/organization.model.js';
import { TeamModel, toTeamModel } from '../../teams/models/team.model.js';

@ObjectType('DataProcessingAgreement', { description: "A school's acceptance of the data-processing agreement: which version, when, by which owner." })
export class DataProcessingAgreementModel {
  @Field()
  version!: string;

  @Field()
  acceptedAt!: Date;

  acceptedById!: string | null;

  @Field(() => UserModel, { nullable: true, description: 'The owner who accepted it.' })
  acceptedBy?: UserModel | null;
}

export const toDataProcessingAgreementModel = (a: DataProcessingAgreement): DataProcessingAgreementModel => ({
  version: a.version,
  acceptedAt: a.acceptedAt,
  acceptedById: a.acceptedById,
});

@ObjectType('RosterStudentCredential', { description: 'One line of the printable sheet of a class roster. The code is shown here once and stored only as a hash.' })
export class RosterStudentCredentialModel {
  @Field(() => UserModel)
  user!: UserModel;

  @Field({ description: 'Generated, lowercase, unique platform-wide, e.g. `fermi-giulia-r-7k`.' })
  username!: string;

  @Field()
  displayName!: string;

  @Field({ description: 'The one-time sign-in code (12 symbols, printed in groups of four); works until the student chooses a password or the coach issues a new one.' })
  code!: string;

  @Field()
  teamName!: string;

  @Field(() => String, { nullable: true })
  className!: string | null;

  @Field()
  schoolName!: string;

  @Field()
  challengeTitle!: string;
}

@ObjectType('RosterSheet', { description: 'The answer of addStudents: everything a printable sheet needs, shown once.' })
export class RosterSheetModel {
  @Field(() => TeamModel)
  team!: TeamModel;

  @Field(() => OrganizationModel)
  school!: OrganizationModel;

  @Field(() => ChallengeModel)
  challenge!: ChallengeModel;

  @Field(() => [RosterStudentCredentialModel])
  students!: RosterStudentCredentialModel[];
}

export const toRosterCredentialModel = (c: RosterCredential, viewer: Viewer): RosterStudentCredentialModel => ({
  // The coach who just created the student sees what the sheet shows, nothing private (the student has no email).
  user: toUserModel(viewPerson(viewer, c.user)),
  username: c.username,
  displayName: c.displayName,
  code: c.code,
  teamName: c.team.name,
  className: c.team.className,
  schoolName: c.school.name,
  challengeTitle: c.challenge.title,
});

export const toRosterSheetModel = (s: RosterSheet, viewer: Viewer): RosterSheetModel => ({
  team: toTeamModel(s.team),
  school: toOrganizationModel(s.school),
  challenge: toChallengeModel(s.challenge),
  students: s.students.map((c) => toRosterCredentialModel(c, viewer)),
});

registerEnumType(ConsentPurpose, { name: 'ConsentPurpose', description: 'Optional uses of a student’s data; PUBLIC_NAME: the display name on public pages.' });
registerEnumType(ConsentGivenBy, { name: 'ConsentGivenBy', description: 'STUDENT: the student (14 or more) themself; PARENT: a parent, recorded by the coach.' });

@ObjectType('Consent', { description: 'A recorded consent for one optional use; kept after withdrawal.' })
export class ConsentModel {
  @Field(() => ConsentPurpose)
  purpose!: ConsentPurpose;

  @Field(() => ConsentGivenBy)
  givenBy!: ConsentGivenBy;

  @Field()
  givenAt!: Date;

  @Field(() => Date, { nullable: true })
  withdrawnAt!: Date | null;
}

export const toConsentModel = (c: ConsentRecord): ConsentModel => ({ purpose: c.purpose, givenBy: c.givenBy, givenAt: c.givenAt, withdrawnAt: c.withdrawnAt });
