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
 * and the fallback of each code. A field is named as the client sent it, in «».
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
};

declare module './domain-error.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the catalogue's keys, merged into the declaration
  interface ErrorMessageParams extends CatalogueParams<typeof PLATFORM_ERROR_MESSAGES> {}
}
