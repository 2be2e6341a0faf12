import { FormattedMessage, FormattedNumber } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { challengeKey } from '../common/ids';
import { Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { FormTeamLink } from '../teams/TeamsNav';
import { ChallengeStatusBadge, FormatLabel, resultsArePublic } from './labels';
import { ChallengeDateRows } from './ChallengeDates';
import { DataTable } from '../common/DataTable';

const ChallengeQuery = graphql(`
  query Challenge($id: ID, $slug: String) {
    challenge(id: $id, slug: $slug) {
      id
      slug
      title
      description
      status
      format
      blindJudging
      submissionOpensAt
      submissionClosesAt
      judgingClosesAt
      organizer {
        id
        name
      }
      themes {
        id
        name
        description
      }
      criteria {
        id
        name
        description
        weight
        maxScore
      }
    }
  }
`);

export default function ChallengePage() {
  const { slug = '' } = useParams();
  // By slug from the client's own links, by id from notifications and emails.
  const [{ data, fetching, error }] = useQuery({ query: ChallengeQuery, variables: challengeKey(slug) });
  const challenge = data?.challenge;
  usePageTitle(challenge?.title);
  if (fetching && !data) return <Loading />;
  if (error) return <QueryError error={error} />;
  if (!challenge) return <NotFound />;
  const totalWeight = challenge.criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  return (
    <article>
      <p className="meta">
        <ChallengeStatusBadge status={challenge.status} /> <FormatLabel format={challenge.format} /> · {challenge.organizer.name}
      </p>
      <h1>{challenge.title}</h1>
      <p className="prose">{challenge.description}</p>
      <p className="actions">
        <Link className="button" to={`/ideas?challenge=${challenge.id}`}>
          <FormattedMessage id="challenge.seeIdeas" />
        </Link>
        {resultsArePublic(challenge.status) && (
          <Link className="button button-secondary" to={`/challenges/${challenge.slug}/results`}>
            <FormattedMessage id="challenge.seeResults" />
          </Link>
        )}
        <FormTeamLink challenge={challenge} />
      </p>

      <h2>
        <FormattedMessage id="challenge.dates" />
      </h2>
      <dl className="dates">
        <ChallengeDateRows challenge={challenge} />
      </dl>

      <h2>
        <FormattedMessage id="challenge.themes" />
      </h2>
      <ul className="cards">
        {challenge.themes.map((theme) => (
          <li key={theme.id} className="card">
            <h3>
              <Link to={`/ideas?challenge=${challenge.id}&theme=${theme.id}`}>{theme.name}</Link>
            </h3>
            {theme.description && <p>{theme.description}</p>}
          </li>
        ))}
      </ul>

      <h2>
        <FormattedMessage id="challenge.criteria" />
      </h2>
      {challenge.blindJudging && (
        <p className="muted">
          <FormattedMessage id="challenge.blindJudging" />
        </p>
      )}
      <DataTable
        label="challenge.criteria"
        rows={challenge.criteria}
        rowKey={(criterion) => criterion.id}
        columns={[
          {
            header: 'challenge.criterion',
            rowHeader: true,
            cell: (criterion) => (
              <>
                {criterion.name}
                {criterion.description && <span className="muted block">{criterion.description}</span>}
              </>
            ),
          },
          { header: 'challenge.weight', numeric: true, cell: (criterion) => <FormattedNumber value={criterion.weight} maximumFractionDigits={2} /> },
          {
            header: 'challenge.share',
            numeric: true,
            cell: (criterion) => <FormattedNumber value={totalWeight ? criterion.weight / totalWeight : 0} style="percent" maximumFractionDigits={0} />,
          },
          { header: 'challenge.maxScore', numeric: true, cell: (criterion) => criterion.maxScore },
        ]}
      />
    </article>
  );
}
