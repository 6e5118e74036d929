import { hashPassword } from '../../src/auth/password-hash.js';
import { UserStore } from '../../src/auth/user-store.js';

describe('UserStore credential cache', () => {
  test('when a verified password is presented again, then it is accepted from the cache; any other password, user or a prefix is refused', async () => {
    const store = new UserStore([
      { username: 'alice', password: await hashPassword('s3cret'), roles: ['openidm-admin'] },
      { username: 'bob', password: await hashPassword('other'), roles: [] },
    ]);
    expect(await store.authenticate('alice', 'wrong')).toBeNull();
    expect(await store.authenticate('alice', 's3cret')).toEqual({ username: 'alice', roles: ['openidm-admin'] });
    // Served by the remembered digest now.
    expect(await store.authenticate('alice', 's3cret')).toEqual({ username: 'alice', roles: ['openidm-admin'] });
    expect(await store.authenticate('alice', 's3cre')).toBeNull();
    expect(await store.authenticate('alice', 's3cret ')).toBeNull();
    expect(await store.authenticate('alice', 'wrong')).toBeNull();
    expect(await store.authenticate('bob', 's3cret')).toBeNull();
    expect(await store.authenticate('nobody', 's3cret')).toBeNull();
    expect(await store.authenticate('alice', 's3cret')).toEqual({ username: 'alice', roles: ['openidm-admin'] });
  });
});
