import type { SourceLocation } from 'graphql';
import type { ErrorKey, ErrorMessageParams, ErrorParams } from '#platform/errors/domain-error.js';

/** One sentence of a catalogue (libs/platform/src/errors/error-messages.ts, `graphql.*`). */
export interface Sentence {
  key: ErrorKey;
  params: ErrorParams;
}

/**
 * How an error graphql-js or Apollo raised in English is worded in the viewer's language: the sentences of the
 * catalogue that say it, the names graphql-js suggests ("Did you mean ..."), and, when the sentences do not carry all
 * that the English said, that English text as `extensions.detail` (it names only the client's own document and
 * values and the public schema, never anything internal).
 */
export interface Wording {
  sentences: Sentence[];
  suggestions: string[];
  detail?: string;
}

const say = <K extends ErrorKey>(key: K, ...[params]: [keyof ErrorMessageParams[K]] extends [never] ? [] : [ErrorMessageParams[K]]): Sentence => ({
  key,
  params: params ?? {},
});

type Rule = readonly [RegExp, (match: string[]) => Sentence];

/** What graphql-js says of a value that does not fit its type: in a document (validation) and in a variable (coercion). */
const VALUE_RULES: readonly Rule[] = [
  [/^Field "([^"]+)" is not defined by type "([^"]+)"\.$/, ([, field, type]) => say('graphql.unknownInputField', { field: field, type: type })],
  [/^Field "([^"]+)" of required type "([^"]+)" was not provided\.$/, ([, field, type]) => say('graphql.missingInputField', { field: field, type: type })],
  [/^Expected value of type "([^"]+)", found (.+?)\.?$/s, ([, type, value]) => say('graphql.wrongValue', { type: type, value: value })],
  [/^Expected type "([^"]+)" to be an object\.$/, ([, type]) => say('graphql.expectedObject', { type: type })],
  [/^Value "?(.*?)"? does not exist in "([^"]+)" enum\.$/s, ([, value, type]) => say('graphql.unknownEnumValue', { value: value, type: type })],
  // `Int cannot represent non-integer value: "abc"`, `Enum "Locale" cannot represent non-enum value: fr.`
  [/^(?:Enum )?"?(\w+)"? cannot represent [^:]*: (.+?)\.?$/s, ([, type, value]) => say('graphql.invalidValue', { type: type, value: unquote(value) })],
];

/** graphql-js's validation rules (specifiedRules), by the words of each. */
const VALIDATION_RULES: readonly Rule[] = [
  [/^Cannot query field "([^"]+)" on type "([^"]+)"\.$/, ([, field, type]) => say('graphql.unknownField', { field: field, type: type })],
  [/^Unknown argument "([^"]+)" on field "([^"]+)"\.$/, ([, argument, field]) => say('graphql.unknownArgument', { argument: argument, field: field })],
  [/^Unknown type "([^"]+)"\.$/, ([, type]) => say('graphql.unknownType', { type: type })],
  [/^Unknown directive "@([^"]+)"\.$/, ([, directive]) => say('graphql.unknownDirective', { directive: directive })],
  [/^Unknown fragment "([^"]+)"\.$/, ([, fragment]) => say('graphql.unknownFragment', { fragment: fragment })],
  [/^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields\.$/, ([, field, type]) => say('graphql.selectionRequired', { field: field, type: type })],
  [/^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields\.$/, ([, field, type]) => say('graphql.noSelectionAllowed', { field: field, type: type })],
  [
    /^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required, but it was not provided\.$/,
    ([, field, argument, type]) => say('graphql.missingArgument', { field: field, argument: argument, type: type }),
  ],
  [/^Cannot spread fragment "([^"]+)" within itself/, ([, fragment]) => say('graphql.fragmentCycle', { fragment: fragment })],
  [/^Fragment "([^"]+)" is never used\.$/, ([, fragment]) => say('graphql.fragmentUnused', { fragment: fragment })],
  [/^Variable "(\$[^"]+)" is never used/, ([, variable]) => say('graphql.variableUnused', { variable: variable })],
  [/^Variable "(\$[^"]+)" is not defined/, ([, variable]) => say('graphql.variableUndefined', { variable: variable })],
  [
    /^Variable "(\$[^"]+)" of type "([^"]+)" used in position expecting type "([^"]+)"\.$/,
    ([, variable, type, expected]) => say('graphql.variableWrongType', { variable: variable, type: type, expected: expected }),
  ],
  [/^There can be only one operation named "([^"]+)"\.$/, ([, operation]) => say('graphql.duplicateOperation', { operation: operation })],
  [/^There can be only one argument named "([^"]+)"\.$/, ([, argument]) => say('graphql.duplicateArgument', { argument: argument })],
  [/^This anonymous operation must be the only defined operation\.$/, () => say('graphql.anonymousNotAlone')],
  [/^(?:Subscription "[^"]+"|Anonymous Subscription) must select only one top level field\.$/, () => say('graphql.subscriptionOneField')],
  ...VALUE_RULES,
];

/** Variables that do not fit their types (graphql-js's coerceVariableValues), before any resolver runs. */
const VARIABLE_RULES: readonly Rule[] = [
  [/^Variable "(\$[^"]+)" of required type "([^"]+)" was not provided\.$/, ([, variable, type]) => say('graphql.variableMissing', { variable: variable, type: type })],
  [/^Variable "(\$[^"]+)" of non-null type "([^"]+)" must not be null\.$/, ([, variable, type]) => say('graphql.variableNull', { variable: variable, type: type })],
];

/** Which operation of a document to run (graphql-js's getOperationAST, as Apollo reports it). */
const OPERATION_RULES: readonly Rule[] = [
  [/^Must provide operation name if query contains multiple operations\.$/, () => say('graphql.operationNameRequired')],
  [/^Unknown operation named "([^"]+)"\.$/, ([, operation]) => say('graphql.unknownOperation', { operation: operation })],
  [/^Must provide an operation\.$/, () => say('graphql.noOperation')],
];

/** Apollo's refusals of the HTTP request itself (runHttpQuery). */
const REQUEST_RULES: readonly Rule[] = [
  [/^GraphQL operations must contain a non-empty `query`/, () => say('graphql.noQuery')],
  [/^Operation batching disabled\.$/, () => say('graphql.batchingDisabled')],
  [/^(?:GET requests only support query operations|Can only perform a \w+ operation from a POST request)/, () => say('graphql.getOnlyQueries')],
];

/** What a client is told when no rule knows the words: the gist of each of Apollo's reasons. */
const GIST: Record<string, ErrorKey> = {
  GRAPHQL_PARSE_FAILED: 'graphql.parseFailed',
  GRAPHQL_VALIDATION_FAILED: 'graphql.validationFailed',
  OPERATION_RESOLUTION_FAILURE: 'graphql.operationResolution',
  BAD_REQUEST: 'graphql.badRequest',
  PERSISTED_QUERY_NOT_FOUND: 'graphql.persistedQueryNotFound',
  PERSISTED_QUERY_NOT_SUPPORTED: 'graphql.persistedQueryNotSupported',
};

/** The reasons whose whole meaning is the reason itself: their English adds nothing. */
const SELF_EXPLAINED = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

const unquote = (value: string): string => (/^"[^"]*"$/.test(value) ? value.slice(1, -1) : value);

/** ` Did you mean "a", "b", or "c"?` at the end of a message: the message without it, and the names. */
function splitSuggestions(message: string): { text: string; suggestions: string[] } {
  const match = /^(.*?) Did you mean (?:the enum value )?((?:"[^"]*"(?:,? (?:or )?)?)+)\?$/s.exec(message);
  if (!match) return { text: message, suggestions: [] };
  return { text: match[1], suggestions: [...match[2].matchAll(/"([^"]*)"/g)].map((m) => m[1]) };
}

function firstMatch(rules: readonly Rule[], text: string): Sentence | undefined {
  for (const [pattern, sentence] of rules) {
    const match = pattern.exec(text);
    if (match) return sentence(match);
  }
  return undefined;
}

/**
 * The words for an error graphql-js or Apollo raised in English before an operation ran: `reason` is Apollo's code
 * (GRAPHQL_PARSE_FAILED, ...) or empty, `fallback` the key of the client code's own words when no rule knows the text.
 */
export function wordRequestError(message: string, reason: string, locations: readonly SourceLocation[] | undefined, fallback: ErrorKey): Wording {
  if (reason === 'GRAPHQL_PARSE_FAILED' || message.startsWith('Syntax Error: ')) {
    const at = locations?.[0];
    const detail = message.replace(/^Syntax Error: /, '');
    return at
      ? { sentences: [say('graphql.syntax', { line: at.line, column: at.column })], suggestions: [], detail }
      : { sentences: [say('graphql.parseFailed')], suggestions: [], detail };
  }
  if (SELF_EXPLAINED.has(reason)) return { sentences: [say(GIST[reason])], suggestions: [] };

  // `Variable "$i" got invalid value { nope: 1 } at "i.title"; Field "nope" is not defined by type "UpdateProfileInput".`
  const invalidVariable = /^Variable "(\$[^"]+)" got invalid value (.*?)(?: at "([^"]+)")?; (.*)$/s.exec(message);
  if (invalidVariable) {
    const [, variable, , path, inner] = invalidVariable;
    const head = path ? say('graphql.invalidVariableAt', { variable: variable, path: path }) : say('graphql.invalidVariable', { variable: variable });
    const { text, suggestions } = splitSuggestions(inner);
    const why = firstMatch(VALUE_RULES, text);
    return why ? { sentences: [head, why], suggestions } : { sentences: [head], suggestions: [], detail: message };
  }

  const { text, suggestions } = splitSuggestions(message);
  // "Did you mean "me { ... }"?" only restates that a selection is needed.
  const sentence = firstMatch([...VARIABLE_RULES, ...OPERATION_RULES, ...REQUEST_RULES, ...VALIDATION_RULES], text);
  if (sentence) return { sentences: [sentence], suggestions: sentence.key === 'graphql.selectionRequired' ? [] : suggestions };
  // Overlapping fields say why they conflict at length: the gist, and the English for the why.
  const conflict = /^Fields "([^"]+)" conflict because /.exec(message);
  if (conflict) return { sentences: [say('graphql.fieldsConflict', { field: conflict[1] })], suggestions: [], detail: message };
  return { sentences: [{ key: GIST[reason] ?? fallback, params: {} }], suggestions: [], detail: message };
}
