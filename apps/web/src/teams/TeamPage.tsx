import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { UUID } from '../common/ids';
import { Badge, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';

const TeamQuery = graphql(`
  query Team($id: ID!) {
    team(id: $id) {
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
          displayName
          nameHidden
        }
      }
      tutors {
        id
        displayName
      }
      idea {
        id
        title
      }
      miniCompany {
        id
        name
      }
    }
  }
`);

/** A team as its members, coaches, tutors and organizers see it: who is in it, its idea and its mini-company. */
export default function TeamPage() {
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const [{ data, fetching, error }] = useQuery({ query: TeamQuery, variables: { id }, pause: !valid });
  const team = data?.team;
  usePageTitle(team?.name);
  if (!valid) return <NotFound />;
  if (fetching && !data) return <Loading />;
  if (error) return <QueryError error={error} />;
  if (!team) return <NotFound />;
  return (
    <article>
      <p className="meta">
        <Link to={`/challenges/${team.challenge.slug}`}>{team.challenge.title}</Link>
        {team.school && ` · ${team.school.name}`}
        {team.className && ` · ${team.className}`}
      </p>
      <h1>{team.name}</h1>
      <h2>
        <FormattedMessage id="team.members" values={{ count: team.memberCount }} />
      </h2>
      <ul className="links">
        {team.members.map((member) => (
          <li key={member.user.id}>
            {member.user.nameHidden ? <FormattedMessage id="team.hiddenName" /> : member.user.displayName}{' '}
            <Badge>
              <FormattedMessage id={`team.role.${member.role}`} />
            </Badge>
          </li>
        ))}
      </ul>
      {team.tutors.length > 0 && (
        <>
          <h2>
            <FormattedMessage id="team.tutors" />
          </h2>
          <ul className="links">
            {team.tutors.map((tutor) => (
              <li key={tutor.id}>{tutor.displayName}</li>
            ))}
          </ul>
        </>
      )}
      <h2>
        <FormattedMessage id="team.idea" />
      </h2>
      <p>{team.idea ? <Link to={`/ideas/${team.idea.id}`}>{team.idea.title}</Link> : <FormattedMessage id="team.noIdea" />}</p>
      {team.miniCompany && (
        <p>
          <FormattedMessage id="team.miniCompany" values={{ company: <Link to={`/mini-companies/${team.miniCompany.id}`}>{team.miniCompany.name}</Link> }} />
        </p>
      )}
    </article>
  );
}
