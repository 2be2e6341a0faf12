import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { Loading, QueryError, usePageTitle } from '../common/ui';
import { useSession } from '../identity/session';
import { IdeaStatusBadge, RoleBadge } from './labels';
import './teams.css';

const MyTeamsQuery = graphql(`
  query MyTeams {
    myTeams {
      id
      name
      className
      memberCount
      challenge {
        id
        slug
        title
      }
      school {
        id
        name
      }
      members {
        role
        user {
          id
        }
      }
      idea {
        id
        title
        status
      }
    }
  }
`);

// A team created or joined elsewhere shows up even when the list was empty (no Team in the cached answer).
const CONTEXT = { additionalTypenames: ['Team', 'Idea'] };

/** The signed-in person's teams across challenges: a teacher's classes, a student's team. */
export default function MyTeamsPage() {
  const intl = useIntl();
  usePageTitle(intl.formatMessage({ id: 'teams.title' }));
  const { user } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: MyTeamsQuery, context: CONTEXT });
  const teams = data?.myTeams ?? [];
  return (
    <section>
      <div className="section-head">
        <h1>
          <FormattedMessage id="teams.title" />
        </h1>
        <p className="actions">
          <Link className="button" to="/teams/new">
            <FormattedMessage id="teams.create" />
          </Link>
          <Link className="button button-secondary" to="/teams/join">
            <FormattedMessage id="teams.join" />
          </Link>
        </p>
      </div>
      {fetching && !data && <Loading />}
      {error && <QueryError error={error} />}
      {data && teams.length === 0 && (
        <p>
          <FormattedMessage id="teams.empty" />
        </p>
      )}
      {teams.length > 0 && (
        <ul className="cards">
          {teams.map((team) => {
            const role = team.members.find((member) => member.user.id === user?.id)?.role;
            return (
              <li key={team.id} className="card">
                <p className="meta">{team.challenge.title}</p>
                <h2>
                  <Link to={`/teams/${team.id}`}>{team.name}</Link>
                </h2>
                <p className="meta">
                  {[team.school?.name, team.className].filter(Boolean).join(' · ')}
                  {(team.school || team.className) && ' · '}
                  <FormattedMessage id="teams.memberCount" values={{ count: team.memberCount }} />
                </p>
                {role && (
                  <p className="meta">
                    <FormattedMessage id="teams.yourRole" values={{ role: <RoleBadge role={role} /> }} />
                  </p>
                )}
                <p>
                  {team.idea ? (
                    <>
                      <Link to={`/teams/${team.id}/idea`}>{team.idea.title}</Link> <IdeaStatusBadge status={team.idea.status} />
                    </>
                  ) : (
                    <Link to={`/teams/${team.id}/idea`}>
                      <FormattedMessage id="teams.writeIdea" />
                    </Link>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
