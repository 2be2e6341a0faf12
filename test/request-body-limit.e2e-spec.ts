// A request body over the size limit is answered 413 with a GraphQL error body (issue 12, item 7), however the
// client sends it (a JSON body, a Content-Length that announces too much, a chunked body without Content-Length),
// and the API keeps serving. The other bodies Fastify cannot read get GraphQL error bodies too.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { BODY_LIMIT_BYTES } from '../apps/api/src/bootstrap.js';
import { startApi, type RunningApi } from './helpers/api.js';

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

interface GraphQLBody {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

let api: RunningApi;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

/** One POST /graphql over a fresh connection, headers and chunks exactly as given; resolves with the first answer. */
function rawPost(headers: Record<string, string>, chunks: (string | Buffer)[]): Promise<Answer> {
  const url = new URL(api.url);
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent: false }, (response) => {
      answered = true;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text }));
    });
    // The server may answer and close while the client is still writing: only an error before any answer counts.
    request.on('error', (error) => (answered ? undefined : reject(error)));
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

const query = JSON.stringify({ query: '{ __typename }' });

/** A JSON GraphQL request of exactly `bytes` bytes. */
function paddedBody(bytes: number): string {
  const skeleton = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
  return JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes - skeleton.length) } });
}

function expectGraphQLError(answer: Answer, status: number, reason: string): NonNullable<GraphQLBody['errors']>[number] {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as GraphQLBody;
  expect(Object.keys(body)).toEqual(['errors']);
  expect(body.errors).toHaveLength(1);
  const [error] = body.errors!;
  expect(error!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body', reason });
  expect(error!.extensions?.fields).toEqual([{ field: 'body', message: error!.message }]);
  // Nothing of Fastify or Node leaks: no stack, no internal code, no Nest-style `statusCode` body.
  expect(answer.text).not.toMatch(/stack|FST_|statusCode|\bat .*\.js|node_modules/i);
  return error!;
}

async function expectStillServing(): Promise<void> {
  const response = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
}

describe('a request body over the limit', () => {
  const limit = BODY_LIMIT_BYTES;
  const tooLarge = (error: { message: string; extensions?: Record<string, unknown> }) => {
    // In Italian: the request names no language (test/error-locale.e2e-spec.ts covers the others).
    expect(error.message).toBe(`Il corpo della richiesta è troppo grande: sono accettati al massimo ${limit} byte (1 MiB).`);
    expect(error.extensions?.maxBytes).toBe(limit);
  };

  it('is answered 413 with a GraphQL BAD_USER_INPUT error naming the limit (JSON body, one byte over)', async () => {
    const body = paddedBody(limit + 1);
    expect(Buffer.byteLength(body)).toBe(limit + 1);
    const response = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer = { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
    tooLarge(expectGraphQLError(answer, 413, 'BODY_TOO_LARGE'));
    await expectStillServing();
  });

  it('is answered 413 at once when the Content-Length announces too much, before the body is sent', async () => {
    const answer = await rawPost({ 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) }, [query]);
    tooLarge(expectGraphQLError(answer, 413, 'BODY_TOO_LARGE'));
    await expectStillServing();
  });

  it('is answered 413 when a chunked body without Content-Length grows past the limit', async () => {
    const body = paddedBody(2 * limit);
    const chunks = Array.from({ length: 8 }, (_, i) => body.slice((i * body.length) / 8, ((i + 1) * body.length) / 8));
    const answer = await rawPost({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks);
    tooLarge(expectGraphQLError(answer, 413, 'BODY_TOO_LARGE'));
    await expectStillServing();
  });

  it('still accepts a body just under the limit, chunked or not', async () => {
    const body = paddedBody(limit - 1024);
    const plain = await rawPost({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, [body]);
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.text)).toEqual({ data: { __typename: 'Query' } });
    const chunked = await rawPost({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, [body.slice(0, 1000), body.slice(1000)]);
    expect(chunked.status).toBe(200);
  });
});

describe('other bodies Fastify cannot read', () => {
  it('answers malformed JSON 400 with a GraphQL error', async () => {
    const error = expectGraphQLError(await rawPost({ 'content-type': 'application/json' }, ['{"query": ']), 400, 'INVALID_JSON');
    expect(error.message).toBe('Il corpo della richiesta non è un JSON valido.');
  });

  it('answers an empty JSON body 400 with a GraphQL error', async () => {
    expectGraphQLError(await rawPost({ 'content-type': 'application/json', 'content-length': '0' }, []), 400, 'EMPTY_BODY');
  });

  it('answers a JSON body with __proto__ (refused by the JSON parser) 400 with a GraphQL error', async () => {
    expectGraphQLError(await rawPost({ 'content-type': 'application/json' }, ['{"query":"{ __typename }","__proto__":{"x":1}}']), 400, 'INVALID_JSON');
  });

  it('answers an unsupported content-type 415 with a GraphQL error', async () => {
    expectGraphQLError(await rawPost({ 'content-type': 'application/xml' }, ['<query/>']), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('keeps serving afterwards, GraphQL and health alike', async () => {
    await expectStillServing();
    expect((await fetch(api.url.replace(/\/graphql$/, '/health/live'))).status).toBe(200);
  });
});
