// The people's-choice vote on the public pages (docs/rules.md "People's choice"): while it is open a signed-in user votes
// for one idea per challenge and may move the vote; the counts stay hidden until it closes.
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { PublicVotingStatus } from '../gql/graphql';
import { useChallengeVoting } from './challenge-voting';
import { VoteButton } from './VoteButton';
import './voting.css';

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
