import { useEffect } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, NavLink } from 'react-router';
import type { ChallengeStatus } from '../gql/graphql';
import { useSession } from '../identity/session';
import { loadMessages, useMessagesLoaded } from '../i18n/IntlRoot';
import { teamsOpen } from './labels';

/** Loads the teams area's texts once the visitor is signed in (they are not part of the public first load). */
function useTeamsMessages(): boolean {
  const { status } = useSession();
  const ready = useMessagesLoaded('teams');
  useEffect(() => {
    if (status === 'signedIn') void loadMessages('teams');
  }, [status]);
  return status === 'signedIn' && ready;
}

/** The main navigation's link to the signed-in person's teams (teachers and students alike). */
export function TeamsNav() {
  if (!useTeamsMessages()) return null;
  return (
    <NavLink to="/teams">
      <FormattedMessage id="nav.teams" />
    </NavLink>
  );
}

/** On a challenge's page: form a team while teams can be formed (PUBLISHED, before submissions close). */
export function FormTeamLink({ challenge }: { challenge: { id: string; status: ChallengeStatus; submissionClosesAt: string } }) {
  const ready = useTeamsMessages();
  if (!ready || !teamsOpen(challenge)) return null;
  return (
    <Link className="button button-secondary" to={`/teams/new?challenge=${challenge.id}`}>
      <FormattedMessage id="teams.formTeam" />
    </Link>
  );
}
