import { FormattedDate, FormattedMessage, FormattedNumber } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { UUID } from '../common/ids';
import { Badge, Loading, NotFound, QueryError, usePageTitle } from '../common/ui';

const MiniCompanyQuery = graphql(`
  query MiniCompany($id: ID!) {
    miniCompany(id: $id) {
      id
      name
      status
      progress
      foundedAt
      team {
        id
        name
      }
      idea {
        id
        title
      }
      milestones {
        id
        title
        status
        dueAt
        feedback
      }
    }
  }
`);

const MILESTONE_TONE = { PLANNED: 'neutral', SUBMITTED: 'accent', APPROVED: 'good', OVERDUE: 'accent' } as const;

/** A mini-company and its milestones: what is due when, what was handed in, what the tutors said. */
export default function MiniCompanyPage() {
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const [{ data, fetching, error }] = useQuery({ query: MiniCompanyQuery, variables: { id }, pause: !valid });
  const company = data?.miniCompany;
  usePageTitle(company?.name);
  if (!valid) return <NotFound />;
  if (fetching && !data) return <Loading />;
  if (error) return <QueryError error={error} />;
  if (!company) return <NotFound />;
  return (
    <article>
      <p className="meta">
        <Badge>
          <FormattedMessage id={`miniCompany.status.${company.status}`} />
        </Badge>{' '}
        <FormattedMessage id="idea.team" values={{ team: <Link to={`/teams/${company.team.id}`}>{company.team.name}</Link> }} /> ·{' '}
        <Link to={`/ideas/${company.idea.id}`}>{company.idea.title}</Link>
      </p>
      <h1>{company.name}</h1>
      <p>
        <FormattedMessage id="miniCompany.progress" values={{ progress: <FormattedNumber value={company.progress} style="percent" maximumFractionDigits={0} /> }} />
      </p>
      <h2>
        <FormattedMessage id="miniCompany.milestones" />
      </h2>
      <ol className="notifications">
        {company.milestones.map((milestone) => (
          <li key={milestone.id} id={`milestone-${milestone.id}`} className="notification">
            <h3>{milestone.title}</h3>
            <p className="meta">
              <Badge tone={MILESTONE_TONE[milestone.status]}>
                <FormattedMessage id={`milestone.status.${milestone.status}`} />
              </Badge>{' '}
              <FormattedMessage id="milestone.dueAt" values={{ date: <FormattedDate value={milestone.dueAt} dateStyle="long" timeStyle="short" /> }} />
            </p>
            {milestone.feedback && (
              <p>
                <FormattedMessage id="milestone.feedback" values={{ feedback: milestone.feedback }} />
              </p>
            )}
          </li>
        ))}
      </ol>
    </article>
  );
}
