import { Field, ID, InputType } from '@nestjs/graphql';
import { OrganizationRole } from '#domain/organizations/organization-member.entity.js';
import { OrganizationKind } from '#domain/organizations/organization.entity.js';

@InputType()
export class CreateOrganizationInput {
  @Field()
  name!: string;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true })
  district?: string | null;

  @Field(() => String, { nullable: true })
  sector?: string | null;

  @Field(() => String, { nullable: true })
  website?: string | null;
}

@InputType()
export class AddOrganizationMemberInput {
  @Field(() => ID)
  organizationId!: string;

  @Field({ description: "An existing user's email." })
  email!: string;

  @Field(() => OrganizationRole, { nullable: true, defaultValue: OrganizationRole.MEMBER })
  role?: OrganizationRole | null;
}
