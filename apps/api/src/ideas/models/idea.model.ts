import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { InheritsCacheHint } from '../../graphql/cache-hints.js';
import { IdeaStatus } from '#domain/ideas/idea.entity.js';
import type { IdeaView } from '#domain/ideas/idea-reads.js';
import { Connection } from '../../common/page-info.model.js';

registerEnumType(IdeaStatus, { name: 'IdeaStatus' });

/**
 * An idea's own fields. challenge, team and theme are @ResolveField()s; reviews, score, awards, adoption and
 * adoptionProposals belong to the judging and adoption features.
 */
@InheritsCacheHint()
@ObjectType('Idea')
export class IdeaModel {
  @Field(() => ID)
  id!: string;

  challengeId!: string;
  /** Null where blind judging hides the team from the viewer (IdeaReads decides; Idea.team then answers null). */
  teamId!: string | null;
  themeId!: string;

  @Field()
  title!: string;

  @Field()
  summary!: string;

  @Field()
  problem!: string;

  @Field()
  solution!: string;

  @Field(() => String, { nullable: true })
  impact!: string | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => IdeaStatus)
  status!: IdeaStatus;

  @Field(() => Int, { description: 'Incremented by every saved change; used for optimistic locking.' })
  version!: number;

  @Field(() => Date, { nullable: true })
  submittedAt!: Date | null;

  @Field(() => Date)
  updatedAt!: Date;
}

@InheritsCacheHint()
@ObjectType('IdeaConnection')
export class IdeaConnection extends Connection(IdeaModel, 'Idea') {}

export const toIdeaModel = (i: IdeaView): IdeaModel => ({
  id: i.id,
  challengeId: i.challengeId,
  teamId: i.teamId,
  themeId: i.themeId,
  title: i.title,
  summary: i.summary,
  problem: i.problem,
  solution: i.solution,
  impact: i.impact,
  tags: i.tags,
  status: i.status,
  version: i.version,
  submittedAt: i.submittedAt,
  updatedAt: i.updatedAt,
});
