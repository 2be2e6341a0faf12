import { useEffect, useState } from 'react';
import { FormattedMessage, FormattedTime, useIntl } from 'react-intl';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../gql';
import type { LeaderboardRowFragment } from '../gql/graphql';
import { QueryError } from '../common/ui';
import { PersonName } from './people';
import { DataTable } from '../common/DataTable';
import { RankingTable } from '../judging/RankingTable';

const JudgingProgressQuery = graphql(`
  query JudgingProgress($id: ID!) {
    challenge(id: $id) {
      id
      judgingProgress {
        assignments
        submitted
        pending
        recused
        ideas
        ideasFullyReviewed
        jurors {
          assigned
          submitted
          recused
          juror {
            id
            user {
              id
              displayName
              erased
              nameHidden
            }
          }
        }
      }
    }
  }
`);

graphql(`
  fragment LeaderboardRow on LeaderboardEntry {
    rank
    rawScore
    normalizedScore
    reviewCount
    idea {
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
`);

const LeaderboardQuery = graphql(`
  query OrganizerLeaderboard($id: ID!) {
    challenge(id: $id) {
      id
      leaderboard {
        ...LeaderboardRow
      }
    }
  }
`);

const LeaderboardUpdatedSubscription = graphql(`
  subscription LeaderboardUpdated($id: ID!) {
    leaderboardUpdated(challengeId: $id) {
      ...LeaderboardRow
    }
  }
`);

/** The latest live ranking pushed for a challenge, and when it arrived; other screens (progress) refresh on it. */
const pushes = new Map<string, { entries: LeaderboardRowFragment[]; at: number }>();
const listeners = new Set<() => void>();
function recordPush(challengeId: string, entries: LeaderboardRowFragment[]): void {
  pushes.set(challengeId, { entries, at: Date.now() });
  for (const listener of listeners) listener();
}
export function usePushAt(challengeId: string): number | undefined {
  const [at, setAt] = useState(() => pushes.get(challengeId)?.at);
  useEffect(() => {
    const listener = () => setAt(pushes.get(challengeId)?.at);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, [challengeId]);
  return at;
}

export function JudgingProgressSection({ challengeId }: { challengeId: string }) {
  const intl = useIntl();
  const [{ data, error }, refetch] = useQuery({ query: JudgingProgressQuery, variables: { id: challengeId } });
  const pushAt = usePushAt(challengeId);
  // Each live ranking means a review came in: read the counters again.
  useEffect(() => {
    if (pushAt) refetch({ requestPolicy: 'network-only' });
  }, [pushAt, refetch]);
  const progress = data?.challenge?.judgingProgress;
  return (
    <section aria-labelledby="progress">
      <h2 id="progress">
        <FormattedMessage id="organizer.progress" />
      </h2>
      {error && <QueryError error={error} />}
      {progress && (
        <>
          <p className="progress-summary">
            <FormattedMessage id="organizer.progress.reviews" values={{ submitted: progress.submitted, total: progress.assignments }} />
          </p>
          <progress className="meter" max={Math.max(progress.assignments, 1)} value={progress.submitted} aria-label={intl.formatMessage({ id: 'organizer.progress' })} />
          <ul className="plain">
            <li>
              <FormattedMessage id="organizer.progress.ideas" values={{ done: progress.ideasFullyReviewed, total: progress.ideas }} />
            </li>
            <li>
              <FormattedMessage id="organizer.progress.pending" values={{ count: progress.pending }} />
            </li>
            <li>
              <FormattedMessage id="organizer.progress.recused" values={{ count: progress.recused }} />
            </li>
          </ul>
          {progress.jurors.length > 0 && (
            <DataTable
              label="organizer.progress.byJuror"
              caption
              rows={progress.jurors}
              rowKey={(row) => row.juror.id}
              columns={[
                { header: 'organizer.jurors.name', rowHeader: true, cell: (row) => <PersonName user={row.juror.user} erasedLabel="person.erasedJuror" /> },
                { header: 'organizer.jurors.assigned', numeric: true, cell: (row) => row.assigned },
                { header: 'organizer.jurors.submitted', numeric: true, cell: (row) => row.submitted },
                { header: 'organizer.jurors.recused', numeric: true, cell: (row) => row.recused },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}

/** The ranking: live during judging (graphql-ws `leaderboardUpdated`, at most once a second), frozen once results are published. */
export function LeaderboardSection({ challengeId, live }: { challengeId: string; live: boolean }) {
  const [{ data, error }] = useQuery({ query: LeaderboardQuery, variables: { id: challengeId }, requestPolicy: 'cache-and-network' });
  const [pushed] = useSubscription({ query: LeaderboardUpdatedSubscription, variables: { id: challengeId }, pause: !live }, (_previous, next) => {
    recordPush(challengeId, next.leaderboardUpdated);
    return next;
  });
  const pushAt = usePushAt(challengeId);
  const entries = (live && pushed.data?.leaderboardUpdated) || data?.challenge?.leaderboard || [];
  return (
    <section aria-labelledby="leaderboard">
      <h2 id="leaderboard">
        <FormattedMessage id={live ? 'organizer.leaderboard.live' : 'organizer.leaderboard.final'} />
      </h2>
      {live && (
        <p className="muted" role="status" data-testid="leaderboard-status">
          {pushAt ? (
            <FormattedMessage id="organizer.leaderboard.updatedAt" values={{ time: <FormattedTime value={pushAt} timeStyle="medium" /> }} />
          ) : (
            <FormattedMessage id="organizer.leaderboard.waiting" />
          )}
        </p>
      )}
      {error && <QueryError error={error} />}
      {pushed.error && <QueryError error={pushed.error} />}
      {entries.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="organizer.leaderboard.empty" />
        </p>
      ) : (
        <RankingTable label="organizer.leaderboard" entries={entries} normalized testId="leaderboard" />
      )}
    </section>
  );
}

/** The ideas of the current ranking, best first, for the awards form. */
export function useRankedIdeas(challengeId: string): { id: string; title: string; rank: number | null | undefined }[] {
  const [{ data }] = useQuery({ query: LeaderboardQuery, variables: { id: challengeId } });
  const pushAt = usePushAt(challengeId);
  const entries = (pushAt && pushes.get(challengeId)?.entries) || data?.challenge?.leaderboard || [];
  return entries.map((entry) => ({ id: entry.idea.id, title: entry.idea.title, rank: entry.rank }));
}
