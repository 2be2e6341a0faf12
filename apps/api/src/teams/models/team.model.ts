import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { InheritsCacheHint } from '../../graphql/cache-hints.js';
import { TeamRole, type TeamMember } from '#domain/teams/team-member.entity.js';
import type { Team } from '#domain/teams/team.entity.js';
import { Connection } from '../../common/page-info.model.js';

registerEnumType(TeamRole, { name: 'TeamRole' });

/**
 * A team's own fields. Relations and per-viewer fields (challenge, school, members, joinCode, idea) are
 * @ResolveField()s; tutors and miniCompany belong to the adoption and mini-company features.
 */
@InheritsCacheHint()
@ObjectType('Team')
export class TeamModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: "The class, e.g. '4B informatica'." })
  className!: string | null;

  challengeId!: string;
  schoolId!: string | null;
  /** Never exposed as is: Team.joinCode resolves it per viewer. */
  secretJoinCode!: string;
}

@ObjectType('TeamMember')
export class TeamMemberModel {
  teamId!: string;
  userId!: string;

  @Field(() => TeamRole)
  role!: TeamRole;
}

@ObjectType('TeamConnection')
export class TeamConnection extends Connection(TeamModel, 'Team') {}

export const toTeamModel = (t: Omit<Team, 'createdAt'>): TeamModel => ({
  id: t.id,
  name: t.name,
  className: t.className,
  challengeId: t.challengeId,
  schoolId: t.schoolId,
  secretJoinCode: t.joinCode,
});

export const toTeamMemberModel = (m: TeamMember): TeamMemberModel => ({ teamId: m.teamId, userId: m.userId, role: m.role });
