import { FormattedMessage } from 'react-intl';
import type { AdoptionStatus, MilestoneStatus } from '../gql/graphql';
import { Badge } from '../common/ui';

const ADOPTION_TONE: Record<AdoptionStatus, 'neutral' | 'good' | 'accent'> = {
  PROPOSED: 'accent',
  ACCEPTED: 'good',
  DECLINED: 'neutral',
  WITHDRAWN: 'neutral',
  COMPLETED: 'good',
};

export function AdoptionStatusBadge({ status }: { status: AdoptionStatus }) {
  return (
    <Badge tone={ADOPTION_TONE[status]}>
      <FormattedMessage id={`adoption.status.${status}`} />
    </Badge>
  );
}

const MILESTONE_TONE: Record<MilestoneStatus, 'neutral' | 'good' | 'accent'> = {
  PLANNED: 'neutral',
  SUBMITTED: 'accent',
  APPROVED: 'good',
  OVERDUE: 'accent',
};

export function MilestoneStatusBadge({ status }: { status: MilestoneStatus }) {
  return (
    <Badge tone={MILESTONE_TONE[status]}>
      <FormattedMessage id={`milestone.status.${status}`} />
    </Badge>
  );
}
