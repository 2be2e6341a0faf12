import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { resultsArePublic } from '../challenges/labels';
import { challengeKey } from '../common/ids';
import { Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { RankingTable } from './RankingTable';
import { LazyResultsVotingSection } from '../voting/lazy';

const ResultsQuery = graphql(`
  query Results($id: ID, $slug: String) {
    challenge(id: $id, slug: $slug) {
      id
      slug
      title
      status
    }
  }
`);

const RankingQuery = graphql(`
  query Ranking($id: ID!) {
    challenge(id: $id) {
      id
      awards {
        id
        title
        place
        idea {
          id
          title
        }
      }
      leaderboard {
        rank
        rawScore
        reviewCount
        idea {
          id
          title
          team {
            id
            name
            school {
              id
              name
            }
          }
        }
      }
    }
  }
`);

/** The frozen final ranking and the awards, public once results are published. */
export default function ResultsPage() {
  const intl = useIntl();
  const { slug = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: ResultsQuery, variables: challengeKey(slug) });
  const challenge = data?.challenge;
  const published = !!challenge && resultsArePublic(challenge.status);
  const [ranking] = useQuery({ query: RankingQuery, variables: { id: challenge?.id ?? '' }, pause: !published });
  usePageTitle(challenge ? intl.formatMessage({ id: 'results.pageTitle' }, { challenge: challenge.title }) : undefined);
  if (fetching && !data) return <Loading />;
  if (error) return <QueryError error={error} />;
  if (!challenge) return <NotFound />;
  const awards = [...(ranking.data?.challenge?.awards ?? [])].sort((a, b) => (a.place ?? 99) - (b.place ?? 99));
  return (
    <section>
      <p className="meta">
        <Link to={`/challenges/${challenge.slug}`}>{challenge.title}</Link>
      </p>
      <h1>
        <FormattedMessage id="results.title" />
      </h1>
      {!published && (
        <p>
          <FormattedMessage id="results.notYet" />
        </p>
      )}
      {ranking.error && <QueryError error={ranking.error} />}
      {published && ranking.fetching && !ranking.data && <Loading />}
      {awards.length > 0 && (
        <>
          <h2>
            <FormattedMessage id="results.awards" />
          </h2>
          <ul className="cards">
            {awards.map((award) => (
              <li key={award.id} className="card award">
                <p className="award-title">{award.place ? <FormattedMessage id="idea.awardPlace" values={{ place: award.place, title: award.title }} /> : award.title}</p>
                <Link to={`/ideas/${award.idea.id}`}>{award.idea.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {published && ranking.data?.challenge && <LazyResultsVotingSection challengeId={challenge.id} ideas={ranking.data.challenge.leaderboard.map((entry) => entry.idea)} />}
      {ranking.data?.challenge && (
        <>
          <h2>
            <FormattedMessage id="results.ranking" />
          </h2>
          <RankingTable label="results.ranking" entries={ranking.data.challenge.leaderboard} />
        </>
      )}
    </section>
  );
}
