import { FormattedMessage } from 'react-intl';
import type { AdoptionStatus, MilestoneStatus } from '../gql/graphql';
import { Badge } from '../common/ui';
import type { MessageId } from '../i18n/IntlRoot';
import { PersonName, type PersonLike } from '../organizer/people';

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

/** The company tutors of an adoption, or `empty` while there is none. */
export function TutorList({ tutors, empty }: { tutors: readonly (PersonLike & { id: string })[]; empty: MessageId }) {
  if (tutors.length === 0) {
    return (
      <p className="muted">
        <FormattedMessage id={empty} />
      </p>
    );
  }
  return (
    <ul className="plain">
      {tutors.map((tutor) => (
        <li key={tutor.id}>
          <PersonName user={tutor} />
        </li>
      ))}
    </ul>
  );
}
