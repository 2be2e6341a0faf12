// The vote's parts of the public pages, loaded only when a page shows them: the first bundle stays without them.
import { lazy, Suspense, type ComponentProps } from 'react';

const VoteButtonChunk = lazy(() => import('./VoteButton'));
const IdeaVotingChunk = lazy(() => import('./voting').then((module) => ({ default: module.IdeaVoting })));
const ResultsVotingChunk = lazy(() => import('./voting').then((module) => ({ default: module.ResultsVotingSection })));

// Each renders nothing until its voting query answers, so nothing is shown while its chunk loads either.
export function LazyVoteButton(props: ComponentProps<typeof VoteButtonChunk>) {
  return (
    <Suspense fallback={null}>
      <VoteButtonChunk {...props} />
    </Suspense>
  );
}

export function LazyIdeaVoting(props: ComponentProps<typeof IdeaVotingChunk>) {
  return (
    <Suspense fallback={null}>
      <IdeaVotingChunk {...props} />
    </Suspense>
  );
}

export function LazyResultsVotingSection(props: ComponentProps<typeof ResultsVotingChunk>) {
  return (
    <Suspense fallback={null}>
      <ResultsVotingChunk {...props} />
    </Suspense>
  );
}
