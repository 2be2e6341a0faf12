import { FormattedDate, FormattedMessage, FormattedNumber } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { Badge, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { IdeaText } from './IdeaText';
import { LazyIdeaVoting } from '../voting/lazy';

const IdeaQuery = graphql(`
  query Idea($id: ID!) {
    idea(id: $id) {
      id
      title
      summary
      problem
      solution
      impact
      tags
      status
      submittedAt
      theme {
        id
        name
      }
      challenge {
        id
        slug
        title
      }
      team {
        id
        name
        className
        school {
          id
          name
          city
          district
        }
      }
      awards {
        id
        title
        place
      }
      adoption {
        id
        company {
          id
          name
        }
      }
      score {
        rank
        rawScore
      }
      publicVotes
    }
  }
`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function IdeaPage() {
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const [{ data, fetching, error }] = useQuery({ query: IdeaQuery, variables: { id }, pause: !valid });
  const idea = data?.idea;
  usePageTitle(idea?.title);
  if (!valid) return <NotFound />;
  if (fetching && !data) return <Loading />;
  if (error) return <QueryError error={error} />;
  if (!idea) return <NotFound />;
  return (
    <article>
      <p className="meta">
        <Link to={`/challenges/${idea.challenge.slug}`}>{idea.challenge.title}</Link> · <Badge>{idea.theme.name}</Badge>
      </p>
      <h1>{idea.title}</h1>
      <p className="lead">{idea.summary}</p>
      {idea.team && (
        <p className="meta">
          <FormattedMessage id="idea.team" values={{ team: idea.team.name }} />
          {idea.team.className && ` · ${idea.team.className}`}
          {idea.team.school && ` · ${idea.team.school.name}`}
          {idea.team.school?.district && ` (${idea.team.school.district})`}
        </p>
      )}
      {idea.submittedAt && (
        <p className="meta">
          <FormattedMessage id="idea.submittedAt" values={{ date: <FormattedDate value={idea.submittedAt} dateStyle="long" /> }} />
        </p>
      )}
      <p className="tags">
        {idea.awards.map((award) => (
          <Badge key={award.id} tone="accent">
            {award.place ? <FormattedMessage id="idea.awardPlace" values={{ place: award.place, title: award.title }} /> : award.title}
          </Badge>
        ))}
        {idea.adoption && (
          <Badge tone="good">
            <FormattedMessage id="idea.adoptedBy" values={{ company: idea.adoption.company.name }} />
          </Badge>
        )}
      </p>
      {idea.score?.rank && (
        <p>
          <FormattedMessage id="idea.score" values={{ rank: idea.score.rank, score: <FormattedNumber value={idea.score.rawScore ?? 0} maximumFractionDigits={2} /> }} />
        </p>
      )}
      {idea.status === 'SUBMITTED' && <LazyIdeaVoting challengeId={idea.challenge.id} idea={idea} publicVotes={idea.publicVotes} />}
      <IdeaText idea={idea} headingLevel="h2" />
    </article>
  );
}
