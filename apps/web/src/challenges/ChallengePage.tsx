import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { challengeKey } from '../common/ids';
import { Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { ChallengeStatusBadge, FormatLabel, resultsArePublic } from './labels';

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
  const intl = useIntl();
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
      </p>

      <h2>
        <FormattedMessage id="challenge.dates" />
      </h2>
      <dl className="dates">
        <dt>
          <FormattedMessage id="challenge.submissionOpensAt" />
        </dt>
        <dd>
          <FormattedDate value={challenge.submissionOpensAt} dateStyle="long" timeStyle="short" />
        </dd>
        <dt>
          <FormattedMessage id="challenge.submissionClosesAt" />
        </dt>
        <dd>
          <FormattedDate value={challenge.submissionClosesAt} dateStyle="long" timeStyle="short" />
        </dd>
        <dt>
          <FormattedMessage id="challenge.judgingClosesAt" />
        </dt>
        <dd>
          <FormattedDate value={challenge.judgingClosesAt} dateStyle="long" timeStyle="short" />
        </dd>
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
      <div className="table-scroll" role="region" tabIndex={0} aria-label={intl.formatMessage({ id: 'challenge.criteria' })}>
        <table>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="challenge.criterion" />
              </th>
              <th scope="col" className="num">
                <FormattedMessage id="challenge.weight" />
              </th>
              <th scope="col" className="num">
                <FormattedMessage id="challenge.share" />
              </th>
              <th scope="col" className="num">
                <FormattedMessage id="challenge.maxScore" />
              </th>
            </tr>
          </thead>
          <tbody>
            {challenge.criteria.map((criterion) => (
              <tr key={criterion.id}>
                <th scope="row">
                  {criterion.name}
                  {criterion.description && <span className="muted block">{criterion.description}</span>}
                </th>
                <td className="num">
                  <FormattedNumber value={criterion.weight} maximumFractionDigits={2} />
                </td>
                <td className="num">
                  <FormattedNumber value={totalWeight ? criterion.weight / totalWeight : 0} style="percent" maximumFractionDigits={0} />
                </td>
                <td className="num">{criterion.maxScore}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
