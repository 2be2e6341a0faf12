import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { challengeKey } from '../common/ids';
import { Badge, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';

const ReviewsChallengeQuery = graphql(`
  query ReviewsChallenge($id: ID, $slug: String) {
    challenge(id: $id, slug: $slug) {
      id
      slug
      title
      judgingClosesAt
    }
  }
`);

const MyAssignmentsQuery = graphql(`
  query MyAssignments($challengeId: ID!) {
    myAssignments(challengeId: $challengeId) {
      id
      status
      dueAt
      idea {
        id
        title
      }
    }
  }
`);

const STATUS_TONE = { PENDING: 'accent', SUBMITTED: 'good', RECUSED: 'neutral' } as const;

/** A juror's own assignments in one challenge: the ideas to review and what is done. */
export default function ReviewsPage() {
  const intl = useIntl();
  const { slug = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: ReviewsChallengeQuery, variables: challengeKey(slug) });
  const challenge = data?.challenge;
  const [assignments] = useQuery({ query: MyAssignmentsQuery, variables: { challengeId: challenge?.id ?? '' }, pause: !challenge });
  usePageTitle(challenge ? `${intl.formatMessage({ id: 'reviews.title' })} · ${challenge.title}` : undefined);
  if (fetching && !data) return <Loading />;
  if (error) return <QueryError error={error} />;
  if (!challenge) return <NotFound />;
  const list = assignments.data?.myAssignments ?? [];
  return (
    <section>
      <p className="meta">
        <Link to={`/challenges/${challenge.slug}`}>{challenge.title}</Link>
      </p>
      <h1>
        <FormattedMessage id="reviews.title" />
      </h1>
      <p>
        <FormattedMessage id="reviews.closesAt" values={{ date: <FormattedDate value={challenge.judgingClosesAt} dateStyle="long" timeStyle="short" /> }} />
      </p>
      {assignments.fetching && !assignments.data && <Loading />}
      {assignments.error && <QueryError error={assignments.error} />}
      {assignments.data && list.length === 0 && (
        <p>
          <FormattedMessage id="reviews.empty" />
        </p>
      )}
      <ul className="notifications">
        {list.map((assignment) => (
          <li key={assignment.id} className="notification">
            <h2>
              <Link to={`/ideas/${assignment.idea.id}`}>{assignment.idea.title}</Link>
            </h2>
            <p className="meta">
              <Badge tone={STATUS_TONE[assignment.status]}>
                <FormattedMessage id={`assignment.status.${assignment.status}`} />
              </Badge>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
