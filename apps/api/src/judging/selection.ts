import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The field names selected in `set`, looking through inline fragments and fragment spreads. */
function fieldsOf(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, into: Map<string, SelectionSetNode[]>): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const list = into.get(selection.name.value) ?? [];
      if (selection.selectionSet) list.push(selection.selectionSet);
      into.set(selection.name.value, list);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fieldsOf(selection.selectionSet, fragments, into);
    } else {
      fieldsOf(fragments[selection.name.value]?.selectionSet, fragments, into);
    }
  }
}

/**
 * The names of the fields selected under `child` of the field being resolved (e.g. what `leaderboard { idea { ... } }`
 * asks of the idea), merged over aliases and fragments; empty when `child` is not selected.
 */
export function selectedSubfields(info: GraphQLResolveInfo, child: string): Set<string> {
  const top = new Map<string, SelectionSetNode[]>();
  for (const node of info.fieldNodes) fieldsOf(node.selectionSet, info.fragments, top);
  const names = new Map<string, SelectionSetNode[]>();
  for (const set of top.get(child) ?? []) fieldsOf(set, info.fragments, names);
  return new Set(names.keys());
}
