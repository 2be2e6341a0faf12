// The challenge's people's-choice window and the viewer's vote in it: one query per challenge, shared by every button and box on a page.
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useSession } from '../identity/session';

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

// A first vote changes an answer that held no PublicVote (myPublicVote was null).
export const VOTING_CONTEXT = { additionalTypenames: ['PublicVote'] };

/** The challenge's vote and the viewer's own vote in it (one query per challenge, shared by every button on a page). */
export function useChallengeVoting(challengeId: string | undefined) {
  const { status } = useSession();
  const [{ data }] = useQuery({ query: ChallengeVotingQuery, variables: { id: challengeId ?? '' }, pause: !challengeId || status === 'unknown', context: VOTING_CONTEXT });
  return { voting: data?.challenge?.publicVoting ?? null, myVote: data?.challenge?.myPublicVote ?? null };
}
