import { describe, expect, it } from '@jest/globals';
import type { User } from '../identity/user.entity.js';
import { ANONYMOUS } from '../viewer.js';
import { ownView, viewPerson } from './person-view.js';

const user = (over: Partial<User> = {}): User =>
  ({
    id: 'u-1',
    email: 'giulia@example.test',
    passwordHash: 'secret',
    displayName: 'Giulia R.',
    locale: 'it',
    isAdmin: false,
    createdAt: new Date(0),
    emailVerifiedAt: null,
    username: null,
    ...over,
  }) as User;

describe('viewPerson', () => {
  it("shows a roster student's username, like the email, to the student themself and to platform admins only", () => {
    const student = user({ email: null, username: 'fermi-giulia-r-7k' });
    expect(viewPerson({ userId: 'u-1', isAdmin: false }, student).username).toBe('fermi-giulia-r-7k');
    expect(viewPerson({ userId: 'admin', isAdmin: true }, student).username).toBe('fermi-giulia-r-7k');
    expect(viewPerson({ userId: 'coach', isAdmin: false }, student).username).toBeNull();
    expect(viewPerson(ANONYMOUS, student).username).toBeNull();
  });

  it('shows the email to the person themself and to platform admins only', () => {
    expect(viewPerson({ userId: 'u-1', isAdmin: false }, user()).email).toBe('giulia@example.test');
    expect(viewPerson({ userId: 'admin', isAdmin: true }, user()).email).toBe('giulia@example.test');
    expect(viewPerson({ userId: 'u-2', isAdmin: false }, user()).email).toBeNull();
    expect(viewPerson(ANONYMOUS, user()).email).toBeNull();
  });

  it('shows the display name and the non-personal fields to everyone who reaches the user', () => {
    expect(viewPerson(ANONYMOUS, user({ emailVerifiedAt: new Date(1) }))).toEqual({
      id: 'u-1',
      displayName: 'Giulia R.',
      nameHidden: false,
      erased: false,
      email: null,
      username: null,
      isAdmin: false,
      locale: 'it',
      emailVerified: true,
    });
  });

  it('never carries fields outside the view (no password hash, no timestamps)', () => {
    expect(Object.keys(viewPerson({ userId: 'u-1', isAdmin: false }, user())).sort()).toEqual([
      'displayName',
      'email',
      'emailVerified',
      'erased',
      'id',
      'isAdmin',
      'locale',
      'nameHidden',
      'username',
    ]);
  });
});

describe('ownView', () => {
  it('is the view of the person by themself, whoever carries the request', () => {
    expect(ownView(user()).email).toBe('giulia@example.test');
    expect(ownView(user())).toEqual(viewPerson({ userId: 'u-1', isAdmin: false }, user()));
  });

  it("hides a student's name where the grounds say so, never from the student themself, an admin, or once erased", () => {
    const hidden = { studentNameHidden: true };
    expect(viewPerson({ userId: 'u-2', isAdmin: false }, user(), hidden)).toMatchObject({ displayName: 'Studente', nameHidden: true });
    expect(viewPerson({ userId: 'u-1', isAdmin: false }, user(), hidden)).toMatchObject({ displayName: 'Giulia R.', nameHidden: false });
    expect(viewPerson({ userId: 'admin', isAdmin: true }, user(), hidden)).toMatchObject({ displayName: 'Giulia R.', nameHidden: false });
    expect(viewPerson(ANONYMOUS, user({ erasedAt: new Date(1) }), hidden)).toMatchObject({ displayName: 'Ex membro', nameHidden: false, erased: true });
  });
});
