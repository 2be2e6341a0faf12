import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The selection sets of each field selected in `sets`, looking through inline fragments and fragment spreads. */
function fieldsOf(sets: readonly (SelectionSetNode | undefined)[], fragments: Record<string, FragmentDefinitionNode>): Map<string, SelectionSetNode[]> {
  const into = new Map<string, SelectionSetNode[]>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const list = into.get(selection.name.value) ?? [];
        if (selection.selectionSet) list.push(selection.selectionSet);
        into.set(selection.name.value, list);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return into;
}

/**
 * The names of the fields selected at `path` below the field being resolved (e.g. ['edges', 'node'] for what a
 * connection asks of its nodes), merged over aliases and fragments; empty when the path is not selected.
 * `@skip`/`@include` are not evaluated: a skipped field counts as selected, so a caller may read more, never less.
 */
export function selectedFieldsAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let fields = fieldsOf(
    info.fieldNodes.map((node) => node.selectionSet),
    info.fragments,
  );
  for (const name of path) {
    if (!fields.has(name)) return new Set();
    fields = fieldsOf(fields.get(name)!, info.fragments);
  }
  return new Set(fields.keys());
}
