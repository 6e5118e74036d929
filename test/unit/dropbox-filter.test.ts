import { cursorOf, offsetCookie, offsetOf, pageOf } from '../../src/connectors/dropbox/dropbox-cookie.js';
import { MAX_LOOKUPS, translateDropboxFilter } from '../../src/connectors/dropbox/dropbox-filter.js';
import type { Filter } from '../../src/provisioner/filter.js';

const eq = (attribute: string, value: string | number): Filter => ({ type: 'eq', attribute, value });

describe('Dropbox filter translation', () => {
  test('when members are filtered by _id, then one exact team_member_id lookup is made', () => {
    expect(translateDropboxFilter('__ACCOUNT__', eq('__UID__', 'dbmid:1'))).toEqual({ query: { lookups: [{ key: 'team_member_id', value: 'dbmid:1' }] }, exact: true });
  });

  test('when members are filtered by e-mail, then an e-mail lookup is made and the facade re-checks (Dropbox ignores case)', () => {
    expect(translateDropboxFilter('__ACCOUNT__', eq('email', 'a@b.c'))).toEqual({ query: { lookups: [{ key: 'email', value: 'a@b.c' }] }, exact: false });
  });

  test('when lookups are or-ed, then they are batched and deduplicated (e-mails case-insensitively)', () => {
    const filter: Filter = { type: 'or', filters: [eq('email', 'A@b.c'), eq('email', 'a@B.c'), eq('team_member_id', 'dbmid:2')] };
    expect(translateDropboxFilter('__ACCOUNT__', filter)).toEqual({
      query: { lookups: [{ key: 'email', value: 'A@b.c' }, { key: 'team_member_id', value: 'dbmid:2' }] },
      exact: false,
    });
  });

  test('when an or has a term Dropbox cannot look up, then nothing is native', () => {
    expect(translateDropboxFilter('__ACCOUNT__', { type: 'or', filters: [eq('email', 'a@b.c'), eq('given_name', 'Ann')] })).toBeNull();
  });

  test('when an and has one lookup term, then that term narrows and the facade applies the rest', () => {
    const filter: Filter = { type: 'and', filters: [eq('given_name', 'Ann'), eq('__UID__', 'dbmid:1')] };
    expect(translateDropboxFilter('__ACCOUNT__', filter)).toEqual({ query: { lookups: [{ key: 'team_member_id', value: 'dbmid:1' }] }, exact: false });
  });

  test.each<[string, Filter]>([
    ['co on e-mail', { type: 'co', attribute: 'email', value: 'a' }],
    ['not', { type: 'not', filter: eq('email', 'a@b.c') }],
    ['presence', { type: 'pr', attribute: 'email' }],
    ['an empty e-mail', eq('email', '')],
    ['a number', eq('__UID__', 5)],
  ])('when members are filtered with %s, then the facade filters the listing', (_label, filter) => {
    expect(translateDropboxFilter('__ACCOUNT__', filter)).toBeNull();
  });

  test('when more than the batch bound is or-ed, then the listing is filtered instead', () => {
    const filters = Array.from({ length: MAX_LOOKUPS + 1 }, (_, i) => eq('email', `u${i}@b.c`));
    expect(translateDropboxFilter('__ACCOUNT__', { type: 'or', filters })).toBeNull();
  });

  test('when groups are filtered by id or external id, then group lookups are made', () => {
    expect(translateDropboxFilter('__GROUP__', { type: 'or', filters: [eq('group_id', 'g:1'), eq('group_external_id', 'ext')] })).toEqual({
      query: { lookups: [{ key: 'group_id', value: 'g:1' }, { key: 'group_external_id', value: 'ext' }] },
      exact: false,
    });
    expect(translateDropboxFilter('__GROUP__', eq('group_name', 'Sales'))).toBeNull();
  });

  test('when roles are filtered, then nothing is native (the role list is short)', () => {
    expect(translateDropboxFilter('role', eq('__UID__', 'pid_dbtmr:1'))).toBeNull();
  });
});

describe('Dropbox paging cookies', () => {
  test('when a held list is paged, then offset cookies walk it and the last page has none', () => {
    const all = ['a', 'b', 'c', 'd', 'e'];
    const first = pageOf(all, undefined, 2);
    expect(first).toEqual({ items: ['a', 'b'], next: offsetCookie(2) });
    const last = pageOf(all, 'offset:4', 2);
    expect(last).toEqual({ items: ['e'], next: null });
    expect(pageOf(all, undefined, undefined)).toEqual({ items: all, next: null });
  });

  test('when a Dropbox cursor is given where an offset is expected, or the reverse, then InvalidArgumentError', () => {
    for (const attempt of [() => offsetOf('AAcursor'), () => cursorOf('offset:3'), () => cursorOf(' ')]) {
      try {
        attempt();
        throw new Error('expected a throw');
      } catch (error) {
        expect((error as Error).name).toBe('InvalidArgumentError');
        expect((error as Error).message).toMatch(/_pagedResultsCookie/);
      }
    }
    expect(cursorOf('AAabc')).toBe('AAabc');
  });
});
