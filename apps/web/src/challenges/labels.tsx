import { FormattedMessage } from 'react-intl';
import type { ChallengeFormat, ChallengeStatus } from '../gql/graphql';
import { Badge } from '../common/ui';

const STATUS_TONE: Record<ChallengeStatus, 'neutral' | 'good' | 'accent'> = {
  DRAFT: 'neutral',
  PUBLISHED: 'good',
  JUDGING: 'accent',
  RESULTS_PUBLISHED: 'accent',
  CLOSED: 'neutral',
};

export function ChallengeStatusBadge({ status }: { status: ChallengeStatus }) {
  return (
    <Badge tone={STATUS_TONE[status]}>
      <FormattedMessage id={`challenge.status.${status}`} />
    </Badge>
  );
}

export function FormatLabel({ format }: { format: ChallengeFormat }) {
  return <FormattedMessage id={`challenge.format.${format}`} />;
}

/** Whether the frozen ranking and the awards are public. */
export const resultsArePublic = (status: ChallengeStatus): boolean => status === 'RESULTS_PUBLISHED' || status === 'CLOSED';
