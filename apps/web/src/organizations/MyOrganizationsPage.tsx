import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { MyOrganizationsPageQuery } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import { Badge, FormAlert, Loading, QueryError, usePageTitle } from '../common/ui';
import { ApiForm, formText, LineField, SelectField } from '../organizer/fields';
import { useFocusFirstInvalid } from '../organizer/use-focus-invalid';
import { ReceivedInvitations } from './ReceivedInvitations';
import '../organizer/organizer.css';
import './organizations.css';

const MyOrganizationsPageQuery = graphql(`
  query MyOrganizationsPage {
    me {
      id
      memberships {
        role
        organization {
          id
          name
          kind
          city
          district
          members {
            role
            user {
              id
              displayName
            }
          }
          invitations {
            id
            role
            createdAt
            invitee {
              id
              displayName
            }
          }
        }
      }
    }
  }
`);

const InviteMemberMutation = graphql(`
  mutation InviteOrganizationMember($input: AddOrganizationMemberInput!) {
    addOrganizationMember(input: $input) {
      id
      invitations {
        id
        role
        createdAt
        invitee {
          id
          displayName
        }
      }
    }
  }
`);

const WithdrawInvitationMutation = graphql(`
  mutation WithdrawOrganizationInvitation($organizationId: ID!, $userId: ID!) {
    withdrawOrganizationInvitation(organizationId: $organizationId, userId: $userId) {
      id
      status
    }
  }
`);

type Membership = NonNullable<MyOrganizationsPageQuery['me']>['memberships'][number];
type Role = 'MEMBER' | 'OWNER';

// A membership accepted or an organization created elsewhere shows up even when the list was empty.
const CONTEXT = { additionalTypenames: ['Membership', 'Organization', 'OrganizationInvitation'] };

/** An owner invites a person by the email of their account; the invitation counts once they accept it. */
function InviteForm({ organizationId }: { organizationId: string }) {
  const intl = useIntl();
  const [state, invite] = useMutation(InviteMemberMutation);
  const [sent, setSent] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = formErrors(state.error, intl, {
    fields: ['email', 'role'],
    scope: 'invite',
    fieldOfCode: { NOT_FOUND: 'email', CONFLICT: 'email' },
    messageOfCode: { FORBIDDEN: 'orgs.invite.forbidden' },
  });
  useFocusFirstInvalid(formRef, state.error);
  const id = `invite-${organizationId}`;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        <FormattedMessage id="orgs.invite.title" />
      </h3>
      <p className="muted">
        <FormattedMessage id="orgs.invite.lead" />
      </p>
      <ApiForm
        error={state.error}
        ref={formRef}
        className="form inline-form"
        validationBehavior="aria"
        validationErrors={errors.fields}
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          setSent(false);
          void invite({ input: { organizationId, email: formText(form, 'email').trim(), role: formText(form, 'role') as Role } }, CONTEXT).then((result) => {
            if (!result.data) return;
            setSent(true);
            form.reset();
          });
        }}
      >
        <FormAlert messages={errors.form} />
        <LineField name="email" type="email" label={intl.formatMessage({ id: 'orgs.invite.email' })} autoComplete="off" isRequired />
        <SelectField
          name="role"
          label={intl.formatMessage({ id: 'orgs.invite.role' })}
          defaultValue="MEMBER"
          error={errors.fields.role}
          options={[
            { value: 'MEMBER', label: intl.formatMessage({ id: 'orgs.invite.roleMember' }) },
            { value: 'OWNER', label: intl.formatMessage({ id: 'orgs.invite.roleOwner' }) },
          ]}
        />
        <Button type="submit" className="button" isDisabled={state.fetching}>
          <FormattedMessage id="orgs.invite.submit" />
        </Button>
        {sent && (
          <p role="status" className="success">
            <FormattedMessage id="orgs.invite.sent" />
          </p>
        )}
      </ApiForm>
    </section>
  );
}

/** The owners' view of the invitations not yet answered, each to withdraw. */
function PendingInvitations({ organizationId, invitations }: { organizationId: string; invitations: Membership['organization']['invitations'] }) {
  const intl = useIntl();
  const [state, withdraw] = useMutation(WithdrawInvitationMutation);
  const [withdrawn, setWithdrawn] = useState(false);
  const errors = formErrors(state.error, intl);
  const id = `pending-${organizationId}`;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        <FormattedMessage id="orgs.pending.title" values={{ count: invitations.length }} />
      </h3>
      {withdrawn && (
        <p role="status" className="success">
          <FormattedMessage id="orgs.pending.withdrawn" />
        </p>
      )}
      <FormAlert messages={errors.form} />
      {invitations.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="orgs.pending.empty" />
        </p>
      ) : (
        <ul className="people-list">
          {invitations.map((invitation) => (
            <li key={invitation.id}>
              <span>
                <FormattedMessage
                  id="orgs.pending.item"
                  values={{
                    person: invitation.invitee.displayName,
                    role: intl.formatMessage({ id: `organization.role.${invitation.role}` }),
                    date: intl.formatDate(invitation.createdAt, { dateStyle: 'medium' }),
                  }}
                />
              </span>
              <Button
                className="link-button"
                isDisabled={state.fetching}
                aria-label={intl.formatMessage({ id: 'orgs.pending.withdrawFor' }, { person: invitation.invitee.displayName })}
                onPress={() => {
                  setWithdrawn(false);
                  void withdraw({ organizationId, userId: invitation.invitee.id }, CONTEXT).then((result) => result.data && setWithdrawn(true));
                }}
              >
                <FormattedMessage id="orgs.pending.withdraw" />
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OrganizationCard({ membership }: { membership: Membership }) {
  const intl = useIntl();
  const { organization, role } = membership;
  const place = [organization.city, organization.district].filter(Boolean).join(', ');
  const titleId = `organization-${organization.id}`;
  return (
    <section className="card" aria-labelledby={titleId}>
      <p className="meta">
        <Badge>
          <FormattedMessage id={`organization.kind.${organization.kind}`} />
        </Badge>
        {place && ` · ${place}`}
      </p>
      <h2 id={titleId}>{organization.name}</h2>
      <p>
        <FormattedMessage id="orgs.yourRole" values={{ role: intl.formatMessage({ id: `organization.role.${role}` }) }} /> ·{' '}
        <Link to={`/organizations/${organization.id}`}>
          <FormattedMessage id="orgs.open" />
        </Link>
      </p>
      <h3>
        <FormattedMessage id="orgs.members" values={{ count: organization.members.length }} />
      </h3>
      <ul className="people-list">
        {organization.members.map((member) => (
          <li key={member.user.id}>
            <span>{member.user.displayName}</span>
            <span className="muted">
              <FormattedMessage id={`organization.role.${member.role}`} />
            </span>
          </li>
        ))}
      </ul>
      {role === 'OWNER' && (
        <>
          <PendingInvitations organizationId={organization.id} invitations={organization.invitations} />
          <InviteForm organizationId={organization.id} />
        </>
      )}
    </section>
  );
}

/** The organizations the viewer is a member of, with their members; owners invite and see pending invitations. */
export default function MyOrganizationsPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'orgs.title' }));
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [{ data, fetching, error }, refetch] = useQuery({ query: MyOrganizationsPageQuery, requestPolicy: 'cache-and-network', context: CONTEXT });
  const memberships = data?.me?.memberships ?? [];
  return (
    <section>
      <div className="section-head">
        <h1>
          <FormattedMessage id="orgs.title" />
        </h1>
        <p className="actions">
          <Link className="button" to="/organizations/new">
            <FormattedMessage id="orgs.create" />
          </Link>
        </p>
      </div>
      <p className="lead">
        <FormattedMessage id="orgs.lead" />
      </p>
      {created && (
        <p role="status" className="success">
          <FormattedMessage id="orgs.created" />
        </p>
      )}
      <ReceivedInvitations onAccepted={() => refetch({ requestPolicy: 'network-only' })} />
      {fetching && !data && <Loading />}
      {error && <QueryError error={error} />}
      {data && memberships.length === 0 && (
        <p>
          <FormattedMessage id="orgs.empty" />
        </p>
      )}
      {memberships.length > 0 && (
        <ul className="org-list">
          {memberships.map((membership) => (
            <li key={membership.organization.id}>
              <OrganizationCard membership={membership} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
