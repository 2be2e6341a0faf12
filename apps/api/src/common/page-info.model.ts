import { Field, Int, ObjectType } from '@nestjs/graphql';
import { InheritsCacheHint } from '../graphql/cache-hints.js';
import type { Type } from '@nestjs/common';
import type { Page } from '#platform/pagination/cursor.js';

@InheritsCacheHint()
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** A getter in `toConnection`: a lazy count runs only when the field is selected. */
  readonly totalCount: number | Promise<number>;
}

/** Relay connection and edge types for a node type, named `<Name>Connection` and `<Name>Edge`. */
export function Connection<T>(nodeType: Type<T>, name: string) {
  @InheritsCacheHint() // an edge is as fresh as its connection
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: true })
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number | Promise<number>;
  }
  return ConnectionType;
}

export function toConnection<E, T>(page: Page<E>, map: (entity: E) => T): ConnectionShape<T> {
  return {
    edges: page.nodes.map((node, i) => ({ cursor: page.cursors[i], node: map(node) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
    get totalCount() {
      return typeof page.totalCount === 'function' ? page.totalCount() : page.totalCount;
    },
  };
}
