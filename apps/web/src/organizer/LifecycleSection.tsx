import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { graphql } from '../gql';
import type { ChallengeStatus } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import { FormAlert } from '../common/ui';

const PublishChallengeMutation = graphql(`
  mutation PublishChallenge($id: ID!) {
    publishChallenge(id: $id) {
      id
      status
    }
  }
`);

const StartJudgingMutation = graphql(`
  mutation StartJudging($id: ID!) {
    startJudging(challengeId: $id) {
      id
      status
    }
  }
`);

const CloseChallengeMutation = graphql(`
  mutation CloseChallenge($id: ID!) {
    closeChallenge(id: $id) {
      id
      status
    }
  }
`);

const SubmittedIdeasQuery = graphql(`
  query SubmittedIdeaTitles($id: ID!) {
    challenge(id: $id) {
      id
      ideas(first: 100, filter: { status: SUBMITTED }) {
        edges {
          node {
            id
            title
            team {
              id
              name
              school {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);

interface LifecycleChallenge {
  id: string;
  slug: string;
  status: ChallengeStatus;
  reviewsPerIdea: number;
  jurors: readonly unknown[];
}

/** The ideas startJudging could not cover (FAILED_PRECONDITION's `extensions.ideaIds`), or null for any other error. */
function uncoverableIdeaIds(error: CombinedError | undefined): string[] | null {
  const extensions = error?.graphQLErrors.find((e) => e.extensions.code === 'FAILED_PRECONDITION')?.extensions;
  const ids = extensions?.ideaIds;
  return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : null;
}

function UncoverableIdeas({ challengeId, ideaIds, reviewsPerIdea }: { challengeId: string; ideaIds: string[]; reviewsPerIdea: number }) {
  const [{ data }] = useQuery({ query: SubmittedIdeasQuery, variables: { id: challengeId }, requestPolicy: 'network-only' });
  const known = new Map((data?.challenge?.ideas.edges ?? []).map(({ node }) => [node.id, node]));
  const named = ideaIds.filter((id) => known.has(id));
  const others = ideaIds.length - named.length;
  return (
    <div className="alert" role="alert">
      <p>
        <FormattedMessage id="organizer.uncoverable" values={{ count: ideaIds.length, reviews: reviewsPerIdea }} />
      </p>
      {data && (
        <ul>
          {named.map((id) => {
            const idea = known.get(id)!;
            return (
              <li key={id}>
                <Link to={`/ideas/${id}`}>{idea.title}</Link>
                {idea.team && (
                  <span className="muted">
                    {' '}
                    · {idea.team.name}
                    {idea.team.school && ` (${idea.team.school.name})`}
                  </span>
                )}
              </li>
            );
          })}
          {others > 0 && (
            <li>
              <FormattedMessage id="organizer.uncoverableMore" values={{ count: others }} />
            </li>
          )}
        </ul>
      )}
      <p>
        <FormattedMessage id="organizer.uncoverableHelp" />
      </p>
    </div>
  );
}

/** The next step of the lifecycle (DRAFT -> PUBLISHED -> JUDGING -> RESULTS_PUBLISHED -> CLOSED); results have their own section. */
export function LifecycleSection({ challenge }: { challenge: LifecycleChallenge }) {
  const intl = useIntl();
  const [published, publish] = useMutation(PublishChallengeMutation);
  const [judging, startJudging] = useMutation(StartJudgingMutation);
  const [closed, close] = useMutation(CloseChallengeMutation);
  const uncoverable = uncoverableIdeaIds(judging.error);
  const judgingErrors = uncoverable ? { form: [], fields: {} } : formErrors(judging.error, intl);
  return (
    <section aria-labelledby="lifecycle">
      <h2 id="lifecycle">
        <FormattedMessage id="organizer.lifecycle" />
      </h2>
      {challenge.status === 'DRAFT' && (
        <>
          <p>
            <FormattedMessage id="organizer.publishHelp" />
          </p>
          <FormAlert messages={formErrors(published.error, intl).form} />
          <Button className="button" isDisabled={published.fetching} onPress={() => void publish({ id: challenge.id })}>
            <FormattedMessage id="organizer.publish" />
          </Button>
        </>
      )}
      {challenge.status === 'PUBLISHED' && (
        <>
          <p>
            <FormattedMessage id="organizer.startJudgingHelp" values={{ reviews: challenge.reviewsPerIdea }} />
          </p>
          {challenge.jurors.length === 0 && (
            <p className="muted">
              <FormattedMessage id="organizer.needJurors" />
            </p>
          )}
          {uncoverable && <UncoverableIdeas challengeId={challenge.id} ideaIds={uncoverable} reviewsPerIdea={challenge.reviewsPerIdea} />}
          <FormAlert messages={judgingErrors.form} />
          <Button className="button" isDisabled={judging.fetching || challenge.jurors.length === 0} onPress={() => void startJudging({ id: challenge.id })}>
            <FormattedMessage id="organizer.startJudging" />
          </Button>
        </>
      )}
      {challenge.status === 'JUDGING' && (
        <p>
          <FormattedMessage id="organizer.judgingHelp" />
        </p>
      )}
      {challenge.status === 'RESULTS_PUBLISHED' && (
        <>
          <p>
            <FormattedMessage id="organizer.closeHelp" />
          </p>
          <p className="actions">
            <Link className="button button-secondary" to={`/challenges/${challenge.slug}/results`}>
              <FormattedMessage id="challenge.seeResults" />
            </Link>
          </p>
          <FormAlert messages={formErrors(closed.error, intl).form} />
          <Button className="button" isDisabled={closed.fetching} onPress={() => void close({ id: challenge.id })}>
            <FormattedMessage id="organizer.close" />
          </Button>
        </>
      )}
      {challenge.status === 'CLOSED' && (
        <>
          <p>
            <FormattedMessage id="organizer.closedHelp" />
          </p>
          <p className="actions">
            <Link className="button button-secondary" to={`/challenges/${challenge.slug}/results`}>
              <FormattedMessage id="challenge.seeResults" />
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
