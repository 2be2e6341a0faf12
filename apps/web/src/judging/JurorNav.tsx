import { useEffect } from 'react';
import { FormattedMessage } from 'react-intl';
import { NavLink } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useSession } from '../identity/session';
import { loadMessages, useMessagesLoaded } from '../i18n/IntlRoot';

const MyJurorSeatsQuery = graphql(`
  query MyJurorSeats {
    me {
      id
      jurorSeats {
        id
      }
    }
  }
`);

/** The main navigation's link to the juror's home, for users who sit on at least one jury. */
export function JurorNav() {
  const { status } = useSession();
  const [{ data }] = useQuery({ query: MyJurorSeatsQuery, pause: status !== 'signedIn' });
  const juror = status === 'signedIn' && (data?.me?.jurorSeats.length ?? 0) > 0;
  // The link's text comes with the juror screens' catalogue, downloaded only by jurors.
  const ready = useMessagesLoaded('judging');
  useEffect(() => {
    if (juror) void loadMessages('judging');
  }, [juror]);
  if (!juror || !ready) return null;
  return (
    <NavLink to="/jury">
      <FormattedMessage id="nav.jury" />
    </NavLink>
  );
}
