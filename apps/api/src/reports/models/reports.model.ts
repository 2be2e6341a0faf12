import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { ImpactFigures } from '#domain/reports/impact-figures.js';
import type { AlphaResult } from '#domain/reports/krippendorff.js';
import type { JuryReportData } from '#domain/reports/reports.service.js';
import type { DisputedIdeaData } from '#domain/reports/jury-agreement.js';
import { jurorPseudonym } from '#domain/reports/exports.service.js';
import { round2 } from '#domain/reports/csv.js';
import { ChallengeModel, CriterionModel } from '../../challenges/models/challenge.model.js';
import { JurorModel } from '../../judging/models/judging.model.js';
import { OrganizationModel } from '../../organizations/models/organization.model.js';

/** Alpha to four decimals (the literature quotes three); scores, means and days to two, as everywhere in the API. */
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
const maybe = (value: number | null, round: (v: number) => number) => (value === null ? null : round(value));

@ObjectType('Agreement', { description: "Krippendorff's alpha with the interval metric: ideas are the units, jurors the coders." })
export class AgreementModel {
  @Field(() => Float, {
    nullable: true,
    description:
      '1 is perfect agreement, 0 agreement no better than chance, below 0 systematic disagreement; null when undefined (no idea with two reviews, or no variation at all).',
  })
  alpha!: number | null;

  @Field(() => Int, { description: 'Ideas with at least two reviews (the only ones alpha can compare).' })
  pairableIdeas!: number;

  @Field(() => Int, { description: 'Reviews of those ideas.' })
  pairableReviews!: number;
}

@ObjectType('CriterionAgreement')
export class CriterionAgreementModel {
  @Field(() => CriterionModel)
  criterion!: CriterionModel;

  @Field(() => AgreementModel)
  agreement!: AgreementModel;

  @Field(() => Float, { nullable: true, description: 'Mean value given to the criterion, on its 0-maxScore scale; null without reviews.' })
  mean!: number | null;
}

@ObjectType('JurorAgreement')
export class JurorAgreementModel {
  @Field(() => JurorModel)
  juror!: JurorModel;

  @Field({ description: "The juror's stable pseudonym in this jury (J1, J2...), as in the reviews export." })
  pseudonym!: string;

  @Field(() => Int)
  reviewCount!: number;

  @Field(() => Float, { nullable: true, description: "Mean weighted total (0-100) of the juror's reviews; null without reviews." })
  meanTotal!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Mean z of the juror's totals against the other reviews of the same ideas, in standard deviations of all the challenge's totals: above 0 more lenient than the peers, below 0 stricter; null when no idea of the juror has another review.",
  })
  leniency!: number | null;

  @Field(() => Float, { nullable: true, description: 'The same mean difference from the peers, in points of the 0-100 total.' })
  meanDeviation!: number | null;

  @Field(() => Int, { description: 'Reviews of ideas that other jurors reviewed too (those leniency averages over).' })
  comparedReviews!: number;
}

@ObjectType('DisputedIdea')
export class DisputedIdeaModel {
  ideaId!: string;

  @Field(() => Int)
  reviewCount!: number;

  @Field(() => Float, { description: 'Largest minus smallest total of its reviews.' })
  spread!: number;

  @Field(() => Float)
  minTotal!: number;

  @Field(() => Float)
  maxTotal!: number;

  @Field(() => Float)
  meanTotal!: number;

  @Field(() => Float, { description: 'Population standard deviation of its totals.' })
  standardDeviation!: number;
}

@ObjectType('JuryReport', { description: "The jury's agreement over the submitted reviews (organizers, once judging has started)." })
export class JuryReportModel {
  @Field(() => Int)
  reviewCount!: number;

  @Field(() => Int, { description: 'Ideas with at least one review.' })
  ideaCount!: number;

  @Field(() => AgreementModel, { description: 'Over the review totals.' })
  agreement!: AgreementModel;

  @Field(() => [CriterionAgreementModel], { description: "Per criterion, in the challenge's order." })
  criteria!: CriterionAgreementModel[];

  @Field(() => [JurorAgreementModel], { description: 'Every juror, in the order they joined the jury.' })
  jurors!: JurorAgreementModel[];

  /** Every idea with two reviews or more, the largest spread first (Query field disputedIdeas takes the first N). */
  disputed!: DisputedIdeaModel[];
}

@ObjectType('ThemeCount')
export class ThemeCountModel {
  @Field()
  theme!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('ImpactFigures', { description: 'Counts only: the report never names a person.' })
export class ImpactFiguresModel {
  @Field(() => Int)
  editions!: number;

  @Field(() => Int)
  schools!: number;

  @Field(() => Int, { description: 'Distinct classes (school and class name per edition); a team without a class name counts as one.' })
  classes!: number;

  @Field(() => Int)
  teams!: number;

  @Field(() => Int, { description: 'Distinct people taking part as team members (students and captains).' })
  students!: number;

  @Field(() => Int, { description: 'Distinct coaches.' })
  teachers!: number;

  @Field(() => Int)
  ideasSubmitted!: number;

  @Field(() => [ThemeCountModel], { description: 'Submitted ideas per theme (themes of the same name count together), most first.' })
  ideasByTheme!: ThemeCountModel[];

  @Field(() => Int)
  reviews!: number;

  @Field(() => Int)
  awards!: number;

  @Field(() => Int)
  adoptionsProposed!: number;

  @Field(() => Int, { description: 'Adoptions accepted (and since completed).' })
  adoptionsAccepted!: number;

  @Field(() => Float, { nullable: true, description: "Days from an edition's results to its first accepted adoption, averaged over the editions that have one." })
  daysToFirstAdoption!: number | null;

  @Field(() => Float, { nullable: true, description: "Median days from an edition's results to the adoption of each adopted idea." })
  medianDaysToAdoption!: number | null;

  @Field(() => Int)
  miniCompaniesFounded!: number;

  @Field(() => Int, { description: 'Mini-companies launched (market launch approved).' })
  miniCompaniesLaunched!: number;

  @Field(() => Int, { description: 'Milestones approved whose evidence was submitted by the due date.' })
  milestonesApprovedOnTime!: number;

  @Field(() => Int)
  milestonesApprovedLate!: number;
}

@ObjectType('ImpactDistrict')
export class ImpactDistrictModel {
  @Field(() => String, { nullable: true, description: 'Null: schools without a district and teams without a school.' })
  district!: string | null;

  @Field(() => ImpactFiguresModel)
  figures!: ImpactFiguresModel;
}

@ObjectType('ImpactSchool')
export class ImpactSchoolModel {
  @Field(() => OrganizationModel)
  school!: OrganizationModel;

  @Field(() => ImpactFiguresModel)
  figures!: ImpactFiguresModel;
}

@ObjectType('ImpactReport', { description: "A promoter's editions in a period: those whose submissions open in [from, to)." })
export class ImpactReportModel {
  @Field(() => OrganizationModel)
  organizer!: OrganizationModel;

  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => [ChallengeModel], { description: 'The editions counted, in the order their submissions opened.' })
  editions!: ChallengeModel[];

  @Field(() => ImpactFiguresModel)
  overall!: ImpactFiguresModel;

  @Field(() => [ImpactDistrictModel], { description: "By district of the teams' schools, alphabetically (no district last)." })
  byDistrict!: ImpactDistrictModel[];

  @Field(() => [ImpactSchoolModel], { description: 'By school, alphabetically.' })
  bySchool!: ImpactSchoolModel[];

  @Field({ description: 'The same report as CSV: GET this path with the bearer token, or make a signed link of it with createExportLink.' })
  csvPath!: string;
}

@ObjectType('ExportLink')
export class ExportLinkModel {
  @Field({ description: 'The export path with its parameters and the signed token: a plain GET opens it, for 10 minutes.' })
  url!: string;

  @Field(() => Date)
  expiresAt!: Date;
}

export const toAgreementModel = (a: AlphaResult): AgreementModel => ({
  alpha: maybe(a.alpha, round4),
  pairableIdeas: a.pairableUnits,
  pairableReviews: a.pairableValues,
});

export const toDisputedIdeaModel = (d: DisputedIdeaData): DisputedIdeaModel => ({
  ideaId: d.ideaId,
  reviewCount: d.reviewCount,
  spread: round2(d.spread),
  minTotal: round2(d.minTotal),
  maxTotal: round2(d.maxTotal),
  meanTotal: round2(d.meanTotal),
  standardDeviation: round2(d.standardDeviation),
});

export const toImpactFiguresModel = (f: ImpactFigures): ImpactFiguresModel => ({ ...f, ideasByTheme: f.ideasByTheme.map((t) => ({ ...t })) });

export function toJuryReportModel(
  r: JuryReportData,
  toJuror: (juror: JuryReportData['jurors'][number]['juror']) => JurorModel,
  toCriterion: (c: JuryReportData['criteria'][number]['criterion']) => CriterionModel,
): JuryReportModel {
  return {
    reviewCount: r.reviewCount,
    ideaCount: r.ideaCount,
    agreement: toAgreementModel(r.agreement),
    criteria: r.criteria.map((c) => ({ criterion: toCriterion(c.criterion), agreement: toAgreementModel(c.agreement), mean: maybe(c.mean, round2) })),
    jurors: r.jurors.map((j) => ({
      juror: toJuror(j.juror),
      pseudonym: jurorPseudonym(j.juror),
      reviewCount: j.reviewCount,
      meanTotal: maybe(j.meanTotal, round2),
      leniency: maybe(j.leniency, round2),
      meanDeviation: maybe(j.meanDeviation, round2),
      comparedReviews: j.comparedReviews,
    })),
    disputed: r.disputed.map(toDisputedIdeaModel),
  };
}
