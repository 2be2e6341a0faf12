import { useState } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { OrganizationKind } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import { FormAlert } from '../common/ui';

const ReceivedInvitationsQuery = graphql(`
  query ReceivedInvitations {
    myInvitations {
      id
      role
      organization {
        id
        name
        kind
      }
      invitedBy {
        id
        displayName
      }
    }
  }
`);

const AcceptMutation = graphql(`
  mutation AcceptInvitationFromList($organizationId: ID!) {
    acceptOrganizationInvitation(organizationId: $organizationId) {
      id
      name
      kind
    }
  }
`);

const DeclineMutation = graphql(`
  mutation DeclineInvitationFromList($organizationId: ID!) {
    declineOrganizationInvitation(organizationId: $organizationId) {
      id
      status
    }
  }
`);

// An invitation that arrives later shows up even when the list was empty (no OrganizationInvitation in the cached answer).
const CONTEXT = { additionalTypenames: ['OrganizationInvitation', 'Organization'] };

/**
 * The viewer's pending invitations (of one kind, e.g. schools on the create-a-school page), each to accept or decline
 * here; nothing at all when there are none. `onAccepted` runs once the viewer has become a member.
 */
export function ReceivedInvitations({ kind, onAccepted }: { kind?: OrganizationKind; onAccepted?: (organization: { id: string; name: string }) => void }) {
  const intl = useIntl();
  const [{ data }, refetch] = useQuery({ query: ReceivedInvitationsQuery, requestPolicy: 'cache-and-network', context: CONTEXT });
  const [accepting, accept] = useMutation(AcceptMutation);
  const [declining, decline] = useMutation(DeclineMutation);
  const [done, setDone] = useState<string | null>(null);
  const errors = formErrors(accepting.error ?? declining.error, intl);
  const invitations = (data?.myInvitations ?? []).filter((invitation) => !kind || invitation.organization.kind === kind);
  if (!invitations.length && !done) return null;
  const busy = accepting.fetching || declining.fetching;
  const role = (value: string) => intl.formatMessage({ id: `organization.role.${value as 'MEMBER' | 'OWNER'}` });
  return (
    <section aria-labelledby="received-invitations-title" className="invitation">
      <h2 id="received-invitations-title">
        <FormattedMessage id="orgs.received.title" />
      </h2>
      {done && (
        <p role="status" className="success">
          {done}
        </p>
      )}
      <FormAlert messages={errors.form} />
      <ul className="plain">
        {invitations.map((invitation) => {
          const organization = invitation.organization;
          return (
            <li key={invitation.id} className="invitation-item">
              <p>
                <FormattedMessage
                  id="orgs.received.item"
                  values={{ organization: <Link to={`/organizations/${organization.id}`}>{organization.name}</Link>, role: role(invitation.role) }}
                />
                {invitation.invitedBy && (
                  <>
                    <br />
                    <span className="muted">
                      <FormattedMessage id="orgs.received.by" values={{ person: invitation.invitedBy.displayName }} />
                    </span>
                  </>
                )}
              </p>
              <p className="actions">
                <Button
                  className="button button-small"
                  isDisabled={busy}
                  aria-label={intl.formatMessage({ id: 'orgs.received.acceptFor' }, { organization: organization.name })}
                  onPress={() =>
                    void accept({ organizationId: organization.id }, CONTEXT).then((result) => {
                      if (!result.data) return;
                      setDone(intl.formatMessage({ id: 'orgs.received.accepted' }, { organization: organization.name }));
                      refetch({ requestPolicy: 'network-only' });
                      onAccepted?.(result.data.acceptOrganizationInvitation);
                    })
                  }
                >
                  <FormattedMessage id="orgs.received.accept" />
                </Button>
                <Button
                  className="button button-small button-secondary"
                  isDisabled={busy}
                  aria-label={intl.formatMessage({ id: 'orgs.received.declineFor' }, { organization: organization.name })}
                  onPress={() =>
                    void decline({ organizationId: organization.id }, CONTEXT).then((result) => {
                      if (!result.data) return;
                      setDone(intl.formatMessage({ id: 'orgs.received.declined' }));
                      refetch({ requestPolicy: 'network-only' });
                    })
                  }
                >
                  <FormattedMessage id="orgs.received.decline" />
                </Button>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
