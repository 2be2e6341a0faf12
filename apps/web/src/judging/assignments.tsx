// What the juror's screens share: the status of an assignment, the progress of a seat, whether reviews are open, and
// the list of the assignments of one challenge. Nothing here names a team: under blind judging a juror must not learn
// it (docs/rules.md "Ideas"), and the list never asks the API for it.
import { useState } from 'react';
import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { AssignmentStatus, ChallengeStatus } from '../gql/graphql';
import { Badge, Loading, QueryError } from '../common/ui';
import { roundScore } from './total';

/** A challenge seen by one of its jurors, and the viewer's seats (for the progress of this one). */
export const JurorChallengeQuery = graphql(`
  query JurorChallenge($id: ID, $slug: String) {
    challenge(id: $id, slug: $slug) {
      id
      slug
      title
      status
      blindJudging
      judgingClosesAt
    }
    me {
      id
      jurorSeats {
        id
        assignedCount
        submittedCount
        challenge {
          id
        }
      }
    }
  }
`);

const ChallengeAssignmentsQuery = graphql(`
  query ChallengeAssignments($challengeId: ID!) {
    myAssignments(challengeId: $challengeId) {
      id
      status
      idea {
        id
        title
        theme {
          id
          name
        }
      }
      review {
        id
        total
        updatedAt
      }
    }
  }
`);

/**
 * A submitted or changed review refreshes every list that shows it, even one whose assignments had no review yet (no
 * Review in the cached answer to invalidate it), and the seats' counters.
 */
export const REVIEW_CONTEXT = { additionalTypenames: ['Review', 'ReviewAssignment', 'Juror'] };

const STATUS_TONE = { PENDING: 'accent', SUBMITTED: 'good', RECUSED: 'neutral' } as const;

export function AssignmentStatusBadge({ status }: { status: AssignmentStatus }) {
  return (
    <Badge tone={STATUS_TONE[status]}>
      <FormattedMessage id={`judging.status.${status}`} />
    </Badge>
  );
}

/** Whether reviews may be submitted, changed or recused now (the API decides; this only chooses what to show). */
export function useReviewsOpen(challenge: { status: ChallengeStatus; judgingClosesAt: string }): boolean {
  // The page's opening time: a form left open past the deadline is refused by the API, with its message.
  const [now] = useState(() => Date.now());
  return challenge.status === 'JUDGING' && new Date(challenge.judgingClosesAt).getTime() > now;
}

/** "Reviews submitted: 2 of 5", with a bar. */
export function SeatProgress({ submitted, assigned, id }: { submitted: number; assigned: number; id: string }) {
  const intl = useIntl();
  return (
    <div className="seat-progress">
      <p className="progress-summary" id={id}>
        <FormattedMessage id="judging.progress" values={{ submitted, assigned }} />
      </p>
      {assigned > 0 && (
        <progress
          className="meter"
          max={assigned}
          value={submitted}
          aria-labelledby={id}
          aria-valuetext={intl.formatMessage({ id: 'judging.progress' }, { submitted, assigned })}
        />
      )}
    </div>
  );
}

/** The deadline, or that judging is over (or not started), for a challenge the viewer is a juror of. */
export function ReviewWindow({ challenge }: { challenge: { status: ChallengeStatus; judgingClosesAt: string } }) {
  const open = useReviewsOpen(challenge);
  if (challenge.status === 'DRAFT' || challenge.status === 'PUBLISHED') {
    return (
      <p>
        <FormattedMessage id="judging.notStarted" />
      </p>
    );
  }
  return (
    <p>
      {open ? (
        <FormattedMessage id="judging.closesAt" values={{ date: <FormattedDate value={challenge.judgingClosesAt} dateStyle="long" timeStyle="short" /> }} />
      ) : (
        <FormattedMessage id="judging.closed" />
      )}
    </p>
  );
}

/** The juror's assignments in one challenge: each idea with its status and, once reviewed, the total given. */
export function AssignmentList({ challenge, headingLevel = 2 }: { challenge: { id: string; slug: string; title: string }; headingLevel?: 2 | 3 }) {
  const intl = useIntl();
  const [{ data, fetching, error }] = useQuery({ query: ChallengeAssignmentsQuery, variables: { challengeId: challenge.id }, context: REVIEW_CONTEXT });
  if (fetching && !data) return <Loading />;
  if (error) return <QueryError error={error} />;
  const assignments = data?.myAssignments ?? [];
  if (assignments.length === 0) {
    return (
      <p className="muted">
        <FormattedMessage id="judging.assignments.empty" />
      </p>
    );
  }
  const Heading = `h${headingLevel}` as const;
  return (
    <ul className="assignments" aria-label={intl.formatMessage({ id: 'judging.assignments.list' }, { challenge: challenge.title })}>
      {assignments.map((assignment) => (
        <li key={assignment.id} className="assignment">
          <Heading className="assignment-title">
            <Link to={`/challenges/${challenge.slug}/reviews/${assignment.id}`}>{assignment.idea.title}</Link>
          </Heading>
          <p className="meta assignment-meta">
            <AssignmentStatusBadge status={assignment.status} />
            <span>{assignment.idea.theme.name}</span>
            {assignment.review && assignment.status === 'SUBMITTED' && (
              <span>
                <FormattedMessage id="judging.totalGiven" values={{ total: <FormattedNumber value={roundScore(assignment.review.total)} maximumFractionDigits={2} /> }} />
              </span>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
