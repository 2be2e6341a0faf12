import { WEB_OPERATION_NAMES } from '../../../web/src/gql/operation-names.js';

/**
 * The operation names the API labels in its metrics (docs/rules.md "Runtime interface": only operations the server knows):
 * the web client's, generated from its documents by `npm run web:codegen`, and those an operator adds with
 * METRICS_OPERATION_NAMES (other clients, scripts). Any other name is counted as `other`, so no client can add labels.
 */
export function knownOperationNames(extra: string | undefined): ReadonlySet<string> {
  const added = (extra ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return new Set([...WEB_OPERATION_NAMES, ...added]);
}
