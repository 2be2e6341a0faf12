// The people's-choice vote on the public pages (docs/rules.md "People's choice"): while it is open a signed-in user votes
// for one idea per challenge and may move the vote; the counts stay hidden until it closes.
import { Button } from 'react-aria-components';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { graphql } from '../gql';
import type { PublicVotingStatus } from '../gql/graphql';
import { formErrors } from '../common/api-errors';
import { FormAlert } from '../common/ui';
import { useSession } from '../identity/session';
import './voting.css';

const ChallengeVotingQuery = graphql(`
  query ChallengeVoting($id: ID!) {
    challenge(id: $id) {
      id
      publicVoting {
        opensAt
        closesAt
        status
      }
      myPublicVote {
        updatedAt
        idea {
          id
          title
        }
      }
    }
  }
`);

const CastPublicVoteMutation = graphql(`
  mutation CastPublicVote($ideaId: ID!) {
    castPublicVote(ideaId: $ideaId) {
      updatedAt
      idea {
        id
        title
      }
      challenge {
        id
        myPublicVote {
          updatedAt
          idea {
            id
            title
          }
        }
      }
    }
  }
`);

// A first vote changes an answer that held no PublicVote (myPublicVote was null).
const VOTING_CONTEXT = { additionalTypenames: ['PublicVote'] };

export interface VotingWindow {
  opensAt: string;
  closesAt: string;
  status: PublicVotingStatus;
}

/** The vote's phase and dates in words. */
export function PublicVotingStatusText({ voting }: { voting: VotingWindow }) {
  const date = (value: string) => <FormattedDate value={value} dateStyle="medium" timeStyle="short" />;
  if (voting.status === 'SCHEDULED') return <FormattedMessage id="voting.scheduled" values={{ opens: date(voting.opensAt), closes: date(voting.closesAt) }} />;
  if (voting.status === 'OPEN') return <FormattedMessage id="voting.open" values={{ closes: date(voting.closesAt) }} />;
  return <FormattedMessage id="voting.closed" values={{ closes: date(voting.closesAt) }} />;
}

/** The challenge's vote and the viewer's own vote in it (one query per challenge, shared by every button on a page). */
export function useChallengeVoting(challengeId: string | undefined) {
  const { status } = useSession();
  const [{ data }] = useQuery({ query: ChallengeVotingQuery, variables: { id: challengeId ?? '' }, pause: !challengeId || status === 'unknown', context: VOTING_CONTEXT });
  return { voting: data?.challenge?.publicVoting ?? null, myVote: data?.challenge?.myPublicVote ?? null };
}

/** A refused vote in the user's language: without a verified email, for their own team's idea, outside the window. */
function voteErrors(error: CombinedError | undefined, intl: ReturnType<typeof useIntl>, unverified: boolean): string[] {
  return formErrors(error, intl, {
    messageOfCode: { FORBIDDEN: unverified ? 'voting.error.verify' : 'voting.error.ownTeam', FAILED_PRECONDITION: 'voting.error.closed', NOT_FOUND: 'voting.error.notFound' },
  }).form;
}

/** The vote for one idea: cast, or moved here from another idea, or shown as the viewer's. */
export function VoteButton({ challengeId, idea, compact = false }: { challengeId: string; idea: { id: string; title: string }; compact?: boolean }) {
  const intl = useIntl();
  const location = useLocation();
  const { status, user } = useSession();
  const { voting, myVote } = useChallengeVoting(challengeId);
  const [cast, castVote] = useMutation(CastPublicVoteMutation);
  if (voting?.status !== 'OPEN') return null;
  if (status !== 'signedIn') {
    return (
      <p className="vote">
        <Link to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>
          <FormattedMessage id="voting.signInToVote" />
        </Link>
      </p>
    );
  }
  const mine = myVote?.idea.id === idea.id;
  const unverified = !!user?.email && !user.emailVerified;
  return (
    <div className="vote">
      {mine ? (
        <p className="success" role="status">
          <FormattedMessage id="voting.yourVote" />
        </p>
      ) : (
        <Button
          className={compact ? 'button button-secondary' : 'button'}
          isDisabled={cast.fetching}
          aria-label={intl.formatMessage({ id: myVote ? 'voting.moveFor' : 'voting.voteFor' }, { title: idea.title })}
          onPress={() => void castVote({ ideaId: idea.id }, VOTING_CONTEXT)}
        >
          <FormattedMessage id={myVote ? 'voting.move' : 'voting.vote'} />
        </Button>
      )}
      {!compact && myVote && !mine && (
        <p className="muted">
          <FormattedMessage id="voting.votedOther" values={{ title: <Link to={`/ideas/${myVote.idea.id}`}>{myVote.idea.title}</Link> }} />
        </p>
      )}
      <FormAlert messages={voteErrors(cast.error, intl, unverified)} />
    </div>
  );
}

/** The challenge's vote, the viewer's vote in it, for the results page and the idea page. */
export function VotingSummary({ challengeId }: { challengeId: string }) {
  const { voting, myVote } = useChallengeVoting(challengeId);
  if (!voting) return null;
  return (
    <div className="voting-summary" data-testid="voting-summary">
      <p>
        <PublicVotingStatusText voting={voting} />
      </p>
      {voting.status === 'OPEN' && (
        <p className="muted">
          {myVote ? (
            <FormattedMessage id="voting.yourChoice" values={{ title: <Link to={`/ideas/${myVote.idea.id}`}>{myVote.idea.title}</Link> }} />
          ) : (
            <FormattedMessage id="voting.howTo" />
          )}
        </p>
      )}
    </div>
  );
}

export interface PeoplesChoiceRow {
  rank: number;
  votes: number;
  idea: { id: string; title: string };
}

/** The most voted ideas, once the vote closed. */
export function PeoplesChoiceList({ entries }: { entries: readonly PeoplesChoiceRow[] }) {
  if (entries.length === 0) {
    return (
      <p className="muted">
        <FormattedMessage id="voting.noVotes" />
      </p>
    );
  }
  return (
    <ol className="plain peoples-choice" data-testid="peoples-choice">
      {entries.map((entry) => (
        <li key={entry.idea.id}>
          <FormattedMessage id="voting.choiceEntry" values={{ rank: entry.rank, title: <Link to={`/ideas/${entry.idea.id}`}>{entry.idea.title}</Link>, votes: entry.votes }} />
        </li>
      ))}
    </ol>
  );
}

const PeoplesChoiceQuery = graphql(`
  query PeoplesChoice($id: ID!) {
    challenge(id: $id) {
      id
      peoplesChoice(first: 10) {
        rank
        votes
        idea {
          id
          title
        }
      }
    }
  }
`);

/** The results page's part of the vote: while open, a vote button by each idea; once closed, the people's choice. */
export function ResultsVotingSection({ challengeId, ideas }: { challengeId: string; ideas: readonly { id: string; title: string }[] }) {
  const { voting } = useChallengeVoting(challengeId);
  const closed = voting?.status === 'CLOSED';
  const [choice] = useQuery({ query: PeoplesChoiceQuery, variables: { id: challengeId }, pause: !closed });
  if (!voting) return null;
  return (
    <section aria-labelledby="peoples-choice">
      <h2 id="peoples-choice">
        <FormattedMessage id="voting.title" />
      </h2>
      <VotingSummary challengeId={challengeId} />
      {voting.status === 'OPEN' && (
        <ul className="plain vote-list">
          {ideas.map((idea) => (
            <li key={idea.id}>
              <Link to={`/ideas/${idea.id}`}>{idea.title}</Link>
              <VoteButton challengeId={challengeId} idea={idea} compact />
            </li>
          ))}
        </ul>
      )}
      {closed && choice.data?.challenge && <PeoplesChoiceList entries={choice.data.challenge.peoplesChoice} />}
    </section>
  );
}

/** The idea page's box: the vote's phase, the viewer's vote for this idea, and its count once the vote closed. */
export function IdeaVoting({ challengeId, idea, publicVotes }: { challengeId: string; idea: { id: string; title: string }; publicVotes?: number | null }) {
  const intl = useIntl();
  const { voting } = useChallengeVoting(challengeId);
  if (!voting) return null;
  return (
    <aside className="vote-box" aria-label={intl.formatMessage({ id: 'voting.title' })}>
      <VotingSummary challengeId={challengeId} />
      <VoteButton challengeId={challengeId} idea={idea} />
      {publicVotes !== null && publicVotes !== undefined && (
        <p data-testid="public-votes">
          <FormattedMessage id="voting.votes" values={{ count: publicVotes }} />
        </p>
      )}
    </aside>
  );
}
