import { FormattedDate, FormattedMessage, FormattedNumber } from 'react-intl';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { DataTable } from '../common/DataTable';
import { Loading, QueryError } from '../common/ui';

const TeamIdeaReviewsQuery = graphql(`
  query TeamIdeaReviews($id: ID!) {
    idea(id: $id) {
      id
      challenge {
        id
        slug
      }
      score {
        rank
        rawScore
        reviewCount
      }
      reviews {
        id
        total
        comment
        submittedAt
        scores {
          value
          criterion {
            id
            name
            maxScore
          }
        }
      }
    }
  }
`);

/** Once results are published, the team reads its idea's place, score and every review (jurors are not named). */
export function TeamReviews({ ideaId }: { ideaId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: TeamIdeaReviewsQuery, variables: { id: ideaId } });
  if (fetching && !data) return <Loading />;
  if (error) return <QueryError error={error} />;
  const idea = data?.idea;
  if (!idea) return null;
  const score = idea.score;
  return (
    <section aria-labelledby="team-reviews" className="team-reviews">
      <h3 id="team-reviews">
        <FormattedMessage id="teams.reviews.title" />
      </h3>
      {score?.rank ? (
        <p className="score-line">
          <FormattedMessage
            id="teams.reviews.score"
            values={{ rank: score.rank, score: <FormattedNumber value={score.rawScore ?? 0} maximumFractionDigits={2} />, count: score.reviewCount }}
          />
        </p>
      ) : (
        <p>
          <FormattedMessage id="teams.reviews.none" />
        </p>
      )}
      <p>
        <Link to={`/challenges/${idea.challenge.slug}/results`}>
          <FormattedMessage id="teams.reviews.results" />
        </Link>
      </p>
      <ol className="reviews">
        {idea.reviews.map((review, index) => (
          <li key={review.id} className="card">
            <h4>
              <FormattedMessage id="teams.reviews.review" values={{ n: index + 1, total: <FormattedNumber value={review.total} maximumFractionDigits={2} /> }} />
            </h4>
            <p className="meta">
              <FormattedDate value={review.submittedAt} dateStyle="long" />
            </p>
            <DataTable
              label="teams.reviews.scores"
              rows={review.scores}
              rowKey={(score) => score.criterion.id}
              columns={[
                { header: 'challenge.criterion', rowHeader: true, cell: (score) => score.criterion.name },
                {
                  header: 'teams.reviews.value',
                  numeric: true,
                  cell: (score) => <FormattedMessage id="teams.reviews.outOf" values={{ value: score.value, max: score.criterion.maxScore }} />,
                },
              ]}
            />
            {review.comment && (
              <blockquote className="prose">
                <FormattedMessage id="teams.reviews.comment" values={{ comment: review.comment }} />
              </blockquote>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
