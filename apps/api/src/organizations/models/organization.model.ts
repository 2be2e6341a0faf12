import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { InheritsCacheHint } from '../../graphql/cache-hints.js';
import { OrganizationRole } from '#domain/organizations/organization-member.entity.js';
import { Organization, OrganizationKind } from '#domain/organizations/organization.entity.js';
import { Connection } from '../../common/page-info.model.js';
import { UserModel } from '../../identity/models/user.model.js';

registerEnumType(OrganizationKind, { name: 'OrganizationKind' });
registerEnumType(OrganizationRole, { name: 'OrganizationRole' });

@InheritsCacheHint()
@ObjectType('Organization')
export class OrganizationModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true, description: "Territorial district, e.g. 'Pianura Est' or 'Mantova'." })
  district!: string | null;

  @Field(() => String, { nullable: true, description: 'Business sector or field of activity, free text.' })
  sector!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => [String], { description: 'Sectors the organization cares about (free text); a company gets ideas speaking of them suggested.' })
  sectorsOfInterest!: string[];

  @Field(() => [String], { description: "Themes the organization cares about (free text, matched against every edition's themes)." })
  themesOfInterest!: string[];
}

@ObjectType('OrganizationMember')
export class OrganizationMemberModel {
  userId!: string;

  @Field(() => UserModel)
  user?: UserModel;

  @Field(() => OrganizationRole)
  role!: OrganizationRole;
}

@ObjectType('Membership', { description: "One of the viewer's accepted memberships (User.memberships)." })
export class MembershipModel {
  @Field(() => OrganizationModel)
  organization!: OrganizationModel;

  @Field(() => OrganizationRole)
  role!: OrganizationRole;

  @Field(() => Date, { description: 'When the person became a member (accepted the invitation, or created the organization).' })
  since!: Date;
}

@ObjectType('OrganizationConnection')
export class OrganizationConnection extends Connection(OrganizationModel, 'Organization') {}

export const toOrganizationModel = (o: Omit<Organization, 'createdAt'>): OrganizationModel => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  city: o.city,
  district: o.district,
  sector: o.sector,
  website: o.website,
  sectorsOfInterest: o.sectorsOfInterest,
  themesOfInterest: o.themesOfInterest,
});
