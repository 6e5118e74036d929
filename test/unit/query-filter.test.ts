import { InvalidPointerError, JsonPointer } from '../../src/crest/json-pointer.js';
import {
  evaluateQueryFilter,
  filterValueToJson,
  formatJavaDouble,
  parseJavaDouble,
  parseJavaLong,
  parseQueryFilter,
  QueryFilterParseError,
  queryFilterToString,
  visitQueryFilter,
  type FilterValue,
  type QueryFilter,
} from '../../src/crest/query-filter.js';
import type { JsonValue } from '../../src/util/json.js';

/** `n` nested parentheses around `a pr`. */
const nest = (n: number): string => '('.repeat(n) + 'a pr' + ')'.repeat(n);

// Valid filters and their normalized toString() form (QueryFilter TO_STRING visitor).
const VALID: ReadonlyArray<readonly [string, string]> = [
  // literals
  ['true', 'true'],
  ['false', 'false'],
  ['TRUE', 'true'],
  ['False', 'false'],
  ['(true)', 'true'],
  ['! true', '! (true)'],
  ['true or false', '(true or false)'],
  ['true and false', '(true and false)'],
  // core operators, case-insensitive, printed lower-case
  ['name eq "alice"', '/name eq "alice"'],
  ['/name eq "alice"', '/name eq "alice"'],
  ['/name/ eq "alice"', '/name eq "alice"'],
  ["name eq 'alice'", '/name eq "alice"'],
  ['name EQ "alice"', '/name eq "alice"'],
  ['name Co "li"', '/name co "li"'],
  ['name sW "al"', '/name sw "al"'],
  ['age lt 30', '/age lt 30'],
  ['age LE 30', '/age le 30'],
  ['age gt 30', '/age gt 30'],
  ['age Ge 30', '/age ge 30'],
  ['name pr', '/name pr'],
  ['name PR', '/name pr'],
  ['a ſw "x"', '/a sw "x"'], // Java equalsIgnoreCase: 'ſ'.toUpperCase() is 'S'
  // Long values
  ['age eq 0', '/age eq 0'],
  ['age eq +5', '/age eq 5'],
  ['age eq 007', '/age eq 7'],
  ['age eq -12', '/age eq -12'],
  ['age eq -0', '/age eq 0'],
  ['age eq 9223372036854775807', '/age eq 9223372036854775807'],
  ['age eq -9223372036854775808', '/age eq -9223372036854775808'],
  ['age eq \u0661\u0662', '/age eq 12'], // Character.digit accepts Arabic-Indic digits
  // Double values (a '.' in the token)
  ['x eq 1.0', '/x eq 1.0'],
  ['x eq 1500.0', '/x eq 1500.0'],
  ['x eq 1.5e3', '/x eq 1500.0'],
  ['x eq 1.5E+3', '/x eq 1500.0'],
  ['x eq 10000000.0', '/x eq 1.0E7'],
  ['x eq 9999999.0', '/x eq 9999999.0'],
  ['x eq 0.0001', '/x eq 1.0E-4'],
  ['x eq 0.001', '/x eq 0.001'],
  ['x eq 0.000999', '/x eq 9.99E-4'],
  ['x eq .5', '/x eq 0.5'],
  ['x eq 1.', '/x eq 1.0'],
  ['x eq 0.0', '/x eq 0.0'],
  ['x eq -0.0', '/x eq -0.0'],
  ['x eq +1.5', '/x eq 1.5'],
  ['x eq -2.5', '/x eq -2.5'],
  ['x eq 1.5f', '/x eq 1.5'],
  ['x eq 1.5D', '/x eq 1.5'],
  ['x eq 1.e5', '/x eq 100000.0'],
  ['x eq 0x1.8p1', '/x eq 3.0'],
  ['x eq 0X.8P0', '/x eq 0.5'],
  ['x eq 1.0e400', '/x eq Infinity'],
  ['x eq -1.0e400', '/x eq -Infinity'],
  ['x eq 1.0e-400', '/x eq 0.0'],
  ['x eq 5.0e-324', '/x eq 4.9E-324'],
  ['x eq 123456789.123', '/x eq 1.23456789123E8'],
  ['x eq 12345678.9', '/x eq 1.23456789E7'],
  ['x eq 0.1', '/x eq 0.1'],
  ['x eq 100.25', '/x eq 100.25'],
  ['x eq 1.7976931348623157e308', '/x eq 1.7976931348623157E308'],
  ['x eq 9223372036854775808.0', '/x eq 9.223372036854776E18'],
  ['x eq 1.5\t', '/x eq 1.5'], // Double.parseDouble trims; Long.parseLong does not
  // booleans
  ['active eq true', '/active eq true'],
  ['active eq FALSE', '/active eq false'],
  ['active eq True', '/active eq true'],
  // strings: either quote, backslash keeps the next char, no re-escaping on output
  ['name eq ""', '/name eq ""'],
  ["name eq ''", '/name eq ""'],
  ['name eq "a b  c"', '/name eq "a b  c"'],
  [String.raw`name eq "al\"ice"`, '/name eq "al"ice"'],
  [String.raw`name eq 'al\'ice'`, `/name eq "al'ice"`],
  [`name eq 'al"ice'`, '/name eq "al"ice"'],
  [`name eq "al'ice"`, `/name eq "al'ice"`],
  [String.raw`name eq "a\\b"`, String.raw`/name eq "a\b"`],
  [String.raw`name eq "a\nb"`, '/name eq "anb"'],
  [String.raw`name eq "a\\"`, String.raw`/name eq "a\"`],
  ['name eq "(x) and y or !"', '/name eq "(x) and y or !"'],
  ['name eq "tab\there"', '/name eq "tab\there"'],
  // not: '!' is a token of its own and takes a primary
  ['! name pr', '! (/name pr)'],
  ['!(name pr)', '! (/name pr)'],
  ['!  name pr', '! (/name pr)'],
  ['! (a eq 1 and b eq 2)', '! ((/a eq 1 and /b eq 2))'],
  ['! (! (x pr))', '! (! (/x pr))'],
  ['! a pr and b pr', '(! (/a pr) and /b pr)'],
  ['!x pr', '/!x pr'],
  ['!/age eq 1', '/!/age eq 1'],
  // and/or: precedence, flattening of chains, explicit parentheses kept
  ['a eq 1 and b eq 2', '(/a eq 1 and /b eq 2)'],
  ['a eq 1 or b eq 2', '(/a eq 1 or /b eq 2)'],
  ['a eq 1 and b eq 2 and c eq 3', '(/a eq 1 and /b eq 2 and /c eq 3)'],
  ['a eq 1 or b eq 2 and c eq 3', '(/a eq 1 or (/b eq 2 and /c eq 3))'],
  ['a eq 1 and b eq 2 or c eq 3', '((/a eq 1 and /b eq 2) or /c eq 3)'],
  ['(a eq 1 and b eq 2) and c eq 3', '((/a eq 1 and /b eq 2) and /c eq 3)'],
  ['a eq 1 and (b eq 2 and c eq 3)', '(/a eq 1 and (/b eq 2 and /c eq 3))'],
  ['(a eq 1 or b eq 2) and c eq 3', '((/a eq 1 or /b eq 2) and /c eq 3)'],
  ['a pr or b pr and c pr or d pr', '(/a pr or (/b pr and /c pr) or /d pr)'],
  ['(a pr or b pr) or (c pr or d pr)', '((/a pr or /b pr) or (/c pr or /d pr))'],
  ['a pr AND b pr Or c pr', '((/a pr and /b pr) or /c pr)'],
  ['a eq 1 and true', '(/a eq 1 and true)'],
  [`a eq "x" or b eq 'y' or c pr`, '(/a eq "x" or /b eq "y" or /c pr)'],
  // tokenizer: only U+0020 separates; parentheses and closing quotes end tokens
  ['  a   eq   1  ', '/a eq 1'],
  ['(a eq 1)and(b eq 2)', '(/a eq 1 and /b eq 2)'],
  ['(a pr)or(b pr)', '(/a pr or /b pr)'],
  ['name eq "x"and age pr', '(/name eq "x" and /age pr)'],
  ["name eq 'x'or(age pr)", '(/name eq "x" or /age pr)'],
  ['((((a pr))))', '/a pr'],
  // and/or/pr/eq are field names as the first token of a primary
  ['and eq 1', '/and eq 1'],
  ['or pr', '/or pr'],
  ['pr pr', '/pr pr'],
  ['AND pr and OR pr', '(/AND pr and /OR pr)'],
  ['eq eq "eq"', '/eq eq "eq"'],
  // ... and extended operators in operator position
  ['x and 1', '/x and 1'],
  ['x or true', '/x or true'],
  ['x AND "y"', '/x AND "y"'],
  // extended operators keep their spelling
  ['name ew "ice"', '/name ew "ice"'],
  ['name EW "ice"', '/name EW "ice"'],
  ['roles ca "admin"', '/roles ca "admin"'],
  ['a my_op.v2 1', '/a my_op.v2 1'],
  ['a 1 1', '/a 1 1'],
  // pointers: CREST percent-decoding, no RFC 6901 escapes, re-encoded on output
  ['/a%2Fb eq 1', '/a%2Fb eq 1'],
  ['/%65mail pr', '/email pr'],
  ['/a~1b pr', '/a~1b pr'],
  ['/ pr', '/ pr'],
  ['// pr', '/ pr'],
  ['/address/city eq "Paris"', '/address/city eq "Paris"'],
  ['a?b pr', '/a?b pr'],
  ['/café pr', '/caf%C3%A9 pr'],
  ['/caf%C3%A9 pr', '/caf%C3%A9 pr'],
  ['/a%20b pr', '/a%20b pr'],
  ['/a%25b pr', '/a%25b pr'],
  ['/a%09b pr', '/a%09b pr'],
  ['/%ff pr', '/%EF%BF%BD pr'],
  ['a[0] pr', '/a[0] pr'],
  ["it's pr", "/it's pr"],
  ['a:b@c pr', '/a:b@c pr'],
  [') pr', '/) pr'],
  // a single quote is not refused as a field: it becomes a field named "'"
  [`'eq' abc 'and' eq 1`, `(/' eq "abc" and /' eq 1)`],
  // nesting limit: 63 levels are accepted
  [nest(63), '/a pr'],
  [`! ${nest(63)}`, '! (/a pr)'],
];

interface InvalidRow {
  readonly filter: string;
  readonly kind: 'syntax' | 'pointer';
  readonly message: string;
}
const syntax = (filter: string, message = `Invalid query filter '${filter}'`): InvalidRow => ({ filter, kind: 'syntax', message });
const pointer = (filter: string, message: string): InvalidRow => ({ filter, kind: 'pointer', message });
const ESCAPE_AT_END = 'The filter string cannot end with an escape character';
const tooDeep = (filter: string): string =>
  `The query filter '${filter}' cannot be parsed because it contains more than 256 nexted expressions`;

const INVALID: readonly InvalidRow[] = [
  // structure
  syntax(''),
  syntax('   '),
  syntax('name'),
  syntax('name eq'),
  syntax('and'),
  syntax('!'),
  syntax('! '),
  syntax('! ! x pr'),
  syntax('! (x pr'),
  syntax('(a pr'),
  syntax('a pr)'),
  syntax('a eq 1 )'),
  syntax('()'),
  syntax('('),
  syntax(')'),
  syntax('a pr b pr'),
  syntax('a pr and'),
  syntax('a eq 1 or'),
  syntax('a eq 1 and (b eq 2'),
  syntax('true eq 1'),
  syntax('x eq 1.5 extra'),
  // values: no null, unquoted text is a number
  syntax('name eq alice'),
  syntax('name eq null'),
  syntax('x and y'),
  syntax('x eq 1 and y'),
  syntax('a eq (1)'),
  syntax('age eq 1and b pr'),
  syntax('age eq 1\t'),
  syntax('name eq 1e5'),
  syntax('name eq 0x10'),
  syntax('age eq 9223372036854775808'),
  syntax('age eq -9223372036854775809'),
  syntax('x eq ++1'),
  syntax('x eq +'),
  syntax('x eq -'),
  syntax('x eq 5L'),
  syntax('x eq 1_000'),
  syntax('x eq NaN'),
  syntax('x eq Infinity'),
  syntax('age eq 1.2.3'),
  syntax('x eq 1.5e'),
  syntax('x eq .'),
  syntax('x eq 1.5x'),
  syntax('x eq 0x1.8'),
  // quoting
  syntax('"name" eq "x"'),
  syntax("'name' eq 'x'"),
  syntax('name eq "alice'),
  syntax(`name eq 'alice"`),
  syntax(`x eq 'a' 'b'`),
  syntax('a eq "x"y"'),
  syntax('a eq"x"'),
  syntax(String.raw`name eq "a\"b" extra`, `Invalid query filter 'name eq "a"b" extra'`),
  syntax('name eq "alice\\', ESCAPE_AT_END),
  syntax('name eq "\\', ESCAPE_AT_END),
  syntax('name eq "a\\"b\\', ESCAPE_AT_END),
  // operators
  syntax('a eq! 1'),
  syntax('a e-q 1'),
  // nesting limit: 64 levels are refused
  syntax(nest(64), tooDeep(nest(64))),
  syntax('('.repeat(64), tooDeep('('.repeat(64))),
  syntax(`! ${nest(64)}`, tooDeep(`! ${nest(64)}`)),
  // fields that are not valid URI fragments (IDM: 500)
  pointer('a\teq\t1', 'Illegal character in fragment at index 2: #a\teq\t1'),
  pointer('a%zz eq 1', 'Malformed escape pair at index 2: #a%zz'),
  pointer('a%zz', 'Malformed escape pair at index 2: #a%zz'),
  pointer('a%zz eq alice', 'Malformed escape pair at index 2: #a%zz'),
  pointer('/a/b%2 pr', 'Malformed escape pair at index 2: #b%2'),
  pointer('%zz\t pr', 'Malformed escape pair at index 1: #%zz\t'),
  pointer('a#b pr', 'Illegal character in fragment at index 2: #a#b'),
  pointer('a"b pr', 'Illegal character in fragment at index 2: #a"b'),
  pointer('a{b} eq 1', 'Illegal character in fragment at index 2: #a{b}'),
  pointer('x/a^b pr', 'Illegal character in fragment at index 2: #a^b'),
  pointer('a|b pr', 'Illegal character in fragment at index 2: #a|b'),
  pointer('a\u00a0b pr', 'Illegal character in fragment at index 2: #a\u00a0b'),
  pointer('a\u0085b pr', 'Illegal character in fragment at index 2: #a\u0085b'),
  pointer('! a%zz pr', 'Malformed escape pair at index 2: #a%zz'),
];

// Normalized forms that IDM itself cannot parse back to the same filter (toString does not re-escape).
const NOT_REPARSEABLE = new Set([
  '/name eq "al"ice"',
  String.raw`/name eq "a\b"`,
  String.raw`/name eq "a\"`,
  '/x eq Infinity',
  '/x eq -Infinity',
  '/) pr',
]);

function parseError(filter: string): QueryFilterParseError {
  try {
    parseQueryFilter(filter);
  } catch (error) {
    if (error instanceof QueryFilterParseError) return error;
    throw error;
  }
  throw new Error(`expected '${filter}' to be rejected`);
}

describe('parseQueryFilter + queryFilterToString', () => {
  test('when the tables are counted, then they hold at least 140 vectors', () => {
    expect(VALID.length).toBeGreaterThanOrEqual(90);
    expect(INVALID.length).toBeGreaterThanOrEqual(45);
    expect(VALID.length + INVALID.length).toBeGreaterThanOrEqual(140);
  });

  test.each(VALID)('when %j is parsed, then it prints as %j', (input, normalized) => {
    expect(queryFilterToString(parseQueryFilter(input))).toBe(normalized);
  });

  test.each(INVALID.map((r) => [r.filter, r.kind, r.message] as const))(
    'when %j is parsed, then it fails with a %s error %j',
    (filter, kind, message) => {
      const error = parseError(filter);
      expect(error.kind).toBe(kind);
      expect(error.message).toBe(message);
      expect(error.filter).toBe(filter);
    },
  );

  test.each(VALID.filter(([, n]) => !NOT_REPARSEABLE.has(n)))(
    'when the normalized form of %j is parsed again, then it prints identically',
    (_input, normalized) => {
      expect(queryFilterToString(parseQueryFilter(normalized))).toBe(normalized);
    },
  );

  test.each([...NOT_REPARSEABLE])('when the non-re-escaped form %j is parsed again, then it does not come back unchanged', (normalized) => {
    let again: string | undefined;
    try {
      again = queryFilterToString(parseQueryFilter(normalized));
    } catch (error) {
      expect(error).toBeInstanceOf(QueryFilterParseError);
    }
    expect(again).not.toBe(normalized);
  });
});

describe('parseQueryFilter AST', () => {
  const comparison = (text: string): Extract<QueryFilter, { type: 'comparison' }> => {
    const f = parseQueryFilter(text);
    if (f.type !== 'comparison') throw new Error(`not a comparison: ${text}`);
    return f;
  };

  test('when an integer is written with a sign and leading zeros, then the AST keeps a Long with its canonical text', () => {
    expect(comparison('age eq +007').value).toEqual({ kind: 'integer', value: 7, text: '7' });
  });

  test('when a Long exceeds 2^53, then the text stays exact and the number is the nearest double', () => {
    expect(comparison('n eq 9223372036854775807').value).toEqual({
      kind: 'integer',
      value: 2 ** 63,
      text: '9223372036854775807',
    });
  });

  test('when the token contains a dot, then the AST holds a Double', () => {
    expect(comparison('x eq 1.0').value).toEqual({ kind: 'double', value: 1 });
    expect(Object.is(filterValueToJson(comparison('x eq -0.0').value), -0)).toBe(true);
  });

  test('when the value is quoted or a boolean, then the AST holds a plain string or boolean', () => {
    expect(comparison('x eq "1"').value).toBe('1');
    expect(comparison("x eq 'TRUE'").value).toBe('TRUE');
    expect(comparison('x eq TRUE').value).toBe(true);
  });

  test('when a core operator is written in upper case, then the AST holds it lower-cased', () => {
    expect(comparison('x GE 1').operator).toBe('ge');
  });

  test('when an extended operator is written in upper case, then the AST keeps its spelling', () => {
    expect(comparison('x EW "a"').operator).toBe('EW');
    expect(comparison('x ew "a"').operator).toBe('ew');
  });

  test('when the field is percent-encoded, then the pointer holds decoded tokens', () => {
    expect(comparison('/a%2Fb/c%20d eq 1').field.tokens).toEqual(['a/b', 'c d']);
    expect(comparison('/a/~0/ eq 1').field.tokens).toEqual(['a', '~0']);
  });

  test('when the field is `//`, then the pointer holds one empty token and prints as the root', () => {
    const f = parseQueryFilter('// pr');
    expect(f).toEqual({ type: 'pr', field: new JsonPointer(['']) });
  });

  test('when an or-chain is parsed, then it is flattened into one node', () => {
    const f = parseQueryFilter('a pr or b pr or c pr');
    expect(f.type).toBe('or');
    expect(f.type === 'or' && f.subfilters.length).toBe(3);
  });

  test('when parentheses group a chain, then the nodes stay nested', () => {
    const f = parseQueryFilter('(a pr and b pr) and c pr');
    expect(f).toEqual({
      type: 'and',
      subfilters: [
        { type: 'and', subfilters: [{ type: 'pr', field: JsonPointer.parse('a') }, { type: 'pr', field: JsonPointer.parse('b') }] },
        { type: 'pr', field: JsonPointer.parse('c') },
      ],
    });
  });

  test('when `!` precedes a primary, then a not node wraps it', () => {
    expect(parseQueryFilter('! x pr')).toEqual({ type: 'not', subfilter: { type: 'pr', field: JsonPointer.parse('x') } });
  });

  test('when the field is a bad pointer, then the error is a pointer error caused by InvalidPointerError', () => {
    const error = parseError('a%zz eq 1');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('QueryFilterParseError');
    expect(error.cause).toBeInstanceOf(InvalidPointerError);
  });
});

describe('queryFilterToString on hand-built filters', () => {
  const field = JsonPointer.parse('x');
  const cmp = (value: FilterValue): QueryFilter => ({ type: 'comparison', operator: 'eq', field, value });

  test.each<readonly [number, string]>([
    [1500, '1500.0'],
    [1e7, '1.0E7'],
    [1e-4, '1.0E-4'],
    [1e-3, '0.001'],
    [-0, '-0.0'],
    [0, '0.0'],
    [100, '100.0'],
    [9999999.999, '9999999.999'],
    [1e21, '1.0E21'],
    [1.2345e-10, '1.2345E-10'],
    [-1.5e300, '-1.5E300'],
    [2 ** 63, '9.223372036854776E18'],
    [5e-324, '4.9E-324'],
    [Number.MAX_VALUE, '1.7976931348623157E308'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
  ])('when the double %p is printed, then Java shows %j', (value, text) => {
    expect(formatJavaDouble(value)).toBe(text);
    expect(queryFilterToString(cmp({ kind: 'double', value }))).toBe(`/x eq ${text}`);
  });

  test('when an and node has a single subfilter, then it is still wrapped in parentheses', () => {
    expect(queryFilterToString({ type: 'and', subfilters: [{ type: 'pr', field }] })).toBe('(/x pr)');
  });

  test('when a string holds quotes and backslashes, then they are printed verbatim', () => {
    expect(queryFilterToString(cmp('a"b\\c'))).toBe('/x eq "a"b\\c"');
  });

  test('when a pointer token holds a slash, percent, space, hash or non-ASCII, then it is percent-encoded', () => {
    const f: QueryFilter = { type: 'pr', field: new JsonPointer(['a/b', '50%', 'c d', '#x', 'é', 'e\u0301', "ok-_.!~*'();?:@&=+$,[]"]) };
    expect(queryFilterToString(f)).toBe("/a%2Fb/50%25/c%20d/%23x/%C3%A9/%C3%A9/ok-_.!~*'();?:@&=+$,[] pr");
  });
});

describe('Java number helpers', () => {
  test.each<readonly [string, bigint | undefined]>([
    ['0', 0n],
    ['+5', 5n],
    ['-5', -5n],
    ['007', 7n],
    ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
    ['9223372036854775808', undefined],
    ['', undefined],
    ['-', undefined],
    ['1 ', undefined],
    ['1e3', undefined],
    ['\uff11\uff12', 12n],
  ])('when Long.parseLong(%j) is emulated, then it yields %p', (text, expected) => {
    expect(parseJavaLong(text)).toBe(expected);
  });

  test.each<readonly [string, number | undefined]>([
    ['1.5', 1.5],
    [' 1.5\n', 1.5],
    ['1.', 1],
    ['.5', 0.5],
    ['1.5e-2', 0.015],
    ['1.5F', 1.5],
    ['0x1.0p-1', 0.5],
    ['0xA.p0', 10],
    ['-0x1.8p1', -3],
    ['0x0.0p5', 0],
    ['1.5 e2', undefined],
    ['1.5ee2', undefined],
    ['0x1.8', undefined],
    ['.', undefined],
    ['1.5_0', undefined],
  ])('when Double.parseDouble(%j) is emulated, then it yields %p', (text, expected) => {
    expect(parseJavaDouble(text)).toBe(expected);
  });
});

describe('filterValueToJson', () => {
  test.each<readonly [FilterValue, string | number | boolean]>([
    ['x', 'x'],
    [true, true],
    [{ kind: 'integer', value: 5, text: '5' }, 5],
    [{ kind: 'double', value: 1.5 }, 1.5],
  ])('when %j is converted, then the plain value is %j', (value, json) => {
    expect(filterValueToJson(value)).toBe(json);
  });
});

const DOC: JsonValue = {
  name: 'Alice',
  age: 30,
  score: 1.5,
  big: 9007199254740992,
  active: true,
  nickname: null,
  emails: ['a@x.com', 'b@y.org'],
  roles: ['admin', 'user'],
  nums: [1, 5, 10],
  tags: [],
  mixed: ['30', 30, true],
  address: { city: 'Paris', zip: '75001' },
  list: [{ v: 1 }],
  nested: [[1, 2]],
  'a/b': 'slash',
  'with space': 'ws',
  '': 'empty-key',
};

// [filter, expected with default options, expected with caseInsensitive]
const EVALUATION: ReadonlyArray<readonly [string, boolean, boolean]> = [
  ['true', true, true],
  ['false', false, false],
  ['name eq "Alice"', true, true],
  ['name eq "alice"', false, true],
  ['name eq "Alic"', false, false],
  ['name co "lic"', true, true],
  ['name co "LIC"', false, true],
  ['name sw "Al"', true, true],
  ['name sw "al"', false, true],
  ['name sw "li"', false, false],
  ['name ew "ice"', true, true],
  ['name ew "ICE"', false, true],
  ['name EW "ice"', false, false],
  ['name foo "x"', false, false],
  ['! (name foo "x")', true, true],
  ['name gt "Aaron"', true, true],
  ['name lt "Bob"', true, true],
  ['name gt "alice"', false, false],
  ['name ge "alice"', false, true],
  ['name lt "alice"', true, false],
  ['age eq 30', true, true],
  ['age eq 30.0', true, true],
  ['age eq "30"', false, false],
  ['age gt 29', true, true],
  ['age gt 30', false, false],
  ['age ge 30', true, true],
  ['age lt 31', true, true],
  ['age le 29', false, false],
  ['age co 3', false, false],
  ['age co 30', true, true],
  ['age sw 30', true, true],
  ['score lt 2', true, true],
  ['score gt 1', true, true],
  ['score eq 1.50', true, true],
  ['big eq 9007199254740993', true, true],
  ['active eq true', true, true],
  ['active eq "true"', false, false],
  ['active gt false', true, true],
  ['active lt true', false, false],
  ['name pr', true, true],
  ['nickname pr', false, false],
  ['! (nickname pr)', true, true],
  ['nickname eq "x"', false, false],
  ['missing pr', false, false],
  ['missing eq 1', false, false],
  ['! (missing eq 1)', true, true],
  ['tags pr', true, true],
  ['tags eq 1', false, false],
  ['emails eq "b@y.org"', true, true],
  ['emails co "@x"', true, true],
  ['emails sw "c"', false, false],
  ['nums gt 9', true, true],
  ['nums lt 1', false, false],
  ['nums eq 5', true, true],
  ['mixed eq 30', true, true],
  ['mixed eq "30"', true, true],
  ['mixed eq true', true, true],
  ['mixed eq false', false, false],
  ['roles ca "admin"', true, true],
  ['roles ca "guest"', false, false],
  ['roles ca "ADMIN"', false, true],
  ['address/city eq "Paris"', true, true],
  ['/address/city/ eq "Paris"', true, true],
  ['/address/zip eq 75001', false, false],
  ['address pr', true, true],
  ['address eq "Paris"', false, false],
  ['/a%2Fb eq "slash"', true, true],
  ['with%20space eq "ws"', true, true],
  ['emails/1 eq "b@y.org"', true, true],
  ['emails/01 eq "b@y.org"', true, true],
  ['emails/+1 eq "b@y.org"', true, true],
  ['emails/-1 pr', false, false],
  ['emails/2 pr', false, false],
  ['emails/x pr', false, false],
  ['list/0/v eq 1', true, true],
  ['list/v eq 1', false, false],
  ['nested eq 1', false, false],
  ['name/x pr', false, false],
  ['// eq "empty-key"', true, true],
  ['/ pr', true, true],
  ['name eq "Alice" and age gt 18', true, true],
  ['name eq "Bob" or age gt 18', true, true],
  ['name eq "Bob" or age gt 40', false, false],
  ['! (name eq "Alice")', false, false],
  ['(name eq "alice" or name eq "ALICE") and active eq true', false, true],
];

describe('evaluateQueryFilter', () => {
  test.each(EVALUATION)('when %j is evaluated case-sensitively, then the document matches: %p', (filter, expected) => {
    expect(evaluateQueryFilter(parseQueryFilter(filter), DOC)).toBe(expected);
  });

  test.each(EVALUATION)('when %j is evaluated case-insensitively, then the document matches: %p', (filter, _cs, expected) => {
    expect(evaluateQueryFilter(parseQueryFilter(filter), DOC, { caseInsensitive: true })).toBe(expected);
  });

  test('when the document is a scalar, then only the root pointer resolves', () => {
    expect(evaluateQueryFilter(parseQueryFilter('/ eq "str"'), 'str')).toBe(true);
    expect(evaluateQueryFilter(parseQueryFilter('name pr'), 'str')).toBe(false);
    expect(evaluateQueryFilter(parseQueryFilter('/ pr'), null)).toBe(false);
  });

  test('when the document is an array, then the root comparison matches any element', () => {
    expect(evaluateQueryFilter(parseQueryFilter('/ eq 2'), [1, 2, 3])).toBe(true);
    expect(evaluateQueryFilter(parseQueryFilter('0 eq 1'), [1, 2, 3])).toBe(true);
  });

  test('when and/or nodes have no subfilters, then they evaluate to true/false', () => {
    expect(evaluateQueryFilter({ type: 'and', subfilters: [] }, DOC)).toBe(true);
    expect(evaluateQueryFilter({ type: 'or', subfilters: [] }, DOC)).toBe(false);
  });

  test('when a case-insensitive comparison folds per character, then Java compareToIgnoreCase order is kept', () => {
    const doc = { s: 'ABC_' };
    // '_' (0x5F) sorts after 'C' but before 'c': case folding to lower-case puts 'abc_' < 'abcd'
    expect(evaluateQueryFilter(parseQueryFilter('s lt "abcd"'), doc, { caseInsensitive: true })).toBe(true);
    expect(evaluateQueryFilter(parseQueryFilter('s lt "abcd"'), doc)).toBe(true);
    expect(evaluateQueryFilter(parseQueryFilter('s gt "ABCD"'), doc)).toBe(true);
    expect(evaluateQueryFilter(parseQueryFilter('s gt "ABCD"'), doc, { caseInsensitive: true })).toBe(false);
  });
});

describe('visitQueryFilter', () => {
  test('when a visitor counts presence tests, then every node kind is dispatched', () => {
    const count = (f: QueryFilter): number =>
      visitQueryFilter<number>(f, {
        and: (subs) => subs.reduce((n, s) => n + count(s), 0),
        or: (subs) => subs.reduce((n, s) => n + count(s), 0),
        not: (sub) => count(sub),
        literal: () => 0,
        present: () => 1,
        comparison: () => 0,
      });
    expect(count(parseQueryFilter('a pr and (b pr or ! (c pr)) and d eq 1 and true'))).toBe(3);
  });
});
