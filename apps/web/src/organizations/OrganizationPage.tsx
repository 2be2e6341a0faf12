import { useState } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { UUID } from '../common/ids';
import { Badge, FormAlert, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { useSession } from '../identity/session';

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

const MyInvitationsQuery = graphql(`
  query MyOrganizationInvitations {
    myInvitations {
      id
      role
      organization {
        id
      }
      invitedBy {
        id
        displayName
      }
    }
  }
`);

const AcceptInvitationMutation = graphql(`
  mutation AcceptOrganizationInvitation($organizationId: ID!) {
    acceptOrganizationInvitation(organizationId: $organizationId) {
      id
      name
    }
  }
`);

const DeclineInvitationMutation = graphql(`
  mutation DeclineOrganizationInvitation($organizationId: ID!) {
    declineOrganizationInvitation(organizationId: $organizationId) {
      id
      status
    }
  }
`);

/**
 * The viewer's pending invitation into this organization (where ORGANIZATION_MEMBER_ADDED leads): accept or decline.
 * Until accepted it counts for nothing, so the page shows nothing more of the organization.
 */
function InvitationPanel({ organizationId }: { organizationId: string }) {
  const intl = useIntl();
  const [{ data }] = useQuery({ query: MyInvitationsQuery, requestPolicy: 'cache-and-network' });
  const [accepting, acceptInvitation] = useMutation(AcceptInvitationMutation);
  const [declining, declineInvitation] = useMutation(DeclineInvitationMutation);
  const [decided, setDecided] = useState<'accepted' | 'declined' | null>(null);
  const errors = formErrors(accepting.error ?? declining.error, intl);
  if (decided) {
    return (
      <p role="status" className="success">
        <FormattedMessage id={decided === 'accepted' ? 'organization.invitation.accepted' : 'organization.invitation.declined'} />
      </p>
    );
  }
  const invitation = data?.myInvitations.find((i) => i.organization.id === organizationId);
  if (!invitation) return null;
  const busy = accepting.fetching || declining.fetching;
  return (
    <section className="invitation" aria-labelledby="invitation-title">
      <h2 id="invitation-title">
        <FormattedMessage id="organization.invitation.title" />
      </h2>
      <p>
        <FormattedMessage
          id={invitation.invitedBy ? 'organization.invitation.byPerson' : 'organization.invitation.pending'}
          values={{ role: intl.formatMessage({ id: `organization.role.${invitation.role}` }), person: invitation.invitedBy?.displayName ?? '' }}
        />
      </p>
      <FormAlert messages={errors.form} />
      <p className="actions">
        <Button className="button" isDisabled={busy} onPress={() => void acceptInvitation({ organizationId }).then((result) => result.data && setDecided('accepted'))}>
          <FormattedMessage id="organization.invitation.accept" />
        </Button>{' '}
        <Button
          className="button button-secondary"
          isDisabled={busy}
          onPress={() => void declineInvitation({ organizationId }).then((result) => result.data && setDecided('declined'))}
        >
          <FormattedMessage id="organization.invitation.decline" />
        </Button>
      </p>
    </section>
  );
}

/** A school, company or promoter: what anyone may know of it; a pending invitation of the viewer into it. */
export default function OrganizationPage() {
  const { id = '' } = useParams();
  const { status } = useSession();
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
      {status === 'signedIn' && <InvitationPanel organizationId={organization.id} />}
      {organization.website && /^https?:\/\//i.test(organization.website) && (
        <p>
          <a href={organization.website} rel="noopener noreferrer nofollow">
            <FormattedMessage id="organization.website" />
          </a>
        </p>
      )}
      {status === 'signedIn' && (
        <p>
          <Link to="/organizations">
            <FormattedMessage id="organization.myOrganizations" />
          </Link>
        </p>
      )}
    </article>
  );
}
