// docs/rules.md "Notifications": error messages in the viewer's locale (the user's `locale`, else Accept-Language, else
// Italian) with `extensions.code` and `extensions.field` unchanged; a BAD_USER_INPUT lists every invalid field in
// `extensions.fields` ([{ field, message }]), the first also in `extensions.field`; scores rounded to two decimals.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import type { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { startApi, type RunningApi } from './helpers/api.js';
import { challengeInput, CREATE_CHALLENGE, CREATE_TEAM, createChallenge, forceStatus, publishedChallenge, type TestChallenge } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { createOrganization, signUp, uniqueEmail, type TestUser } from './helpers/factories.js';
import { gqlOk, wsOperation, type GqlError } from './helpers/graphql.js';
import { judgingFixture, LEADERBOARD, myAssignments, startJudging, SUBMIT_REVIEW } from './helpers/judging-factories.js';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`;
const PROFILE = `mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { locale } }`;

/** One operation with the headers a browser would send; the first error of the answer. */
async function firstError(url: string, query: string, variables: Record<string, unknown>, headers: { token?: string; acceptLanguage?: string } = {}): Promise<GqlError> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(headers.token ? { authorization: `Bearer ${headers.token}` } : {}),
      ...(headers.acceptLanguage ? { 'accept-language': headers.acceptLanguage } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: GqlError[] };
  const error = body.errors?.[0];
  if (!error) throw new Error(`Expected an error, got ${JSON.stringify(body)}`);
  return error;
}

describe('errors in the viewer’s language', () => {
  let api: RunningApi;
  let db: DataSource;
  let italian: TestUser;
  let english: TestUser;
  /** An open hackathon whose results are published: no team can be formed any more. */
  let finished: TestChallenge;

  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
    italian = await signUp(api.url, { label: 'giulia', locale: 'it' });
    english = await signUp(api.url, { label: 'jane', locale: 'en' });
    ({ challenge: finished } = await publishedChallenge(api.url, { format: 'OPEN_HACKATHON' }));
    await forceStatus(db, finished.id, 'RESULTS_PUBLISHED');
  });

  afterAll(async () => {
    await db?.destroy();
    await api?.close();
  });

  it('answers the same refused mutation in Italian to an Italian user and in English to an English one, with the same code, and no raw stage', async () => {
    const input = { input: { challengeId: finished.id, name: 'Eco Squad' } };
    const inItalian = await firstError(api.url, CREATE_TEAM, input, { token: italian.token });
    const inEnglish = await firstError(api.url, CREATE_TEAM, input, { token: english.token });
    expect(inItalian).toMatchObject({
      message: 'Le squadre si formano solo mentre le proposte sono aperte (fase attuale della sfida: risultati pubblicati).',
      extensions: { code: 'FAILED_PRECONDITION' },
    });
    expect(inEnglish).toMatchObject({
      message: 'Teams are formed only while the challenge is open for ideas (current stage: results published).',
      extensions: { code: 'FAILED_PRECONDITION' },
    });
    expect(inEnglish.extensions).toEqual(inItalian.extensions);
    for (const error of [inItalian, inEnglish]) expect(error.message).not.toMatch(/RESULTS_PUBLISHED/);
  });

  it('keeps extensions.code and extensions.field of an invalid field in both languages', async () => {
    const input = { input: { challengeId: finished.id, name: '   ' } };
    const inItalian = await firstError(api.url, CREATE_TEAM, input, { token: italian.token });
    const inEnglish = await firstError(api.url, CREATE_TEAM, input, { token: english.token });
    expect(inItalian.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(inEnglish.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(inItalian.message).toBe('Il campo «name» deve avere da 1 a 120 caratteri.');
    expect(inEnglish.message).toBe('name must be between 1 and 120 characters.');
    expect(inItalian.extensions?.fields).toEqual([{ field: 'name', message: inItalian.message }]);
    expect(inEnglish.extensions?.fields).toEqual([{ field: 'name', message: inEnglish.message }]);
  });

  it('follows the user’s locale over Accept-Language, and a change of locale at once', async () => {
    const input = { input: { challengeId: finished.id, name: 'Eco Squad' } };
    // The signed-in user's locale wins over what the browser asks.
    expect((await firstError(api.url, CREATE_TEAM, input, { token: italian.token, acceptLanguage: 'en-GB,en;q=0.9' })).message).toMatch(/^Le squadre/);
    const switching = await signUp(api.url, { label: 'switching', locale: 'it' });
    expect((await firstError(api.url, CREATE_TEAM, input, { token: switching.token })).message).toMatch(/^Le squadre/);
    await gqlOk(api.url, PROFILE, { i: { locale: 'en' } }, switching.token);
    // The same access token: the language is read when an error is worded, not frozen in the token.
    expect((await firstError(api.url, CREATE_TEAM, input, { token: switching.token })).message).toMatch(/^Teams are formed/);
  });

  it('answers an anonymous request in the language of Accept-Language, else in Italian', async () => {
    const wrong = { input: { email: uniqueEmail('nobody'), password: 'not the password' } };
    const plain = await firstError(api.url, SIGN_IN, wrong);
    const inEnglish = await firstError(api.url, SIGN_IN, wrong, { acceptLanguage: 'en-US,en;q=0.8,it;q=0.5' });
    const preferringItalian = await firstError(api.url, SIGN_IN, wrong, { acceptLanguage: 'fr-FR, it;q=0.9, en;q=0.8' });
    const unknownLanguage = await firstError(api.url, SIGN_IN, wrong, { acceptLanguage: 'de-DE' });
    expect(plain).toMatchObject({ message: 'Email o password non corretti.', extensions: { code: 'UNAUTHENTICATED' } });
    expect(inEnglish).toMatchObject({ message: 'Invalid email or password.', extensions: { code: 'UNAUTHENTICATED' } });
    expect(preferringItalian.message).toBe(plain.message);
    expect(unknownLanguage.message).toBe(plain.message);
  });

  it('words NOT_FOUND alike for an unknown and a hidden object, in the viewer’s language', async () => {
    const unknown = { input: { challengeId: '00000000-0000-4000-8000-000000000000', name: 'Eco Squad' } };
    const organizer = await signUp(api.url, { label: 'organizer' });
    const draft = await createChallenge(api.url, organizer, await createOrganization(api.url, organizer, { kind: 'PROMOTER' }), { format: 'OPEN_HACKATHON' });
    const hidden = { input: { challengeId: draft.id, name: 'Eco Squad' } };
    for (const [viewer, message] of [
      [english, 'We cannot find the challenge: it does not exist or you cannot see it.'],
      [italian, 'Non troviamo la sfida: non esiste o non hai accesso.'],
    ] as const) {
      const answers = [await firstError(api.url, CREATE_TEAM, unknown, { token: viewer.token }), await firstError(api.url, CREATE_TEAM, hidden, { token: viewer.token })];
      for (const answer of answers) expect(answer).toMatchObject({ message, extensions: { code: 'NOT_FOUND' } });
      expect(answers[1]).toEqual({ ...answers[0], path: answers[1]!.path });
    }
  });

  it('words a request body the API cannot read in the language of Accept-Language, else in Italian', async () => {
    const post = async (headers: Record<string, string>) => {
      const response = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query": ' });
      return { status: response.status, error: ((await response.json()) as { errors: GqlError[] }).errors[0]! };
    };
    const inItalian = await post({});
    const inEnglish = await post({ 'accept-language': 'en' });
    const ofTheUser = await post({ 'accept-language': 'en', authorization: `Bearer ${italian.token}` });
    expect(inItalian).toEqual({
      status: 400,
      error: {
        message: 'Il corpo della richiesta non è un JSON valido.',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'body', fields: [{ field: 'body', message: 'Il corpo della richiesta non è un JSON valido.' }] }),
      },
    });
    expect(inEnglish.error.message).toBe('The request body is not valid JSON.');
    expect(inEnglish.error.extensions).toEqual({ ...inItalian.error.extensions, fields: [{ field: 'body', message: 'The request body is not valid JSON.' }] });
    expect(ofTheUser.error.message).toBe(inItalian.error.message);
  });
});

describe('every invalid field at once', () => {
  let api: RunningApi;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
  });

  afterAll(async () => {
    await db?.destroy();
    await api?.close();
  });

  it('lists the three invalid fields of a sign-up in extensions.fields, the first in extensions.field, and creates no account', async () => {
    const email = `not-an-email-${Date.now()}`;
    const input = { input: { email, password: 'short', displayName: 'Giulia\u0007Rossi' } };
    const error = await firstError(api.url, SIGN_UP, input, { acceptLanguage: 'en' });
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'email',
      fields: [
        { field: 'email', message: 'email is not a valid email address.' },
        { field: 'password', message: 'The password (password) must be between 10 and 256 characters.' },
        { field: 'displayName', message: 'displayName must be one line without control characters.' },
      ],
    });
    expect(error.message).toBe((error.extensions!.fields as { message: string }[]).map((f) => f.message).join(' '));
    const inItalian = await firstError(api.url, SIGN_UP, input);
    expect((inItalian.extensions!.fields as { field: string }[]).map((f) => f.field)).toEqual(['email', 'password', 'displayName']);
    expect((inItalian.extensions!.fields as { message: string }[])[0]!.message).toBe('Il campo «email» non è un indirizzo email valido.');
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM app_user WHERE email = $1`, [email]);
    expect(n).toBe(0);
  });

  it('lists every invalid field of a challenge, items of its lists included, and creates nothing', async () => {
    const { organizer, promoterId } = await publishedChallenge(api.url);
    const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM challenge WHERE organizer_id = $1`, [promoterId]);
    const opens = new Date(Date.now() + 86_400_000).toISOString();
    const input = challengeInput(promoterId, {
      title: 'x',
      submissionOpensAt: opens,
      submissionClosesAt: new Date(Date.parse(opens) - 3_600_000).toISOString(),
      criteria: [{ name: 'Impatto', weight: 0 }, { name: 'Fattibilità' }],
    });
    const error = await firstError(api.url, CREATE_CHALLENGE, { input }, { token: organizer.token });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    const fields = error.extensions!.fields as { field: string; message: string }[];
    expect(fields.map((f) => f.field)).toEqual(['title', 'submissionClosesAt', 'criteria.0.weight']);
    expect(fields[1]).toEqual({ field: 'submissionClosesAt', message: '«submissionClosesAt» deve venire dopo «submissionOpensAt».' });
    for (const { message } of fields) expect(message).not.toMatch(/\b[A-Z]{2,}(_[A-Z]+)*\b/);
    const [{ n: after }] = await db.query(`SELECT count(*)::int AS n FROM challenge WHERE organizer_id = $1`, [promoterId]);
    expect(after).toBe(before);
  });
});

describe('scores rounded to two decimals', () => {
  let api: RunningApi;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
  });

  afterAll(async () => {
    await db?.destroy();
    await api?.close();
  });

  it('shows a review total and the leaderboard rounded, and keeps the stored total exact', async () => {
    // One criterion scored 1 out of 3: T = 100 · 1/3 = 33.333...
    const fixture = await judgingFixture(api.url, { ideas: 1, jurors: 1, overrides: { reviewsPerIdea: 1, criteria: [{ name: 'Qualità', weight: 1, maxScore: 3 }] } });
    await startJudging(api.url, fixture.organizer, fixture.challenge.id);
    const juror = fixture.jurors[0]!.user;
    const [assignment] = await myAssignments(api.url, juror, fixture.challenge.id);
    const submitted = await gqlOk(
      api.url,
      SUBMIT_REVIEW,
      { input: { assignmentId: assignment.id, scores: [{ criterionId: fixture.challenge.criteria[0]!.id, value: 1 }] } },
      juror.token,
    );
    expect(submitted.submitReview.total).toBe(33.33);
    const board = await gqlOk(api.url, LEADERBOARD, { id: fixture.challenge.id, n: 'NONE' }, fixture.organizer.token);
    expect(board.challenge.leaderboard).toEqual([expect.objectContaining({ rank: 1, rawScore: 33.33, reviewCount: 1 })]);
    const [{ total }] = await db.query(`SELECT total FROM review WHERE id = $1`, [submitted.submitReview.id]);
    expect(total).toBeCloseTo(100 / 3, 10);
    expect(total).not.toBe(33.33);
  });
});

// Refused before any resolver runs: no user may be known yet (Accept-Language, else Italian), and the words are
// graphql-js's or our limits' English, worded from the catalogue; extensions (code, reason, locations) never change.
describe('errors refused before an operation runs, in the viewer’s language', () => {
  let api: RunningApi;
  let italian: TestUser;
  let english: TestUser;

  const DEEP = `query Deep { organizations(first: 1) { edges { node { ${'members { user { id } organization { '.repeat(6)}id${' } }'.repeat(6)} } } } }`;
  const COSTLY = `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: challenges(first: 100) { edges { node { id title } } }`).join(' ')} }`;
  const cases: { what: string; query: string; variables?: Record<string, unknown>; it: string | RegExp; en: string | RegExp; extensions: Record<string, unknown> }[] = [
    {
      what: 'a parse error',
      query: '{ me { id }',
      it: 'La query non è GraphQL valido: errore di sintassi alla riga 1, colonna 12.',
      en: 'The query is not valid GraphQL: syntax error at line 1, column 12.',
      extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED', detail: 'Expected Name, found <EOF>.' },
    },
    {
      what: 'a validation error (unknown field)',
      query: '{ me { idd } }',
      it: 'Il tipo «User» non ha il campo «idd». Forse intendevi «id»?',
      en: 'The type «User» has no field «idd». Did you mean «id»?',
      extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      what: 'a variable coercion error',
      query: 'query($n: Int!) { challenges(first: $n) { totalCount } }',
      variables: { n: 'abc' },
      it: 'Il valore della variabile «$n» non è valido. «abc» non è un valore valido per il tipo «Int».',
      en: 'The value of the variable «$n» is not valid. «abc» is not a valid value of type «Int».',
      extensions: { code: 'BAD_USER_INPUT' },
    },
    {
      what: 'a depth refusal',
      query: DEEP,
      it: 'L’operazione «Deep» è annidata oltre il limite di 10 livelli.',
      en: 'The operation «Deep» is nested deeper than the limit of 10 levels.',
      extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      what: 'a cost refusal',
      query: COSTLY,
      it: /^La query costa \d+ punti, oltre il limite di 5000: chiedi meno elementi per pagina o meno campi\.$/,
      en: /^The query costs \d+ points, above the limit of 5000: ask for fewer items per page or fewer fields\.$/,
      extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY', maxCost: 5000 },
    },
  ];

  beforeAll(async () => {
    api = await startApi();
    italian = await signUp(api.url, { label: 'giulia-pre', locale: 'it' });
    english = await signUp(api.url, { label: 'jane-pre', locale: 'en' });
  });

  afterAll(async () => {
    await api?.close();
  });

  it.each(cases.map((c) => [c.what, c] as const))(
    'words %s in Italian by default and for an Italian user, in English for Accept-Language en and an English user',
    async (_what, c) => {
      const answers = {
        byDefault: await firstError(api.url, c.query, c.variables ?? {}),
        italianUser: await firstError(api.url, c.query, c.variables ?? {}, { token: italian.token, acceptLanguage: 'en' }),
        askingEnglish: await firstError(api.url, c.query, c.variables ?? {}, { acceptLanguage: 'en-GB,en;q=0.9' }),
        englishUser: await firstError(api.url, c.query, c.variables ?? {}, { token: english.token }),
      };
      for (const answer of [answers.byDefault, answers.italianUser]) expect(answer.message).toEqual(typeof c.it === 'string' ? c.it : expect.stringMatching(c.it));
      for (const answer of [answers.askingEnglish, answers.englishUser]) expect(answer.message).toEqual(typeof c.en === 'string' ? c.en : expect.stringMatching(c.en));
      // The code (and every other extension) is the same in both languages.
      expect(answers.byDefault.extensions).toMatchObject(c.extensions);
      for (const answer of Object.values(answers)) expect(answer.extensions).toEqual(answers.byDefault.extensions);
      expect(answers.byDefault.message).not.toBe(answers.askingEnglish.message);
    },
  );

  it('words a request Apollo refuses before its pipeline (a batch, a body without a query) from the request’s headers', async () => {
    const post = async (body: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      return { status: response.status, error: ((await response.json()) as { errors: GqlError[] }).errors[0]! };
    };
    const batch = [{ query: '{ __typename }' }, { query: '{ __typename }' }];
    const inItalian = await post(batch);
    const inEnglish = await post(batch, { 'accept-language': 'en' });
    const ofTheUser = await post(batch, { 'accept-language': 'it', authorization: `Bearer ${english.token}` });
    expect(inItalian).toEqual({ status: 400, error: { message: 'Invia una sola operazione per richiesta.', extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' } } });
    expect(inEnglish).toEqual({ status: 400, error: { message: 'Send one operation per request.', extensions: inItalian.error.extensions } });
    expect(ofTheUser.error.message).toBe(inEnglish.error.message);
    const noQuery = await post({ variables: {} }, { 'accept-language': 'en' });
    expect(noQuery).toEqual({
      status: 400,
      error: { message: 'The request holds no query: send its text in «query».', extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' } },
    });
  });

  describe('over WebSocket', () => {
    /** A socket whose upgrade request and connection_init payload carry what a client chose to send. */
    const socket = (options: { token?: string; upgradeLanguage?: string; paramsLanguage?: string }) =>
      createClient({
        url: api.wsUrl,
        webSocketImpl: class extends WebSocket {
          constructor(url: string, protocols?: string | string[]) {
            super(url, protocols, { headers: options.upgradeLanguage ? { 'accept-language': options.upgradeLanguage } : {} });
          }
        },
        connectionParams: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.paramsLanguage ? { 'accept-language': options.paramsLanguage } : {}),
        },
        retryAttempts: 0,
        lazy: true,
      });
    const refusal = async (options: Parameters<typeof socket>[0], query: string, variables: Record<string, unknown> = {}) => {
      const client = socket(options);
      try {
        const outcome = await wsOperation(client, query, variables);
        if (!outcome.refused) throw new Error(`Expected a refusal, got ${JSON.stringify(outcome)}`);
        return outcome.refused[0]!;
      } finally {
        await client.dispose();
      }
    };

    it('words a parse error, a depth refusal and a variable error in the user’s locale, whatever the socket asks, code unchanged', async () => {
      for (const c of [cases[0]!, cases[3]!]) {
        const inItalian = await refusal({ token: italian.token, upgradeLanguage: 'en', paramsLanguage: 'en' }, c.query);
        const inEnglish = await refusal({ token: english.token }, c.query);
        expect([inItalian.message, inEnglish.message]).toEqual([c.it, c.en]);
        expect(inItalian.extensions).toMatchObject(c.extensions);
        expect(inEnglish.extensions).toEqual(inItalian.extensions);
        // The very error HTTP answers the same viewer.
        expect(inEnglish).toEqual(await firstError(api.url, c.query, {}, { token: english.token }));
      }
      // A variable that does not fit its type is refused as the operation starts (a `next` with errors).
      const client = socket({ token: italian.token });
      try {
        const { result } = await wsOperation(client, cases[2]!.query, cases[2]!.variables);
        expect(result?.errors?.[0]).toMatchObject({ message: cases[2]!.it, extensions: { code: 'BAD_USER_INPUT' } });
      } finally {
        await client.dispose();
      }
    });

    it('words the refusal of an anonymous socket by its connection_init language, else its upgrade request’s, else Italian', async () => {
      const query = '{ me { id }';
      const byDefault = await refusal({}, query);
      const byUpgrade = await refusal({ upgradeLanguage: 'en-US,en;q=0.9' }, query);
      const byParams = await refusal({ upgradeLanguage: 'it', paramsLanguage: 'en' }, query);
      expect(byDefault).toEqual({ message: 'Accedi per usare il WebSocket.', extensions: { code: 'UNAUTHENTICATED' } });
      expect(byUpgrade).toEqual({ message: 'Sign in to use the WebSocket.', extensions: { code: 'UNAUTHENTICATED' } });
      expect(byParams).toEqual(byUpgrade);
    });
  });
});
