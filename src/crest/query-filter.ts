/**
 * CREST `_queryFilter`: parse, normalized toString and in-memory evaluation.
 *
 * A faithful port of forgerock-util's `QueryFilterParser` (recursive descent over a space-only
 * tokenizer), `QueryFilter`'s TO_STRING visitor and IDM's `JsonValueFilterVisitor`; see
 * shared/research/crest-idm-system.md §3. Pure: no I/O, no CREST error types.
 */
import type { JsonValue } from '../util/json.js';
import { InvalidPointerError, JsonPointer } from './json-pointer.js';

/**
 * An assertion value, keeping the Java type the parser produced because `toString` depends on it.
 *
 * - `string` — a quoted value (`"x"` or `'x'`), escapes already removed.
 * - `boolean` — unquoted `true` / `false` (any case).
 * - `{kind:'integer'}` — a Java `Long` (token without `.`): `value` is the JS number (rounded like
 *   Java's `Long.doubleValue()` beyond 2^53), `text` the exact `Long.toString` form (`+5` → `5`).
 * - `{kind:'double'}` — a Java `Double` (token with `.`): printed with Java's `Double.toString`
 *   (`1500.0`, `1.0E7`, `1.0E-4`, `-0.0`, `Infinity`).
 */
export type FilterValue =
  | string
  | boolean
  | { readonly kind: 'integer'; readonly value: number; readonly text: string }
  | { readonly kind: 'double'; readonly value: number };

/**
 * The filter AST. Core comparison operators are lower-case (`eq co sw lt le gt ge`); any other
 * operator is an extended match and keeps the spelling it was written with (IDM compares
 * extended operators case-sensitively: `ew` is EndsWith, `EW` is unsupported).
 */
export type QueryFilter =
  | { type: 'and' | 'or'; subfilters: QueryFilter[] }
  | { type: 'not'; subfilter: QueryFilter }
  | { type: 'literal'; value: boolean }
  | { type: 'pr'; field: JsonPointer }
  | { type: 'comparison'; operator: string; field: JsonPointer; value: FilterValue };

/** The core operators; everything else matching `[a-zA-Z_0-9.]+` is an extended operator. */
export const CORE_OPERATORS = ['eq', 'co', 'sw', 'lt', 'le', 'gt', 'ge'] as const;

/**
 * A filter IDM could not parse. `kind` is `'syntax'` for every `IllegalArgumentException` of the
 * parser (IDM: 400) and `'pointer'` for a field that is not a valid JSON pointer (IDM: 500 with
 * the URI-syntax message; the gateway answers 400). `message` is the parser's own message.
 */
export class QueryFilterParseError extends Error {
  override readonly name = 'QueryFilterParseError';
  readonly kind: 'syntax' | 'pointer';
  /** The filter text as given to {@link parseQueryFilter}. */
  readonly filter: string;

  constructor(kind: 'syntax' | 'pointer', message: string, filter: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.filter = filter;
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

const MAX_DEPTH = 256;
const EXTENDED_OPERATOR = /^[a-zA-Z_0-9.]+$/;

/**
 * Parses a CREST query filter exactly as forgerock-util `QueryFilterParser.valueOf` does.
 * @throws QueryFilterParseError
 */
export function parseQueryFilter(text: string): QueryFilter {
  const tokenizer = new FilterTokenizer(text);
  const filter = parseOr(tokenizer, 0);
  if (tokenizer.hasNext()) invalid(tokenizer);
  return filter;
}

function parseOr(t: FilterTokenizer, depth: number): QueryFilter {
  checkDepth(t, depth);
  const first = parseAnd(t, depth + 1);
  let subfilters: QueryFilter[] | undefined;
  while (t.hasNext() && equalsIgnoreCase(t.peek(), 'or')) {
    t.next();
    subfilters ??= [first];
    subfilters.push(parseAnd(t, depth + 1));
  }
  return subfilters ? composite('or', subfilters) : first;
}

function parseAnd(t: FilterTokenizer, depth: number): QueryFilter {
  checkDepth(t, depth);
  const first = parseNot(t, depth + 1);
  let subfilters: QueryFilter[] | undefined;
  while (t.hasNext() && equalsIgnoreCase(t.peek(), 'and')) {
    t.next();
    subfilters ??= [first];
    subfilters.push(parseNot(t, depth + 1));
  }
  return subfilters ? composite('and', subfilters) : first;
}

function parseNot(t: FilterTokenizer, depth: number): QueryFilter {
  checkDepth(t, depth);
  if (t.hasNext() && t.peek() === '!') {
    t.next();
    // '!' takes a primary, not another '!': `! ! x pr` reads `!` as a field name.
    return { type: 'not', subfilter: parsePrimary(t, depth + 1) };
  }
  return parsePrimary(t, depth + 1);
}

function parsePrimary(t: FilterTokenizer, depth: number): QueryFilter {
  checkDepth(t, depth);
  if (!t.hasNext()) invalid(t);
  const first = t.next();
  if (first === '(') {
    const nested = parseOr(t, depth + 1);
    if (!t.hasNext() || t.next() !== ')') invalid(t);
    return nested;
  }
  if (equalsIgnoreCase(first, 'true')) return { type: 'literal', value: true };
  if (equalsIgnoreCase(first, 'false')) return { type: 'literal', value: false };
  if (first === '"') invalid(t); // a double-quoted field (a single quote is taken as a field name)

  const field = parseField(first, t);
  if (!t.hasNext()) invalid(t);
  const operator = t.next();
  if (equalsIgnoreCase(operator, 'pr')) return { type: 'pr', field };

  if (!t.hasNext()) invalid(t);
  const token = t.next();
  let value: FilterValue;
  if (token === '"' || token === "'") {
    if (!t.hasNext()) invalid(t);
    value = t.next();
    if (!t.hasNext() || t.next() !== token) invalid(t);
  } else if (equalsIgnoreCase(token, 'true') || equalsIgnoreCase(token, 'false')) {
    value = equalsIgnoreCase(token, 'true');
  } else if (token.includes('.')) {
    const d = parseJavaDouble(token);
    if (d === undefined) invalid(t);
    value = { kind: 'double', value: d };
  } else {
    const l = parseJavaLong(token, LONG_MIN, LONG_MAX);
    if (l === undefined) invalid(t);
    value = { kind: 'integer', value: Number(l), text: l.toString() };
  }

  const core = CORE_OPERATORS.find((op) => equalsIgnoreCase(operator, op));
  if (core) return { type: 'comparison', operator: core, field, value };
  if (EXTENDED_OPERATOR.test(operator)) return { type: 'comparison', operator, field, value };
  return invalid(t);
}

function parseField(token: string, t: FilterTokenizer): JsonPointer {
  try {
    return JsonPointer.parse(token);
  } catch (error) {
    if (error instanceof InvalidPointerError) {
      throw new QueryFilterParseError('pointer', error.message, t.original, { cause: error });
    }
    throw error;
  }
}

function composite(type: 'and' | 'or', subfilters: QueryFilter[]): QueryFilter {
  // QueryFilter.and()/or(): none → true/false, one → that filter.
  if (subfilters.length === 0) return { type: 'literal', value: type === 'and' };
  if (subfilters.length === 1) return subfilters[0]!;
  return { type, subfilters };
}

function checkDepth(t: FilterTokenizer, depth: number): void {
  if (depth > MAX_DEPTH) {
    // "nexted" (sic) is IDM's wording.
    throw new QueryFilterParseError(
      'syntax',
      `The query filter '${t.toString()}' cannot be parsed because it contains more than ${MAX_DEPTH} nexted expressions`,
      t.original,
    );
  }
}

function invalid(t: FilterTokenizer): never {
  throw new QueryFilterParseError('syntax', `Invalid query filter '${t.toString()}'`, t.original);
}

const NEED_TOKEN = 0;
const NEED_START_STRING = 1;
const NEED_END_STRING = 2;

/**
 * QueryFilterParser.FilterTokenizer: one token of look-ahead; only U+0020 separates tokens;
 * `(`/`)` are always tokens; a quote yields the tokens `"`, <content>, `"`. Java deletes each
 * escaping backslash from its working copy of the filter, which shows in error messages; the
 * deleted positions are recorded instead so that {@link toString} can show the same text.
 */
class FilterTokenizer {
  readonly original: string;
  private pos = 0;
  private state = NEED_TOKEN;
  private delimiter = '';
  private lookahead: string | undefined;
  private readonly removed: number[] = [];

  constructor(text: string) {
    this.original = text;
    this.readNextToken();
  }

  hasNext(): boolean {
    return this.lookahead !== undefined;
  }

  peek(): string {
    if (this.lookahead === undefined) throw new Error('no more tokens');
    return this.lookahead;
  }

  next(): string {
    const token = this.peek();
    this.readNextToken();
    return token;
  }

  /** The filter as Java's tokenizer holds it: escaping backslashes read so far removed. */
  toString(): string {
    if (this.removed.length === 0) return this.original;
    let out = '';
    let from = 0;
    for (const at of this.removed) {
      out += this.original.slice(from, at);
      from = at + 1;
    }
    return out + this.original.slice(from);
  }

  private readNextToken(): void {
    const s = this.original;
    switch (this.state) {
      case NEED_START_STRING: {
        let token = '';
        let chunk = this.pos;
        for (; this.pos < s.length && s[this.pos] !== this.delimiter; this.pos++) {
          if (s[this.pos] === '\\') {
            if (this.pos + 1 === s.length) {
              throw new QueryFilterParseError('syntax', 'The filter string cannot end with an escape character', s);
            }
            token += s.slice(chunk, this.pos);
            this.removed.push(this.pos);
            this.pos++; // the escaped character is kept literally, whatever it is
            chunk = this.pos;
          }
        }
        this.lookahead = token + s.slice(chunk, this.pos);
        this.state = NEED_END_STRING;
        break;
      }
      case NEED_END_STRING:
        // Either at the end (unterminated string) or at the closing quote.
        this.lookahead = this.pos < s.length ? s[this.pos++] : undefined;
        this.state = NEED_TOKEN;
        break;
      default: {
        while (this.pos < s.length && s[this.pos] === ' ') this.pos++;
        if (this.pos >= s.length) {
          this.lookahead = undefined;
          return;
        }
        const start = this.pos;
        const c = s[this.pos++];
        if (c === '"' || c === "'") {
          this.state = NEED_START_STRING;
          this.delimiter = c;
        } else if (c !== '(' && c !== ')') {
          while (this.pos < s.length && s[this.pos] !== '(' && s[this.pos] !== ')' && s[this.pos] !== ' ') this.pos++;
        }
        this.lookahead = s.slice(start, this.pos);
      }
    }
  }
}

/** Java `String.equalsIgnoreCase`: per UTF-16 unit, equal after upper-casing or after lower-casing that. */
function equalsIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const ca = a[i]!;
    const cb = b[i]!;
    if (ca === cb) continue;
    const ua = upperChar(ca);
    const ub = upperChar(cb);
    if (ua === ub || lowerChar(ua) === lowerChar(ub)) continue;
    return false;
  }
  return true;
}

/** Character.toUpperCase(char): a one-to-one mapping (no `ß` → `SS`). */
function upperChar(c: string): string {
  const u = c.toUpperCase();
  return u.length === 1 ? u : c;
}

function lowerChar(c: string): string {
  const l = c.toLowerCase();
  return l.length === 1 ? l : c;
}

// ---------------------------------------------------------------------------------------------
// Java number parsing and formatting
// ---------------------------------------------------------------------------------------------

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const UNICODE_DIGIT = /\p{Nd}/u;

/**
 * Java `Long.parseLong` / `Integer.parseInt` (radix 10) within [min, max]: an optional `+`/`-`,
 * then at least one digit; `Character.digit` also accepts non-ASCII decimal digits (BMP only, as
 * Java works on chars). No whitespace, no `_`, no suffix. Returns undefined where Java throws.
 */
export function parseJavaLong(text: string, min: bigint = LONG_MIN, max: bigint = LONG_MAX): bigint | undefined {
  let i = 0;
  let negative = false;
  if (text[0] === '+' || text[0] === '-') {
    negative = text[0] === '-';
    i = 1;
  }
  if (i >= text.length) return undefined;
  let value = 0n;
  for (; i < text.length; i++) {
    const digit = javaDigit(text.charCodeAt(i));
    if (digit === undefined) return undefined;
    value = value * 10n + BigInt(digit);
    if (value > max + 1n) return undefined; // early exit for absurdly long inputs
  }
  if (negative) value = -value;
  return value < min || value > max ? undefined : value;
}

function javaDigit(code: number): number | undefined {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code < 0x80 || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  if (!UNICODE_DIGIT.test(String.fromCharCode(code))) return undefined;
  // Unicode assigns Nd characters in contiguous runs of ten, 0 to 9.
  let zero = code;
  while (UNICODE_DIGIT.test(String.fromCharCode(zero - 1))) zero--;
  return (code - zero) % 10;
}

// Java's FloatingDecimal grammar (after String.trim()), NaN/Infinity excepted: they hold no '.'.
const JAVA_DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?$/;
const JAVA_HEX = /^([+-]?)0[xX](?:([0-9a-fA-F]*)\.([0-9a-fA-F]+)|([0-9a-fA-F]+)\.?)[pP]([+-]?\d+)[fFdD]?$/;
// eslint-disable-next-line no-control-regex -- String.trim() strips every char <= U+0020
const JAVA_TRIM = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;

/**
 * Java `Double.parseDouble`: trims chars <= U+0020, accepts `.5`, `1.`, exponents, a `f`/`d`
 * suffix (ignored) and hexadecimal floats (`0x1.8p1`). Returns undefined where Java throws.
 */
export function parseJavaDouble(text: string): number | undefined {
  const s = text.replace(JAVA_TRIM, '');
  if (JAVA_DECIMAL.test(s)) return Number(s.replace(/[fFdD]$/, ''));
  const hex = JAVA_HEX.exec(s);
  if (!hex) return undefined;
  const [, sign, intPart, fracPart, wholeOnly, exponent] = hex;
  const digits = wholeOnly ?? `${intPart ?? ''}${fracPart ?? ''}`;
  const mantissa = BigInt('0x' + (digits === '' ? '0' : digits));
  const negative = sign === '-';
  if (mantissa === 0n) return negative ? -0 : 0;
  const binaryExponent = Number(exponent) - 4 * (wholeOnly === undefined ? (fracPart ?? '').length : 0);
  // Number(bigint) rounds to nearest-even; scaling by powers of two is exact while normal.
  let value = Number(mantissa);
  let e = binaryExponent;
  while (e > 0 && Number.isFinite(value)) {
    const step = Math.min(e, 1000);
    value *= 2 ** step;
    e -= step;
  }
  while (e < 0 && value !== 0) {
    const step = Math.max(e, -1000);
    value *= 2 ** step;
    e -= step;
  }
  return negative ? -value : value;
}

/**
 * Java `Double.toString` (JDK 19+ shortest-digits algorithm): `[1e-3, 1e7)` in plain notation with
 * at least one fraction digit (`1500.0`, `0.001`), otherwise `d.dddE±n` (`1.0E7`, `1.0E-4`).
 */
export function formatJavaDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  let [digitsPart, expPart] = abs.toExponential().split('e') as [string, string];
  if (digitsPart.length === 1) {
    // Java: when one digit suffices, the closest two-digit decimal that still rounds to the value wins.
    const two = abs.toExponential(1);
    if (Number(two) === abs) [digitsPart, expPart] = two.split('e') as [string, string];
  }
  let digits = digitsPart.replace('.', '');
  const exponent = Number(expPart);
  digits = digits.replace(/0+$/, '') || '0';
  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent >= 0) {
      const intDigits = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      const fraction = digits.slice(exponent + 1) || '0';
      return `${sign}${intDigits}.${fraction}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

// ---------------------------------------------------------------------------------------------
// toString and helpers
// ---------------------------------------------------------------------------------------------

/** The plain JS value of an assertion (a Long beyond 2^53 loses precision, as `doubleValue()`). */
export function filterValueToJson(value: FilterValue): string | number | boolean {
  return typeof value === 'object' ? value.value : value;
}

/** The assertion as Java's `String.valueOf` prints it inside a filter (strings are not quoted here). */
function filterValueText(value: FilterValue): string {
  if (typeof value === 'string') return `"${value}"`; // deliberately NOT re-escaped (IDM)
  if (typeof value === 'boolean') return String(value);
  return value.kind === 'integer' ? value.text : formatJavaDouble(value.value);
}

/**
 * IDM's normalized form (QueryFilter TO_STRING visitor): `/ptr op value`, `/ptr pr`, `true`,
 * `(a and b)`, `! (x)`; strings in double quotes without re-escaping, numbers as Java prints them.
 */
export function queryFilterToString(filter: QueryFilter): string {
  switch (filter.type) {
    case 'and':
    case 'or':
      return `(${filter.subfilters.map(queryFilterToString).join(` ${filter.type} `)})`;
    case 'not':
      return `! (${queryFilterToString(filter.subfilter)})`;
    case 'literal':
      return String(filter.value);
    case 'pr':
      return `${filter.field.toString()} pr`;
    case 'comparison':
      return `${filter.field.toString()} ${filter.operator} ${filterValueText(filter.value)}`;
  }
}

/** One method per node kind; see {@link visitQueryFilter}. */
export interface QueryFilterVisitor<R> {
  and(subfilters: QueryFilter[]): R;
  or(subfilters: QueryFilter[]): R;
  not(subfilter: QueryFilter): R;
  literal(value: boolean): R;
  present(field: JsonPointer): R;
  comparison(operator: string, field: JsonPointer, value: FilterValue): R;
}

/** Dispatches on the node kind (the visitor recurses itself where it wants to). */
export function visitQueryFilter<R>(filter: QueryFilter, visitor: QueryFilterVisitor<R>): R {
  switch (filter.type) {
    case 'and':
      return visitor.and(filter.subfilters);
    case 'or':
      return visitor.or(filter.subfilters);
    case 'not':
      return visitor.not(filter.subfilter);
    case 'literal':
      return visitor.literal(filter.value);
    case 'pr':
      return visitor.present(filter.field);
    case 'comparison':
      return visitor.comparison(filter.operator, filter.field, filter.value);
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

export interface EvaluateQueryFilterOptions {
  /**
   * Compare strings ignoring case, as IDM's JsonValueFilterVisitor always does
   * (`compareToIgnoreCase`; `co`/`sw` on lower-cased strings). Default false: exact, as ICF's
   * filtered-results handler unless `enableCaseInsensitiveFilter`.
   */
  readonly caseInsensitive?: boolean;
}

/**
 * Evaluates a filter against a JSON document (IDM JsonValueFilterVisitor semantics):
 * - the field is resolved like `JsonValue.get(JsonPointer)`: object members, array indexes
 *   (`Integer.parseInt`, non-negative); anything else is absent;
 * - an array value matches when any element matches; elements and values must be of the same
 *   JSON type (string/number/boolean) to compare at all;
 * - numbers compare numerically, strings by UTF-16 code units, booleans false < true;
 * - `co`/`sw`/`ew` test substrings on strings and equality on numbers/booleans; `ca` is
 *   equality on any element; `pr` is present and not null; other extended operators are false.
 */
export function evaluateQueryFilter(filter: QueryFilter, doc: JsonValue, options: EvaluateQueryFilterOptions = {}): boolean {
  const ci = options.caseInsensitive === true;
  switch (filter.type) {
    case 'and':
      return filter.subfilters.every((f) => evaluateQueryFilter(f, doc, options));
    case 'or':
      return filter.subfilters.some((f) => evaluateQueryFilter(f, doc, options));
    case 'not':
      return !evaluateQueryFilter(filter.subfilter, doc, options);
    case 'literal':
      return filter.value;
    case 'pr': {
      const value = resolvePointer(doc, filter.field);
      return value !== undefined && value !== null;
    }
    case 'comparison': {
      const assertion = filterValueToJson(filter.value);
      const test = comparisonTest(filter.operator, assertion, ci);
      if (!test) return false;
      const value = resolvePointer(doc, filter.field);
      if (value === undefined) return false;
      const values = Array.isArray(value) ? value : [value];
      return values.some((v) => isComparable(v) && typeof v === typeof assertion && test(v));
    }
  }
}

type Scalar = string | number | boolean;

function isComparable(value: JsonValue): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The per-element test for an operator, or undefined for an unsupported extended operator. */
function comparisonTest(operator: string, assertion: Scalar, ci: boolean): ((v: Scalar) => boolean) | undefined {
  const cmp = (v: Scalar): number => compareValues(v, assertion, ci);
  const substring = (match: (value: string, part: string) => boolean) => (v: Scalar): boolean => {
    if (typeof v !== 'string' || typeof assertion !== 'string') return cmp(v) === 0;
    return ci ? match(v.toLowerCase(), assertion.toLowerCase()) : match(v, assertion);
  };
  switch (operator) {
    case 'eq':
    case 'ca':
      return (v) => cmp(v) === 0;
    case 'gt':
      return (v) => cmp(v) > 0;
    case 'ge':
      return (v) => cmp(v) >= 0;
    case 'lt':
      return (v) => cmp(v) < 0;
    case 'le':
      return (v) => cmp(v) <= 0;
    case 'co':
      return substring((value, part) => value.includes(part));
    case 'sw':
      return substring((value, part) => value.startsWith(part));
    case 'ew':
      return substring((value, part) => value.endsWith(part));
    default:
      return undefined;
  }
}

/** Compares two values of the same JSON type (the caller checks the types). */
function compareValues(a: Scalar, b: Scalar, ci: boolean): number {
  if (typeof a === 'string' && typeof b === 'string') {
    return ci ? compareIgnoreCase(a, b) : a === b ? 0 : a < b ? -1 : 1;
  }
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  return Number(a) - Number(b); // booleans: false < true
}

/** Java `String.compareToIgnoreCase`: per UTF-16 unit, upper-cased then lower-cased. */
function compareIgnoreCase(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let ca = a[i]!;
    let cb = b[i]!;
    if (ca === cb) continue;
    ca = lowerChar(upperChar(ca));
    cb = lowerChar(upperChar(cb));
    if (ca !== cb) return ca.charCodeAt(0) - cb.charCodeAt(0);
  }
  return a.length - b.length;
}

/** forgerock JsonValue.get(JsonPointer): undefined when a member or index does not exist. */
function resolvePointer(doc: JsonValue, pointer: JsonPointer): JsonValue | undefined {
  let current: JsonValue = doc;
  for (const token of pointer.tokens) {
    if (Array.isArray(current)) {
      const index = parseJavaLong(token, -(2n ** 31n), 2n ** 31n - 1n);
      if (index === undefined || index < 0n || index >= BigInt(current.length)) return undefined;
      current = current[Number(index)]!;
    } else if (current !== null && typeof current === 'object') {
      if (!Object.hasOwn(current, token)) return undefined;
      current = current[token]!;
    } else {
      return undefined;
    }
  }
  return current;
}
