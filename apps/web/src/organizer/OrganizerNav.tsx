import { useEffect } from 'react';
import { FormattedMessage } from 'react-intl';
import { NavLink } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { OrganizationKind } from '../gql/graphql';
import { useSession } from '../identity/session';
import { loadMessages, useMessagesLoaded } from '../i18n/IntlRoot';

const MyOrganizationKindsQuery = graphql(`
  query MyOrganizationKinds {
    myOrganizations {
      id
      kind
    }
  }
`);

/** Organizations that run challenges (promoters, public bodies, labs, others); schools and companies take part instead. */
export const ORGANIZING_KINDS: readonly OrganizationKind[] = ['PROMOTER', 'PUBLIC_BODY', 'RESEARCH_LAB', 'OTHER'];

/** The main navigation's links to the organizer and company areas, for members of such organizations. */
export function OrganizerNav() {
  const { status } = useSession();
  const [{ data }] = useQuery({ query: MyOrganizationKindsQuery, pause: status !== 'signedIn' });
  const kinds = new Set(status === 'signedIn' ? (data?.myOrganizations ?? []).map((organization) => organization.kind) : []);
  const organizes = ORGANIZING_KINDS.some((kind) => kinds.has(kind));
  const sponsors = kinds.has('COMPANY');
  // The links' texts come with the area's catalogue, downloaded only by members of such organizations.
  const ready = useMessagesLoaded('organizer');
  useEffect(() => {
    if (organizes || sponsors) void loadMessages('organizer');
  }, [organizes, sponsors]);
  if (!ready) return null;
  return (
    <>
      {organizes && (
        <NavLink to="/organizer">
          <FormattedMessage id="nav.organizer" />
        </NavLink>
      )}
      {sponsors && (
        <NavLink to="/sponsor">
          <FormattedMessage id="nav.sponsor" />
        </NavLink>
      )}
    </>
  );
}
