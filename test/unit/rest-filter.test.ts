import { parseRestConfiguration } from '../../src/connectors/rest/rest-configuration.js';
import { translateRestFilter } from '../../src/connectors/rest/rest-filter.js';
import type { ObjectTypeConfig } from '../../src/connectors/rest/rest-config-types.js';
import type { Filter } from '../../src/provisioner/filter.js';
import type { JsonObject } from '../../src/util/json.js';

/** The seed's "Example with filters", verbatim. */
const SEED_FILTERS: JsonObject = {
  quotes: '%22', separator: '%20', queryParamKey: 'filter',
  operators: { equals: 'eq', contains: 'co', startswith: 'sw', lessoreq: 'le', lessthan: 'lt', greateroreq: 'ge', greaterthan: 'gt', not: '!', presence: 'pr', and: 'and', or: 'or' },
};

function compile(filters: JsonObject, mapping: JsonObject = { Resources: { userName: 'userName', sn: 'name.familyName', mail: 'emails[0].value', age: 'age' } }): ObjectTypeConfig {
  return parseRestConfiguration({
    serviceUri: 'https://api.example.com', authenticationMethod: 'TOKEN', authToken: 't',
    objectTypes: { __ACCOUNT__: { filters, operations: { QUERY: { path: '/Users', method: 'GET', idPath: 'id', namePath: 'userName', responseMapping: mapping } } } },
  }).objectTypes.get('__ACCOUNT__')!;
}

const eq = (attribute: string, value: string | number | boolean): Filter => ({ type: 'eq', attribute, value });

describe('SaaS REST filters', () => {
  const type = compile(SEED_FILTERS);

  test('when an equality is translated with the seed\'s filters, then quotes and separators are decoded and the backend name is used', () => {
    expect(translateRestFilter(type, eq('sn', 'doe'))).toEqual({ query: 'name.familyName eq "doe"', exact: true });
  });

  test('when __UID__ or __NAME__ is filtered, then idPath and namePath name the backend attribute', () => {
    expect(translateRestFilter(type, eq('__UID__', 'u1'))!.query).toBe('id eq "u1"');
    expect(translateRestFilter(type, eq('__NAME__', 'john'))!.query).toBe('userName eq "john"');
  });

  test('when and/or nest, then the inner groups are parenthesised', () => {
    const filter: Filter = { type: 'and', filters: [eq('userName', 'a'), { type: 'or', filters: [{ type: 'sw', attribute: 'sn', value: 'd' }, { type: 'gt', attribute: 'age', value: 30 }] }] };
    expect(translateRestFilter(type, filter)!.query).toBe('userName eq "a" and (name.familyName sw "d" or age gt 30)');
  });

  test('when not and presence are translated, then they use their configured operators', () => {
    expect(translateRestFilter(type, { type: 'not', filter: { type: 'pr', attribute: 'sn' } })!.query).toBe('!(name.familyName pr)');
  });

  test('when a value holds the quote character, then it is escaped', () => {
    expect(translateRestFilter(type, eq('userName', 'a"b\\c'))!.query).toBe('userName eq "a\\"b\\\\c"');
  });

  test('when a filter uses an operator that is not configured (endswith), then it is not translated', () => {
    expect(translateRestFilter(type, { type: 'ew', attribute: 'sn', value: 'e' })).toBeNull();
    expect(translateRestFilter(type, { type: 'and', filters: [eq('sn', 'a'), { type: 'ew', attribute: 'sn', value: 'e' }] })).toBeNull();
  });

  test('when an attribute has no backend name, then the filter is not translated', () => {
    expect(translateRestFilter(type, eq('unknown', 'x'))).toBeNull();
  });

  test('when the backend name comes from an indexed path, then the translation is not exact (the facade re-checks)', () => {
    expect(translateRestFilter(type, eq('mail', 'x@y'))).toEqual({ query: 'emails.value eq "x@y"', exact: false });
  });

  test('when no filters are configured, then nothing is translated', () => {
    expect(translateRestFilter(compile({}), eq('sn', 'doe'))).toBeNull();
  });

  test('when the mapping copies everything, then attributes are filtered under their own names', () => {
    const copy = compile({ queryParamKey: 'q', quotes: "'", separator: '+', operators: { equals: '=' } }, { '/*': '/*' });
    expect(translateRestFilter(copy, eq('status', "it's"))!.query).toBe("status+=+'it\\'s'");
  });
});
