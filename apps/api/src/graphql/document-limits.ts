import { Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { RefusedOperation } from './refused-operation.js';

/** Fragments and spreads one document may hold: far above any real client's (GraphiQL's introspection has 4 and 20). */
export const MAX_FRAGMENTS = 100;
export const MAX_SPREADS = 500;
/** Fields once every fragment is expanded in place: what the cost and execution walks would visit. */
export const MAX_EXPANDED_FIELDS = 50_000;

interface Shape {
  /** Nesting of fields with a selection set below this point, counted like graphql-depth-limit (introspection ignored). */
  height: number;
  /** Fields below this point with fragments expanded (saturates at MAX_EXPANDED_FIELDS + 1). */
  fields: number;
}

const refusal = (reason: string) => ({ extensions: { code: 'BAD_USER_INPUT', reason, http: { status: 400 } } });

/**
 * Depth, fragment counts and expanded size in time linear in the document: each fragment's shape is computed once
 * and reused at every spread (a fragment bomb `F(i) = { ...F(i-1) ...F(i-1) }` costs i steps, not 2^i). Fragment
 * cycles and unknown fragments are left to graphql's own NoFragmentCycles and KnownFragmentNames, which report
 * them as validation errors (HTTP 400). Replaces graphql-depth-limit, which expands fragments recursively and
 * overflows the stack on a cycle.
 */
export function documentLimitsRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const definitions = context.getDocument().definitions;
    const fragments = new Map<string, FragmentDefinitionNode>();
    let spreads = 0;
    for (const definition of definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    // Counting spreads is a walk of the document as written: linear.
    const countSpreads = (set: SelectionSetNode): void => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FRAGMENT_SPREAD) spreads++;
        else if (selection.selectionSet) countSpreads(selection.selectionSet);
      }
    };
    for (const definition of definitions) if ('selectionSet' in definition && definition.selectionSet) countSpreads(definition.selectionSet);
    if (fragments.size > MAX_FRAGMENTS || spreads > MAX_SPREADS) {
      context.reportError(RefusedOperation.of('request.tooManyFragments', refusal('TOO_MANY_FRAGMENTS'), { maxFragments: MAX_FRAGMENTS, maxSpreads: MAX_SPREADS }));
      return {};
    }

    const memo = new Map<string, Shape>();
    const visiting = new Set<string>();
    let cyclic = false;
    const shapeOf = (set: SelectionSetNode): Shape => {
      let height = 0;
      let fields = 0;
      for (const selection of set.selections) {
        let inner: Shape;
        if (selection.kind === Kind.FIELD) {
          const ignored = selection.name.value.startsWith('__') || !selection.selectionSet;
          const below = ignored || !selection.selectionSet ? { height: -1, fields: 0 } : shapeOf(selection.selectionSet);
          inner = { height: below.height + 1, fields: below.fields + 1 };
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          inner = shapeOf(selection.selectionSet);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || visiting.has(name)) {
            cyclic ||= visiting.has(name);
            continue;
          }
          let known = memo.get(name);
          if (!known) {
            visiting.add(name);
            known = shapeOf(fragment.selectionSet);
            visiting.delete(name);
            memo.set(name, known);
          }
          inner = known;
        }
        height = Math.max(height, inner.height);
        fields = Math.min(MAX_EXPANDED_FIELDS + 1, fields + inner.fields);
      }
      return { height, fields };
    };

    for (const definition of definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const shape = shapeOf(definition.selectionSet);
      if (cyclic) return {}; // NoFragmentCycles reports it
      const operation = definition.name?.value;
      if (shape.height > maxDepth) {
        const options = { nodes: [definition], extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } };
        context.reportError(
          operation ? RefusedOperation.of('request.operationTooDeep', options, { operation, max: maxDepth }) : RefusedOperation.of('request.tooDeep', options, { max: maxDepth }),
        );
      }
      if (shape.fields > MAX_EXPANDED_FIELDS) {
        const options = refusal('DOCUMENT_TOO_LARGE');
        context.reportError(
          operation
            ? RefusedOperation.of('request.operationTooLarge', options, { operation, max: MAX_EXPANDED_FIELDS })
            : RefusedOperation.of('request.documentTooLarge', options, { max: MAX_EXPANDED_FIELDS }),
        );
      }
    }
    return {};
  };
}
