// The people's-choice vote on the public pages (docs/rules.md "People's choice"): while it is open a signed-in user votes
// for one idea per challenge and may move the vote; the counts stay hidden until it closes.
import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { useMutation, type CombinedError } from 'urql';
import { graphql } from '../gql';
import { formErrors } from '../common/api-errors';
import { FormAlert } from '../common/ui';
import { useSession } from '../identity/session';
import { useChallengeVoting, VOTING_CONTEXT } from './challenge-voting';
import './voting.css';

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

// The gallery loads it lazily, only for cards of a challenge whose vote is open.
export default VoteButton;
