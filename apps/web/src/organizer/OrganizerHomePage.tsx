import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { ChallengeStatusBadge, FormatLabel } from '../challenges/labels';
import { Loading, QueryError, usePageTitle } from '../common/ui';
import { ORGANIZING_KINDS } from './OrganizerNav';
import './organizer.css';

const OrganizingOrganizationsQuery = graphql(`
  query OrganizingOrganizations {
    myOrganizations {
      id
      name
      kind
    }
  }
`);

const OrganizerChallengesQuery = graphql(`
  query OrganizerChallenges($organizerId: ID!) {
    challenges(organizerId: $organizerId, first: 100) {
      totalCount
      edges {
        node {
          id
          title
          status
          format
          submissionOpensAt
          submissionClosesAt
        }
      }
    }
  }
`);

// A new challenge refreshes the list even when it was empty (no Challenge in the cached answer to invalidate it).
const CHALLENGES_CONTEXT = { additionalTypenames: ['Challenge'] };

function OrganizationChallenges({ organization }: { organization: { id: string; name: string } }) {
  const [{ data, fetching, error }] = useQuery({ query: OrganizerChallengesQuery, variables: { organizerId: organization.id }, context: CHALLENGES_CONTEXT });
  return (
    <section aria-labelledby={`org-${organization.id}`}>
      <div className="section-head">
        <h2 id={`org-${organization.id}`}>{organization.name}</h2>
        <span className="actions">
          <Link className="button button-secondary" to={`/organizer/impact?organization=${organization.id}`}>
            <FormattedMessage id="impact.link" />
          </Link>
          <Link className="button" to={`/organizer/challenges/new?organizer=${organization.id}`}>
            <FormattedMessage id="organizer.newChallenge" />
          </Link>
        </span>
      </div>
      {fetching && !data && <Loading />}
      {error && <QueryError error={error} />}
      {data && data.challenges.edges.length === 0 && (
        <p className="muted">
          <FormattedMessage id="organizer.noChallenges" />
        </p>
      )}
      {data && data.challenges.edges.length > 0 && (
        <ul className="cards">
          {data.challenges.edges.map(({ node: challenge }) => (
            <li key={challenge.id} className="card">
              <p className="meta">
                <ChallengeStatusBadge status={challenge.status} /> <FormatLabel format={challenge.format} />
              </p>
              <h3>
                <Link to={`/organizer/challenges/${challenge.id}`}>{challenge.title}</Link>
              </h3>
              <p className="muted">
                <FormattedMessage
                  id="challenges.submissions"
                  values={{
                    opens: <FormattedDate value={challenge.submissionOpensAt} dateStyle="medium" />,
                    closes: <FormattedDate value={challenge.submissionClosesAt} dateStyle="medium" />,
                  }}
                />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The organizer's area: per organization that runs challenges, its editions (drafts included) and a new one. */
export default function OrganizerHomePage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'organizer.title' }));
  const [{ data, fetching, error }] = useQuery({ query: OrganizingOrganizationsQuery });
  const organizations = (data?.myOrganizations ?? []).filter((organization) => ORGANIZING_KINDS.includes(organization.kind));
  return (
    <section>
      <h1>
        <FormattedMessage id="organizer.title" />
      </h1>
      <p className="lead">
        <FormattedMessage id="organizer.lead" />
      </p>
      {fetching && !data && <Loading />}
      {error && <QueryError error={error} />}
      {data && organizations.length === 0 && (
        <p>
          <FormattedMessage id="organizer.noOrganization" />
        </p>
      )}
      {organizations.map((organization) => (
        <OrganizationChallenges key={organization.id} organization={organization} />
      ))}
    </section>
  );
}
