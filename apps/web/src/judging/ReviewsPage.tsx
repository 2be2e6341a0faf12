import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { challengeKey } from '../common/ids';
import { Badge, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { AssignmentList, JurorChallengeQuery, REVIEW_CONTEXT, ReviewWindow, SeatProgress } from './assignments';
import '../organizer/organizer.css';
import './judging.css';

/** A juror's own assignments in one challenge (where REVIEW_ASSIGNED and the deadline reminder lead): what is left to do. */
export default function ReviewsPage() {
  const intl = useIntl();
  const { slug = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: JurorChallengeQuery, variables: challengeKey(slug), context: REVIEW_CONTEXT });
  const challenge = data?.challenge;
  usePageTitle(challenge ? intl.formatMessage({ id: 'judging.assignments.pageTitle' }, { challenge: challenge.title }) : undefined);
  if (fetching && !data) return <Loading />;
  if (error) return <QueryError error={error} />;
  if (!challenge) return <NotFound />;
  const seat = data?.me?.jurorSeats.find((candidate) => candidate.challenge.id === challenge.id);
  return (
    <section className="juror-page">
      <p className="meta">
        <Link to="/jury">
          <FormattedMessage id="judging.home.title" />
        </Link>{' '}
        · <Link to={`/challenges/${challenge.slug}`}>{challenge.title}</Link>
      </p>
      <h1>
        <FormattedMessage id="judging.assignments.title" />
      </h1>
      {challenge.blindJudging && (
        <p>
          <Badge>
            <FormattedMessage id="judging.blind" />
          </Badge>
        </p>
      )}
      <ReviewWindow challenge={challenge} />
      {seat && <SeatProgress submitted={seat.submittedCount} assigned={seat.assignedCount} id={`progress-${seat.id}`} />}
      <AssignmentList challenge={challenge} />
    </section>
  );
}
