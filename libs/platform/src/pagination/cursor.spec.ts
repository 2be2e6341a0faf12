import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import { CursorCodec } from './cursor.js';

const codec = CursorCodec.fromSecret('a-test-secret-that-is-long-enough-0123456789');
const ID = '0b7e5f4c-9d1a-4e2b-8c3d-5a6f7e8d9c0b';
const AT = '2025-03-04T10:20:30.456Z';

/** The DomainError `decode` throws, failing the test when it does not. */
function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('CursorCodec', () => {
  it('reads back what it sealed for the same list', () => {
    const cursor = codec.encode('Query.challenges', [AT, ID]);
    expect(codec.decodeKeyed('Query.challenges', cursor, 'time')).toEqual([AT, ID]);
    expect(codec.decodeKeyed('Query.ideas:relevance', codec.encode('Query.ideas:relevance', [0.25, ID]), 'number')).toEqual([0.25, ID]);
  });

  it('reveals nothing of the row: neither the time nor the id, and two cursors of one row differ', () => {
    const cursor = codec.encode('Query.challenges', [AT, ID]);
    const text = Buffer.from(cursor, 'base64url').toString('latin1');
    expect(text).not.toContain('2025');
    expect(text).not.toContain(ID.slice(0, 8));
    expect(cursor).not.toContain(Buffer.from(ID).toString('base64url').slice(0, 8));
    expect(codec.encode('Query.challenges', [AT, ID])).not.toBe(cursor);
  });

  it.each([
    ['another list', (c: string) => ({ list: 'Query.organizations', cursor: c })],
    ['another scope of the same list', (c: string) => ({ list: 'Challenge.teams:other', cursor: c })],
    ['a flipped bit', (c: string) => ({ list: 'Challenge.teams:a', cursor: flip(c, 20) })],
    ['a flipped tag bit', (c: string) => ({ list: 'Challenge.teams:a', cursor: flip(c, c.length - 2) })],
    ['truncated', (c: string) => ({ list: 'Challenge.teams:a', cursor: c.slice(0, -4) })],
    ['empty', () => ({ list: 'Challenge.teams:a', cursor: '' })],
    ['not base64url', () => ({ list: 'Challenge.teams:a', cursor: 'not a cursor!' })],
    ['readable JSON', () => ({ list: 'Challenge.teams:a', cursor: Buffer.from(JSON.stringify([AT, ID])).toString('base64url') })],
    ['too long', () => ({ list: 'Challenge.teams:a', cursor: 'A'.repeat(2000) })],
  ])('refuses a cursor of %s with BAD_USER_INPUT on after', (_label, make) => {
    const { list, cursor } = make(codec.encode('Challenge.teams:a', [AT, ID]));
    expect(refusal(() => codec.decodeKeyed(list, cursor, 'time'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses a cursor of another deployment (another secret)', () => {
    const foreign = CursorCodec.fromSecret('another-secret-that-is-long-enough-9876543210').encode('Query.challenges', [AT, ID]);
    expect(refusal(() => codec.decodeKeyed('Query.challenges', foreign, 'time'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('checks the sealed values against the kind of sort key the list expects', () => {
    const text = codec.encode('Query.organizations', ['Liceo Galilei', ID]);
    expect(refusal(() => codec.decodeKeyed('Query.organizations', text, 'time'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refusal(() => codec.decodeKeyed('Query.organizations', codec.encode('Query.organizations', ['x', 'not-a-uuid']), 'text'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refusal(() => codec.decode('Query.organizations', text, 3))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('builds a page with one sealed cursor per node', () => {
    const rows = [
      { id: ID, at: AT },
      { id: ID, at: AT },
      { id: ID, at: AT },
    ];
    const page = codec.page('Query.challenges', rows, 2, 3, (r) => [r.at, r.id]);
    expect(page).toMatchObject({ nodes: rows.slice(0, 2), hasNextPage: true, totalCount: 3 });
    expect(page.cursors.map((c) => codec.decodeKeyed('Query.challenges', c, 'time'))).toEqual([
      [AT, ID],
      [AT, ID],
    ]);
  });
});

/** The cursor with one bit of its byte `index` flipped. */
function flip(cursor: string, index: number): string {
  const raw = Buffer.from(cursor, 'base64url');
  const at = Math.min(raw.length - 1, Math.floor((index * 3) / 4));
  raw[at] ^= 0x01;
  return raw.toString('base64url');
}
