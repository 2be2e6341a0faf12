import { FormattedMessage } from 'react-intl';
import type { IdeaStatus, TeamRole } from '../gql/graphql';
import { Badge } from '../common/ui';

const IDEA_TONE: Record<IdeaStatus, 'neutral' | 'good' | 'accent'> = { DRAFT: 'neutral', SUBMITTED: 'good', WITHDRAWN: 'accent' };

export function IdeaStatusBadge({ status }: { status: IdeaStatus }) {
  return (
    <Badge tone={IDEA_TONE[status]}>
      <FormattedMessage id={`teams.ideaStatus.${status}`} />
    </Badge>
  );
}

export function RoleBadge({ role }: { role: TeamRole }) {
  return (
    <Badge tone={role === 'STUDENT' ? 'neutral' : 'good'}>
      <FormattedMessage id={`team.role.${role}`} />
    </Badge>
  );
}

/** A team member's name as the viewer may see it: erased people and hidden names get a label in the viewer's language. */
export function MemberName({ user }: { user: { displayName: string; erased: boolean; nameHidden: boolean } }) {
  if (user.erased) return <FormattedMessage id="teams.erased" />;
  if (user.nameHidden) return <FormattedMessage id="team.hiddenName" />;
  return <>{user.displayName}</>;
}

/** Who may lead the team (see the join code, submit and withdraw the idea). */
export const isLead = (role: TeamRole | undefined): boolean => role === 'COACH' || role === 'CAPTAIN';

/** Ideas can be saved and submitted while the challenge is PUBLISHED and its submission window is open. */
export function submissionWindow(challenge: { status: string; submissionOpensAt: string; submissionClosesAt: string }, now = Date.now()): 'open' | 'notYet' | 'closed' {
  if (challenge.status !== 'PUBLISHED' || now >= new Date(challenge.submissionClosesAt).getTime()) return 'closed';
  return now < new Date(challenge.submissionOpensAt).getTime() ? 'notYet' : 'open';
}

/** Teams are formed, joined and given roster students while the challenge is PUBLISHED and before submissions close. */
export const teamsOpen = (challenge: { status: string; submissionClosesAt: string }, now = Date.now()): boolean =>
  challenge.status === 'PUBLISHED' && now < new Date(challenge.submissionClosesAt).getTime();
