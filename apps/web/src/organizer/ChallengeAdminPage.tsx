import { useEffect } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ChallengeStatus } from '../gql/graphql';
import { ChallengeStatusBadge, FormatLabel } from '../challenges/labels';
import { Loading, NotFound, QueryError, usePageTitle } from '../common/ui';
import { JurorsSection } from './JurorsSection';
import { JudgingProgressSection, LeaderboardSection, usePushAt } from './JudgingSections';
import { LifecycleSection } from './LifecycleSection';
import { PublishResultsSection } from './PublishResultsSection';
import './organizer.css';
import { ChallengeDateRows } from '../challenges/ChallengeDates';
import { ExportsSection } from '../reports/ExportsSection';
import { JuryReportSection } from '../reports/JuryReportSection';
import { PublicVotingSection } from '../reports/PublicVotingSection';

const OrganizerChallengeQuery = graphql(`
  query OrganizerChallenge($id: ID!) {
    me {
      id
      isAdmin
    }
    myOrganizations {
      id
    }
    challenge(id: $id) {
      id
      slug
      title
      status
      format
      blindJudging
      rankingNormalization
      reviewsPerIdea
      maxTeamSize
      submissionOpensAt
      submissionClosesAt
      judgingClosesAt
      organizer {
        id
        name
      }
      themes {
        id
        name
      }
      criteria {
        id
        name
        weight
        maxScore
      }
      teams(first: 1) {
        totalCount
      }
      ideas(first: 1, filter: { status: SUBMITTED }) {
        totalCount
      }
      jurors {
        id
        assignedCount
        submittedCount
        user {
          id
          displayName
          erased
          nameHidden
        }
        affiliation {
          id
          name
        }
      }
    }
  }
`);

// Adding or removing the first juror changes lists that held no Juror to invalidate.
const CONTEXT = { additionalTypenames: ['Juror', 'Idea'] };

const STEPS: ChallengeStatus[] = ['DRAFT', 'PUBLISHED', 'JUDGING', 'RESULTS_PUBLISHED', 'CLOSED'];

/** One challenge as its organizers run it: the lifecycle, the jury, the judging's progress, the live ranking, results. */
export default function ChallengeAdminPage() {
  const intl = useIntl();
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: OrganizerChallengeQuery, variables: { id }, context: CONTEXT });
  const challenge = data?.challenge;
  // A live ranking means a review came in: the jurors' counts change too.
  const pushAt = usePushAt(id);
  useEffect(() => {
    if (pushAt) refetch({ requestPolicy: 'network-only' });
  }, [pushAt, refetch]);
  usePageTitle(challenge ? intl.formatMessage({ id: 'organizer.challengeTitle' }, { challenge: challenge.title }) : undefined);
  if (fetching && !data) return <Loading />;
  if (error && !data) return <QueryError error={error} />;
  if (!challenge) return <NotFound />;
  const organizes = !!data.me?.isAdmin || data.myOrganizations.some((organization) => organization.id === challenge.organizer.id);
  if (!organizes) {
    return (
      <section>
        <h1>{challenge.title}</h1>
        <p>
          <FormattedMessage id="organizer.notOrganizer" />
        </p>
      </section>
    );
  }
  const started = challenge.status !== 'DRAFT' && challenge.status !== 'PUBLISHED';
  const totalWeight = challenge.criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  return (
    <article className="admin">
      <p className="meta">
        <Link to="/organizer">
          <FormattedMessage id="organizer.title" />
        </Link>{' '}
        · {challenge.organizer.name}
      </p>
      <h1>{challenge.title}</h1>
      <p className="meta">
        <ChallengeStatusBadge status={challenge.status} /> <FormatLabel format={challenge.format} />
      </p>
      <ol className="steps" aria-label={intl.formatMessage({ id: 'organizer.steps' })}>
        {STEPS.map((step) => (
          <li key={step} aria-current={step === challenge.status ? 'step' : undefined}>
            <FormattedMessage id={`challenge.status.${step}`} />
          </li>
        ))}
      </ol>
      <p className="actions">
        {(challenge.status === 'DRAFT' || challenge.status === 'PUBLISHED') && (
          <Link className="button button-secondary" to={`/organizer/challenges/${challenge.id}/edit`}>
            <FormattedMessage id="organizer.edit" />
          </Link>
        )}
        {challenge.status !== 'DRAFT' && (
          <Link className="button button-secondary" to={`/challenges/${challenge.slug}`}>
            <FormattedMessage id="organizer.publicPage" />
          </Link>
        )}
      </p>

      <dl className="dates">
        <ChallengeDateRows challenge={challenge} />
        <dt>
          <FormattedMessage id="organizer.field.reviewsPerIdea" />
        </dt>
        <dd>{challenge.reviewsPerIdea}</dd>
        <dt>
          <FormattedMessage id="organizer.field.rankingNormalization" />
        </dt>
        <dd>
          <FormattedMessage id={`organizer.normalization.${challenge.rankingNormalization}`} />
        </dd>
        <dt>
          <FormattedMessage id="organizer.field.blindJudging" />
        </dt>
        <dd>
          <FormattedMessage id={challenge.blindJudging ? 'organizer.yes' : 'organizer.no'} />
        </dd>
        <dt>
          <FormattedMessage id="challenge.themes" />
        </dt>
        <dd>{challenge.themes.map((theme) => theme.name).join(', ')}</dd>
        <dt>
          <FormattedMessage id="challenge.criteria" />
        </dt>
        <dd>
          <ul className="plain">
            {challenge.criteria.map((criterion) => (
              <li key={criterion.id}>
                <FormattedMessage
                  id="organizer.criterionShare"
                  values={{
                    name: criterion.name,
                    weight: <FormattedNumber value={criterion.weight} maximumFractionDigits={2} />,
                    share: <FormattedNumber value={totalWeight ? criterion.weight / totalWeight : 0} style="percent" maximumFractionDigits={0} />,
                    max: criterion.maxScore,
                  }}
                />
              </li>
            ))}
          </ul>
        </dd>
        <dt>
          <FormattedMessage id="organizer.participation" />
        </dt>
        <dd>
          <FormattedMessage id="organizer.participationCounts" values={{ teams: challenge.teams.totalCount, ideas: challenge.ideas.totalCount }} />
        </dd>
      </dl>

      <LifecycleSection challenge={challenge} />
      <JurorsSection challenge={challenge} />
      {started && <JudgingProgressSection challengeId={challenge.id} />}
      {started && <LeaderboardSection challengeId={challenge.id} live={challenge.status === 'JUDGING'} />}
      {challenge.status === 'JUDGING' && <PublishResultsSection challengeId={challenge.id} />}
      {started && <JuryReportSection challengeId={challenge.id} />}
      {started && <ExportsSection challengeId={challenge.id} />}
      {(challenge.status === 'RESULTS_PUBLISHED' || challenge.status === 'CLOSED') && <PublicVotingSection challengeId={challenge.id} />}
    </article>
  );
}
