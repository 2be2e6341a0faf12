import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApi, type RunningApi } from './helpers/api.js';
import { gqlOk } from './helpers/graphql.js';
import { judgingFixture, startJudging, type JudgingFixture } from './helpers/judging-factories.js';

/**
 * A page of ideas reads its teams, schools and themes in its own query and answers those fields itself
 * (IdeaPageModels): the answers must be the field resolvers' answers, blind judging included.
 */
describe('ideas with their team, school and theme', () => {
  let api: RunningApi;
  let f: JudgingFixture;

  const RELATIONS = `id title team { id name className school { id name district } } theme { id name }`;
  const BY_ID = `query($id: ID!) { idea(id: $id) { ${RELATIONS} } }`;
  const LIST = `query($filter: IdeaFilter) { ideas(first: 50, filter: $filter) { edges { node { ${RELATIONS} } } } }`;
  const CHALLENGE_LIST = `query($id: ID!) { challenge(id: $id) { ideas(first: 50) { edges { node { ${RELATIONS} } } } } }`;
  const FRAGMENTS = `query($id: ID!) {
    challenge(id: $id) { ideas(first: 50) { edges { node { ...Card } } } }
  }
  fragment Card on Idea { id squad: team { label: name ... on Team { school { name } } } topic: theme { name } }`;

  const nodes = (connection: { edges: { node: any }[] }) => connection.edges.map((e) => e.node).sort((a, b) => a.id.localeCompare(b.id));

  beforeAll(async () => {
    api = await startApi();
    f = await judgingFixture(api.url, { ideas: 3, jurors: 1, overrides: { blindJudging: true, reviewsPerIdea: 1 } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists the same team, school and theme as the idea field resolvers, through fragments and aliases', async () => {
    const one = async (id: string) => (await gqlOk(api.url, BY_ID, { id }, f.organizer.token)).idea;
    const expected = await Promise.all(f.ideas.map((i) => one(i.id)));
    expected.sort((a, b) => a.id.localeCompare(b.id));
    expect(expected.every((i) => i.team?.school?.id === f.schoolId && i.theme?.name)).toBe(true);

    expect(nodes((await gqlOk(api.url, LIST, { filter: { challengeId: f.challenge.id } }, f.organizer.token)).ideas)).toEqual(expected);
    expect(nodes((await gqlOk(api.url, CHALLENGE_LIST, { id: f.challenge.id }, f.organizer.token)).challenge.ideas)).toEqual(expected);

    const cards = nodes((await gqlOk(api.url, FRAGMENTS, { id: f.challenge.id }, f.organizer.token)).challenge.ideas);
    expect(cards).toEqual(expected.map((i) => ({ id: i.id, squad: { label: i.team.name, school: { name: i.team.school.name } }, topic: { name: i.theme.name } })));
  });

  it('hides the team and its school from a juror under blind judging, in lists as in single reads', async () => {
    await startJudging(api.url, f.organizer, f.challenge.id);
    const juror = f.jurors[0]!.user;
    const listed = nodes((await gqlOk(api.url, LIST, { filter: { challengeId: f.challenge.id } }, juror.token)).ideas);
    expect(listed.length).toBeGreaterThan(0);
    for (const idea of listed) {
      expect(idea.team).toBeNull();
      expect(idea.theme.name).toBe(f.challenge.themes[0]!.name);
      expect((await gqlOk(api.url, BY_ID, { id: idea.id }, juror.token)).idea).toEqual(idea);
    }
    expect(nodes((await gqlOk(api.url, CHALLENGE_LIST, { id: f.challenge.id }, juror.token)).challenge.ideas)).toEqual(listed);
    // The organizers still see every team and school.
    const organizerView = nodes((await gqlOk(api.url, CHALLENGE_LIST, { id: f.challenge.id }, f.organizer.token)).challenge.ideas);
    expect(organizerView.map((i) => i.team?.school?.id)).toEqual(f.ideas.map(() => f.schoolId));
  });
});
