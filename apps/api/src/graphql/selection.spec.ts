import { describe, expect, it } from '@jest/globals';
import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { selectedFieldsAt } from './selection.js';

const schema = buildSchema(`
  type Team { name: String! }
  type Idea { id: ID! title: String! summary: String! tags: [String!]! team: Team }
  type Entry { rank: Int idea: Idea! }
  type Query { leaderboard: [Entry!]! }
`);

async function selectionOf(query: string, path: string[] = ['idea']): Promise<string[]> {
  let seen: Set<string> = new Set();
  await graphql({
    schema,
    source: query,
    rootValue: {
      leaderboard: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        seen = selectedFieldsAt(info, path);
        return [];
      },
    },
  });
  return [...seen].sort();
}

describe('selectedFieldsAt', () => {
  it('lists the fields asked of a child, through aliases, inline fragments and named fragments', async () => {
    expect(await selectionOf(`{ leaderboard { rank idea { id title } } }`)).toEqual(['id', 'title']);
    expect(await selectionOf(`{ leaderboard { idea { id } other: idea { summary } } }`)).toEqual(['id', 'summary']);
    expect(await selectionOf(`{ leaderboard { ... on Entry { idea { ... on Idea { tags } } } } }`)).toEqual(['tags']);
    expect(await selectionOf(`{ leaderboard { ...E } } fragment E on Entry { idea { ...I } } fragment I on Idea { id title }`)).toEqual(['id', 'title']);
  });

  it('is empty when the child is not selected', async () => {
    expect(await selectionOf(`{ leaderboard { rank } }`)).toEqual([]);
    expect(await selectionOf(`{ leaderboard { idea { id } } }`, ['idea', 'team'])).toEqual([]);
  });

  it('follows a longer path, merging what every alias and fragment asks at its end', async () => {
    expect(await selectionOf(`{ leaderboard { idea { team { name } } } }`, ['idea', 'team'])).toEqual(['name']);
    expect(await selectionOf(`{ leaderboard { a: idea { t: team { __typename } } ...E } } fragment E on Entry { idea { team { name } } }`, ['idea', 'team'])).toEqual([
      '__typename',
      'name',
    ]);
    expect(await selectionOf(`{ leaderboard { rank } }`, [])).toEqual(['rank']);
  });
});
