import { FormattedMessage } from 'react-intl';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { UUID } from '../common/ids';
import { Badge, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';

const OrganizationQuery = graphql(`
  query Organization($id: ID!) {
    organization(id: $id) {
      id
      name
      kind
      city
      district
      sector
      website
    }
  }
`);

/** A school, company or promoter: what anyone may know of it. */
export default function OrganizationPage() {
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const [{ data, fetching, error }] = useQuery({ query: OrganizationQuery, variables: { id }, pause: !valid });
  const organization = data?.organization;
  usePageTitle(organization?.name);
  if (!valid) return <NotFound />;
  if (fetching && !data) return <Loading />;
  if (error) return <QueryError error={error} />;
  if (!organization) return <NotFound />;
  const place = [organization.city, organization.district].filter(Boolean).join(', ');
  return (
    <article>
      <p className="meta">
        <Badge>
          <FormattedMessage id={`organization.kind.${organization.kind}`} />
        </Badge>
        {place && ` · ${place}`}
        {organization.sector && ` · ${organization.sector}`}
      </p>
      <h1>{organization.name}</h1>
      {organization.website && /^https?:\/\//i.test(organization.website) && (
        <p>
          <a href={organization.website} rel="noopener noreferrer nofollow">
            <FormattedMessage id="organization.website" />
          </a>
        </p>
      )}
    </article>
  );
}
