import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AdoptionStatus, type Adoption } from '#domain/adoption/adoption.entity.js';

registerEnumType(AdoptionStatus, { name: 'AdoptionStatus' });

/** An adoption's own fields; idea, company, proposedBy and tutors are @ResolveField()s. */
@ObjectType('Adoption')
export class AdoptionModel {
  @Field(() => ID)
  id!: string;

  ideaId!: string;
  companyId!: string;
  proposedById!: string;

  @Field()
  message!: string;

  @Field(() => String, { nullable: true, description: "What the company commits to, e.g. '20 hours of mentoring, 2 internships'." })
  commitment!: string | null;

  @Field(() => AdoptionStatus)
  status!: AdoptionStatus;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  decisionNote!: string | null;
}

export const toAdoptionModel = (a: Adoption): AdoptionModel => ({
  id: a.id,
  ideaId: a.ideaId,
  companyId: a.companyId,
  proposedById: a.proposedById,
  message: a.message,
  commitment: a.commitment,
  status: a.status,
  createdAt: a.createdAt,
  decidedAt: a.decidedAt,
  decisionNote: a.decisionNote,
});
