import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
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
  const intl = useIntl();
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
            <div className="table-scroll" role="region" tabIndex={0} aria-label={intl.formatMessage({ id: 'teams.reviews.scores' }, { n: index + 1 })}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">
                      <FormattedMessage id="challenge.criterion" />
                    </th>
                    <th scope="col" className="num">
                      <FormattedMessage id="teams.reviews.value" />
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {review.scores.map((score) => (
                    <tr key={score.criterion.id}>
                      <th scope="row">{score.criterion.name}</th>
                      <td className="num">
                        <FormattedMessage id="teams.reviews.outOf" values={{ value: score.value, max: score.criterion.maxScore }} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
