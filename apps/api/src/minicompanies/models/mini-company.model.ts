import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MiniCompanyStatus, type MiniCompany } from '#domain/minicompanies/mini-company.entity.js';
import { MilestoneKind, MilestoneStatus, type Milestone } from '#domain/minicompanies/milestone.entity.js';

registerEnumType(MiniCompanyStatus, { name: 'MiniCompanyStatus' });
registerEnumType(MilestoneKind, { name: 'MilestoneKind' });
registerEnumType(MilestoneStatus, { name: 'MilestoneStatus' });

@ObjectType('Milestone')
export class MilestoneModel {
  @Field(() => ID)
  id!: string;

  @Field(() => MilestoneKind)
  kind!: MilestoneKind;

  @Field()
  title!: string;

  @Field(() => Date)
  dueAt!: Date;

  @Field(() => MilestoneStatus)
  status!: MilestoneStatus;

  @Field(() => String, { nullable: true })
  evidence!: string | null;

  @Field(() => Date, { nullable: true })
  submittedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  reviewedAt!: Date | null;

  reviewedById!: string | null;

  @Field(() => String, { nullable: true })
  feedback!: string | null;
}

/** A mini-company's own fields; team, idea, adoption, milestones and progress are @ResolveField()s. */
@ObjectType('MiniCompany')
export class MiniCompanyModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  teamId!: string;
  ideaId!: string;
  adoptionId!: string | null;

  @Field(() => MiniCompanyStatus)
  status!: MiniCompanyStatus;

  @Field(() => Date)
  foundedAt!: Date;
}

export const toMiniCompanyModel = (c: MiniCompany): MiniCompanyModel => ({
  id: c.id,
  name: c.name,
  teamId: c.teamId,
  ideaId: c.ideaId,
  adoptionId: c.adoptionId,
  status: c.status,
  foundedAt: c.foundedAt,
});

export const toMilestoneModel = (m: Milestone): MilestoneModel => ({
  id: m.id,
  kind: m.kind,
  title: m.title,
  dueAt: m.dueAt,
  status: m.status,
  evidence: m.evidence,
  submittedAt: m.submittedAt,
  reviewedAt: m.reviewedAt,
  reviewedById: m.reviewedById,
  feedback: m.feedback,
});
