import { parseBoxConfiguration, validateBoxConfiguration } from '../../src/connectors/box/box-configuration.js';
import { translateBoxFilter } from '../../src/connectors/box/box-filter.js';
import { groupBody } from '../../src/connectors/box/box-group-mapping.js';
import { parseRateLimit } from '../../src/connectors/box/box-rate-limit.js';
import { changedUserFields, userBody, userToObject } from '../../src/connectors/box/box-user-mapping.js';
import { javaDoubleString, toBoxInteger } from '../../src/connectors/box/box-values.js';
import { InvalidAttributeValueError } from '../../src/provisioner/connector-errors.js';

describe('Box values', () => {
  test.each([
    [1000000456753152, '1.000000456753152E15'],
    [999999999999999, '9.99999999999999E14'],
    [53687091200, '5.36870912E10'],
    [10000000, '1.0E7'],
    [5, '5.0'],
    [-1, '-1.0'],
    [0, '0.0'],
  ])('when %d is shown, then it reads %s as Java prints it', (value, text) => {
    expect(javaDoubleString(value)).toBe(text);
  });

  test('when a size comes back as the page prints it, then it is the same integer', () => {
    expect(toBoxInteger('space_amount', '1.000000456753152E15')).toBe(1000000456753152);
    expect(toBoxInteger('space_amount', '-1')).toBe(-1);
    expect(() => toBoxInteger('space_amount', '1.5')).toThrow(InvalidAttributeValueError);
  });
});

describe('Box configuration', () => {
  const base = {
    serviceUri: 'https://api.box.com/2.0', tokenEndpoint: 'https://api.box.com/oauth2/token', clientId: 'id', clientSecret: 'secret',
    authenticationMethod: 'OAUTH', grantType: 'client_credentials', boxSubjectType: 'Enterprise', boxSubjectId: '1162568706',
  };

  test('when the seed writes Enterprise, then Box gets the lower-case subject type', () => {
    expect(parseBoxConfiguration(base).subject).toEqual({ type: 'enterprise', id: '1162568706' });
    expect(parseBoxConfiguration({ ...base, boxSubjectType: 'User' }).subject?.type).toBe('user');
  });

  test('when the seed\'s sample values are left unchanged, then every problem is named', () => {
    const problems = validateBoxConfiguration({
      serviceUri: '_CHANGEME_', tokenEndpoint: '_CHANGEME_', clientId: '_CHANGEME_', clientSecret: '_CHANGEME_', authenticationMethod: '_CHANGEME_',
      grantType: '_CHANGEME_', boxSubjectType: '_CHANGEME_', boxSubjectId: '_CHANGEME_', rateLimit: '_CHANGEME_',
    }).join('\n');
    for (const name of ['serviceUri', 'authenticationMethod', 'grantType', 'rateLimit']) expect(problems).toContain(name);
  });

  test('when grantType is refresh_token, then Box\'s only grant is named', () => {
    expect(validateBoxConfiguration({ ...base, grantType: 'refresh_token', refreshToken: 'x' }).join()).toMatch(/only value supported is client_credentials/);
  });

  test.each([['1000/min', 1000, 60000], ['997/min', 997, 60000], ['600/sec', 600, 1000], ['10/hour', 10, 3600000]])(
    'when rateLimit is %s, then the budget is %d per %d ms', (text, requests, periodMs) => {
      expect(parseRateLimit(text)).toEqual({ requests, periodMs });
    },
  );

  test('when rateLimit has no unit or no count, then the message shows the notation', () => {
    expect(parseRateLimit('1000')).toMatch(/must look like 1000\/min/);
    expect(parseRateLimit('/min')).toMatch(/must look like/);
    expect(parseRateLimit('0/sec')).toMatch(/at least 1/);
  });
});

describe('Box mapping', () => {
  test('when a user body is built from the page\'s full user, then read-only attributes and enterprise are never sent and types are Box\'s', () => {
    const body = userBody({
      __NAME__: 'Miguel Benitez', type: 'user', enterprise: [{ type: 'enterprise', name: 'testing' }], avatar_url: 'x', hostname: 'h', max_upload_size: '5.36870912E10',
      is_sync_enabled: 'true', space_amount: '1.000000456753152E15', external_app_user_id: null, login: 'someone@example.com',
    }, 'create');
    expect(body).toEqual({ name: 'Miguel Benitez', is_sync_enabled: true, space_amount: 1000000456753152, login: 'someone@example.com' });
  });

  test('when an update repeats the current values, then nothing is sent; a changed login in other case is not a change', () => {
    const current = { type: 'user' as const, id: '1', name: 'A', login: 'a@example.com', job_title: 'x', external_app_user_id: null };
    expect(changedUserFields(userBody({ __NAME__: 'A', login: 'A@Example.com', job_title: 'x', external_app_user_id: null }, 'update'), current)).toEqual({});
    expect(changedUserFields(userBody({ job_title: 'y' }, 'update'), current)).toEqual({ job_title: 'y' });
  });

  test('when a free user (no enterprise) is read, then enterprise is an empty list', () => {
    expect(userToObject({ type: 'user', id: '1', name: 'A', enterprise: null }, []).attributes.enterprise).toEqual([]);
  });

  test('when a group body has both __NAME__ and name, then __NAME__ wins; levels cannot be cleared', () => {
    expect(groupBody({ __NAME__: 'A', name: 'B', group_type: 'managed_group' }, 'create')).toEqual({ name: 'A' });
    expect(() => groupBody({ invitability_level: null }, 'update')).toThrow(/cannot be cleared/);
  });
});

describe('Box filters', () => {
  test('when __NAME__ sw is asked, then filter_term is used and the facade re-checks (Box also matches logins)', () => {
    expect(translateBoxFilter('__ACCOUNT__', { type: 'sw', attribute: '__NAME__', value: 'Jan' })).toEqual({ query: { kind: 'term', term: 'Jan' }, exact: false });
  });

  test('when __UID__ eq is asked, then it is an exact read by id; other filters are left to the facade', () => {
    expect(translateBoxFilter('__GROUP__', { type: 'eq', attribute: '__UID__', value: '7' })).toEqual({ query: { kind: 'id', id: '7' }, exact: true });
    expect(translateBoxFilter('__ACCOUNT__', { type: 'co', attribute: '__NAME__', value: 'a' })).toBeNull();
    expect(translateBoxFilter('__ACCOUNT__', { type: 'or', filters: [{ type: 'sw', attribute: '__NAME__', value: 'a' }, { type: 'sw', attribute: '__NAME__', value: 'b' }] })).toBeNull();
  });
});
