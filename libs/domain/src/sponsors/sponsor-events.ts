/** Recorded by publishResults with RESULTS_PUBLISHED: MATCHING_IDEAS_PUBLISHED to the members of companies following a theme of its ideas. */
export const MATCHING_IDEAS_PUBLISHED = 'sponsors.matching-ideas-published';
export interface MatchingIdeasPublishedPayload {
  challengeId: string;
}
