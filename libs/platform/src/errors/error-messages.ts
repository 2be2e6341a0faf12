import type { ErrorParams } from './domain-error.js';

/**
 * One error message in both languages, as ICU MessageFormat sources (`{field}`, `{max, plural, ...}`). `P` are the
 * values it names; `labels` marks those that carry an enum value, with the label group that words it (docs/rules.md
 * "Notifications": no text shows a raw enum value).
 */
export interface ErrorMessage<P extends ErrorParams = Record<never, never>> {
  readonly it: string;
  readonly en: string;
  readonly labels?: Partial<Record<keyof P & string, string>>;
  /** Never set at run time: it only carries the type of the params to the callers. */
  readonly params?: P;
}

/** An error message; name its params' types (`message<{ max: number }>(...)`) so that callers must give them. */
export function message<P extends ErrorParams = Record<never, never>>(it: string, en: string, labels?: Partial<Record<keyof P & string, string>>): ErrorMessage<P> {
  return labels ? { it, en, labels } : { it, en };
}

/** The params each message of a catalogue takes: what a catalogue adds to `ErrorMessageParams`. */
export type CatalogueParams<C> = { [K in keyof C]: C[K] extends ErrorMessage<infer P> ? P : never };

/**
 * The messages of the base layer: sign-in, permission, pages and cursors, rate limits, request bodies and sockets,
 * the limits of a GraphQL document, what graphql-js and Apollo refuse before an operation runs, and the fallback of
 * each code. A field is named as the client sent it, in «».
 */
export const PLATFORM_ERROR_MESSAGES = {
  'unauthenticated.default': message('Accedi per continuare.', 'Sign in to continue.'),
  'forbidden.default': message('Non hai il permesso di farlo.', 'You are not allowed to do this.'),
  internal: message('Errore interno del server.', 'Internal server error.'),

  'generic.notFound': message('Non troviamo ciò che cerchi: non esiste o non hai accesso.', 'We cannot find what you are looking for: it does not exist or you cannot see it.'),
  'generic.badUserInput': message('I dati inviati non sono validi.', 'The input is not valid.'),
  'generic.conflict': message('L’operazione è in conflitto con una modifica già fatta.', 'This conflicts with a change already made.'),
  'generic.failedPrecondition': message('L’operazione non è possibile in questo momento.', 'This cannot be done at this moment.'),
  'generic.rateLimited': message('Troppe richieste: riprova più tardi.', 'Too many requests: try again later.'),

  'page.size': message<{ field: string; max: number }>('Il campo «{field}» deve essere un numero intero da 1 a {max}.', '«{field}» must be a whole number from 1 to {max}.'),
  'page.invalidCursor': message<{ field: string }>(
    'Il cursore in «{field}» non è valido: usa quello di una pagina ricevuta.',
    'The cursor in «{field}» is not valid: use the one of a page you received.',
  ),

  rateLimited: message<{ seconds: number }>(
    'Troppi tentativi: riprova tra {seconds, plural, one {un secondo} other {# secondi}}.',
    'Too many attempts: try again in {seconds, plural, one {one second} other {# seconds}}.',
  ),

  'request.bodyTooLarge': message<{ limit: number; size: string }>(
    'Il corpo della richiesta è troppo grande: sono accettati al massimo {limit} byte{size}.',
    'The request body is too large: at most {limit} bytes{size} are accepted.',
  ),
  'request.invalidJson': message('Il corpo della richiesta non è un JSON valido.', 'The request body is not valid JSON.'),
  'request.emptyBody': message('Il corpo della richiesta è vuoto.', 'The request body is empty.'),
  'request.unsupportedMediaType': message(
    'Tipo di contenuto non supportato: invia la richiesta come application/json.',
    'Unsupported content-type: send the request as application/json.',
  ),
  'request.invalidContentLength': message('Il corpo della richiesta non corrisponde al suo Content-Length.', 'The request body does not match its Content-Length.'),
  'request.unreadableBody': message('Non riusciamo a leggere il corpo della richiesta.', 'The request body could not be read.'),
  'request.sessionRevoked': message('La sessione è terminata: accedi di nuovo.', 'The session has ended: sign in again.'),
  'request.socketSignIn': message('Accedi per usare il WebSocket.', 'Sign in to use the WebSocket.'),
  'request.tooManyOperations': message<{ max: number }>('Al massimo {max} operazioni alla volta su un WebSocket.', 'At most {max} operations at once on one WebSocket.'),

  // The limits every operation passes before it runs (apps/api/src/graphql/operation-limits.ts, document-limits.ts).
  'request.tooDeep': message<{ max: number }>('La query è annidata oltre il limite di {max} livelli.', 'The query is nested deeper than the limit of {max} levels.'),
  'request.operationTooDeep': message<{ operation: string; max: number }>(
    'L’operazione «{operation}» è annidata oltre il limite di {max} livelli.',
    'The operation «{operation}» is nested deeper than the limit of {max} levels.',
  ),
  'request.tooCostly': message<{ cost: number; max: number }>(
    'La query costa {cost} punti, oltre il limite di {max}: chiedi meno elementi per pagina o meno campi.',
    'The query costs {cost} points, above the limit of {max}: ask for fewer items per page or fewer fields.',
  ),
  'request.nulCharacter': message('Il testo non può contenere il carattere nullo (U+0000).', 'Text must not contain the null character (U+0000).'),
  'request.tooManyFragments': message<{ maxFragments: number; maxSpreads: number }>(
    'Un documento può contenere al massimo {maxFragments, plural, one {# frammento} other {# frammenti}} e {maxSpreads, plural, one {# espansione di frammento} other {# espansioni di frammenti}}.',
    'A document may hold at most {maxFragments, plural, one {# fragment} other {# fragments}} and {maxSpreads, plural, one {# fragment spread} other {# fragment spreads}}.',
  ),
  'request.documentTooLarge': message<{ max: number }>(
    'La query seleziona più di {max} campi una volta espansi i suoi frammenti.',
    'The query selects more than {max} fields once its fragments are expanded.',
  ),
  'request.operationTooLarge': message<{ operation: string; max: number }>(
    'L’operazione «{operation}» seleziona più di {max} campi una volta espansi i suoi frammenti.',
    'The operation «{operation}» selects more than {max} fields once its fragments are expanded.',
  ),

  // What graphql-js and Apollo say of a request they refuse before it runs, worded here (apps/api/src/graphql/request-error-wording.ts).
  'graphql.syntax': message<{ line: number; column: number }>(
    'La query non è GraphQL valido: errore di sintassi alla riga {line}, colonna {column}.',
    'The query is not valid GraphQL: syntax error at line {line}, column {column}.',
  ),
  'graphql.parseFailed': message('La query non è GraphQL valido.', 'The query is not valid GraphQL.'),
  'graphql.validationFailed': message('La query non è valida per lo schema di questa API.', 'The query does not fit the schema of this API.'),
  'graphql.didYouMean': message<{ suggestions: string }>('Forse intendevi {suggestions}?', 'Did you mean {suggestions}?'),
  'graphql.unknownField': message<{ field: string; type: string }>('Il tipo «{type}» non ha il campo «{field}».', 'The type «{type}» has no field «{field}».'),
  'graphql.unknownArgument': message<{ argument: string; field: string }>(
    'Il campo «{field}» non ha l’argomento «{argument}».',
    'The field «{field}» has no argument «{argument}».',
  ),
  'graphql.unknownType': message<{ type: string }>('Il tipo «{type}» non esiste.', 'There is no type «{type}».'),
  'graphql.unknownDirective': message<{ directive: string }>('La direttiva «@{directive}» non esiste.', 'There is no directive «@{directive}».'),
  'graphql.unknownFragment': message<{ fragment: string }>('Il frammento «{fragment}» non è definito.', 'The fragment «{fragment}» is not defined.'),
  'graphql.selectionRequired': message<{ field: string; type: string }>(
    'Il campo «{field}» (di tipo «{type}») richiede una selezione di sottocampi.',
    'The field «{field}» (of type «{type}») needs a selection of subfields.',
  ),
  'graphql.noSelectionAllowed': message<{ field: string; type: string }>(
    'Il campo «{field}» (di tipo «{type}») non ha sottocampi da selezionare.',
    'The field «{field}» (of type «{type}») has no subfields to select.',
  ),
  'graphql.missingArgument': message<{ field: string; argument: string; type: string }>(
    'Il campo «{field}» richiede l’argomento «{argument}» (di tipo «{type}»).',
    'The field «{field}» needs the argument «{argument}» (of type «{type}»).',
  ),
  'graphql.missingInputField': message<{ field: string; type: string }>(
    'Manca il campo obbligatorio «{field}» (di tipo «{type}»).',
    'The required field «{field}» (of type «{type}») is missing.',
  ),
  'graphql.unknownInputField': message<{ field: string; type: string }>('Il tipo «{type}» non ha il campo «{field}».', 'The type «{type}» has no field «{field}».'),
  'graphql.wrongValue': message<{ type: string; value: string }>('Serve un valore di tipo «{type}», non «{value}».', 'A value of type «{type}» is needed, not «{value}».'),
  'graphql.invalidValue': message<{ type: string; value: string }>('«{value}» non è un valore valido per il tipo «{type}».', '«{value}» is not a valid value of type «{type}».'),
  'graphql.unknownEnumValue': message<{ type: string; value: string }>('«{value}» non è tra i valori del tipo «{type}».', '«{value}» is not one of the values of type «{type}».'),
  'graphql.expectedObject': message<{ type: string }>('Serve un oggetto di tipo «{type}».', 'An object of type «{type}» is needed.'),
  'graphql.invalidVariable': message<{ variable: string }>('Il valore della variabile «{variable}» non è valido.', 'The value of the variable «{variable}» is not valid.'),
  'graphql.invalidVariableAt': message<{ variable: string; path: string }>(
    'Il valore della variabile «{variable}» non è valido in «{path}».',
    'The value of the variable «{variable}» is not valid at «{path}».',
  ),
  'graphql.variableMissing': message<{ variable: string; type: string }>(
    'Manca la variabile obbligatoria «{variable}» (di tipo «{type}»).',
    'The required variable «{variable}» (of type «{type}») was not given.',
  ),
  'graphql.variableNull': message<{ variable: string; type: string }>(
    'La variabile «{variable}» (di tipo «{type}») non può essere nulla.',
    'The variable «{variable}» (of type «{type}») must not be null.',
  ),
  'graphql.variableUnused': message<{ variable: string }>('La variabile «{variable}» non è usata.', 'The variable «{variable}» is never used.'),
  'graphql.variableUndefined': message<{ variable: string }>(
    'La variabile «{variable}» non è dichiarata dall’operazione.',
    'The variable «{variable}» is not declared by the operation.',
  ),
  'graphql.variableWrongType': message<{ variable: string; type: string; expected: string }>(
    'La variabile «{variable}» è di tipo «{type}», ma qui serve il tipo «{expected}».',
    'The variable «{variable}» is of type «{type}», but type «{expected}» is needed here.',
  ),
  'graphql.fragmentCycle': message<{ fragment: string }>('Il frammento «{fragment}» include sé stesso.', 'The fragment «{fragment}» includes itself.'),
  'graphql.fragmentUnused': message<{ fragment: string }>('Il frammento «{fragment}» non è usato.', 'The fragment «{fragment}» is never used.'),
  'graphql.duplicateOperation': message<{ operation: string }>(
    'Il documento ha più operazioni di nome «{operation}».',
    'The document has more than one operation named «{operation}».',
  ),
  'graphql.duplicateArgument': message<{ argument: string }>('L’argomento «{argument}» è dato più volte.', 'The argument «{argument}» is given more than once.'),
  'graphql.anonymousNotAlone': message('Un’operazione senza nome deve essere l’unica del documento.', 'An operation without a name must be the only one in the document.'),
  'graphql.subscriptionOneField': message('Una sottoscrizione seleziona un solo campo di primo livello.', 'A subscription selects exactly one top-level field.'),
  'graphql.fieldsConflict': message<{ field: string }>(
    'I campi «{field}» sono in conflitto: usa alias diversi per chiederli entrambi.',
    'The fields «{field}» conflict: use different aliases to ask for both.',
  ),
  'graphql.operationNameRequired': message(
    'Il documento contiene più operazioni: indica in «operationName» quale eseguire.',
    'The document holds several operations: name the one to run in «operationName».',
  ),
  'graphql.unknownOperation': message<{ operation: string }>('Il documento non ha un’operazione di nome «{operation}».', 'The document has no operation named «{operation}».'),
  'graphql.noOperation': message('Il documento non contiene alcuna operazione.', 'The document holds no operation.'),
  'graphql.operationResolution': message('Non è chiaro quale operazione del documento eseguire.', 'It is not clear which operation of the document to run.'),
  'graphql.noQuery': message('La richiesta non contiene una query: invia il suo testo in «query».', 'The request holds no query: send its text in «query».'),
  'graphql.batchingDisabled': message('Invia una sola operazione per richiesta.', 'Send one operation per request.'),
  'graphql.getOnlyQueries': message('Con una richiesta GET si possono eseguire solo query: usa POST.', 'A GET request may only run a query: use POST.'),
  'graphql.badRequest': message('La richiesta GraphQL non è ben formata.', 'The GraphQL request is not well formed.'),
  'graphql.persistedQueryNotFound': message(
    'Questa query persistita non è nota: invia il testo completo della query.',
    'This persisted query is not known: send the full text of the query.',
  ),
  'graphql.persistedQueryNotSupported': message(
    'Questa API non accetta query persistite: invia il testo della query.',
    'This API does not take persisted queries: send the text of the query.',
  ),
};

declare module './domain-error.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the catalogue's keys, merged into the declaration
  interface ErrorMessageParams extends CatalogueParams<typeof PLATFORM_ERROR_MESSAGES> {}
}
