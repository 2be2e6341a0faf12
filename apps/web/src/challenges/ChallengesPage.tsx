import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { Badge, Loading, QueryError, usePageTitle } from '../common/ui';
import { ChallengeStatusBadge, FormatLabel } from './labels';

const ChallengesQuery = graphql(`
  query Challenges {
    challenges(first: 50) {
      totalCount
      edges {
        node {
          id
          slug
          title
          description
          status
          format
          submissionOpensAt
          submissionClosesAt
          themes {
            id
            name
          }
          organizer {
            id
            name
          }
        }
      }
    }
  }
`);

export default function ChallengesPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'challenges.title' }));
  const [{ data, fetching, error }] = useQuery({ query: ChallengesQuery });
  return (
    <section>
      <h1>
        <FormattedMessage id="challenges.title" />
      </h1>
      <p className="lead">
        <FormattedMessage id="challenges.lead" />
      </p>
      {fetching && !data && <Loading />}
      {error && <QueryError error={error} />}
      {data && data.challenges.edges.length === 0 && (
        <p>
          <FormattedMessage id="challenges.empty" />
        </p>
      )}
      <ul className="cards">
        {data?.challenges.edges.map(({ node }) => (
          <li key={node.id} className="card">
            <h2>
              <Link to={`/challenges/${node.slug}`}>{node.title}</Link>
            </h2>
            <p className="meta">
              <ChallengeStatusBadge status={node.status} /> <FormatLabel format={node.format} /> · {node.organizer.name}
            </p>
            <p className="clamp">{node.description}</p>
            <p className="meta">
              <FormattedMessage
                id="challenges.submissions"
                values={{
                  opens: <FormattedDate value={node.submissionOpensAt} dateStyle="medium" />,
                  closes: <FormattedDate value={node.submissionClosesAt} dateStyle="medium" />,
                }}
              />
            </p>
            <p className="tags">
              {node.themes.map((theme) => (
                <Badge key={theme.id}>{theme.name}</Badge>
              ))}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
