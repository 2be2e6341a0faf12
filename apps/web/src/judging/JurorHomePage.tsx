import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { ChallengeStatusBadge } from '../challenges/labels';
import { Badge, Loading, QueryError, usePageTitle } from '../common/ui';
import { AssignmentList, REVIEW_CONTEXT, ReviewWindow, SeatProgress } from './assignments';
import '../organizer/organizer.css';
import './judging.css';

const JurorSeatsQuery = graphql(`
  query JurorSeats {
    me {
      id
      jurorSeats {
        id
        assignedCount
        submittedCount
        challenge {
          id
          slug
          title
          status
          blindJudging
          judgingClosesAt
        }
      }
    }
  }
`);

/** The juror's home: every jury they sit on, newest challenge first, with its progress and the ideas to review. */
export default function JurorHomePage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'judging.home.title' }));
  const [{ data, fetching, error }] = useQuery({ query: JurorSeatsQuery, context: REVIEW_CONTEXT });
  const seats = data?.me?.jurorSeats ?? [];
  return (
    <section className="juror-page">
      <h1>
        <FormattedMessage id="judging.home.title" />
      </h1>
      <p className="lead">
        <FormattedMessage id="judging.home.lead" />
      </p>
      {fetching && !data && <Loading />}
      {error && <QueryError error={error} />}
      {data && seats.length === 0 && (
        <p>
          <FormattedMessage id="judging.home.none" />
        </p>
      )}
      {seats.map(({ id, challenge, assignedCount, submittedCount }) => {
        const started = challenge.status !== 'DRAFT' && challenge.status !== 'PUBLISHED';
        return (
          <section key={id} className="seat" aria-labelledby={`seat-${id}`}>
            <h2 id={`seat-${id}`}>
              <Link to={`/challenges/${challenge.slug}/reviews`}>{challenge.title}</Link>
            </h2>
            <p className="meta tags">
              <ChallengeStatusBadge status={challenge.status} />
              {challenge.blindJudging && (
                <Badge>
                  <FormattedMessage id="judging.blind" />
                </Badge>
              )}
            </p>
            <ReviewWindow challenge={challenge} />
            {started && <SeatProgress submitted={submittedCount} assigned={assignedCount} id={`progress-${id}`} />}
            {started && <AssignmentList challenge={challenge} headingLevel={3} />}
          </section>
        );
      })}
    </section>
  );
}
