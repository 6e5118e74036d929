import type { JsonPrimitive } from '../../util/json.js';
import { parseAttrPath, type AttrPath } from './attribute-path.js';
import { COMPARE_OPS, FilterError, type CompareOp, type FilterNode } from './filter-ast.js';
import { tokenizeFilter, type FilterToken } from './filter-lexer.js';

/** A PATCH path (RFC 7644 §3.5.2): `attr`, `attr.sub`, `attr[filter]` or `attr[filter].sub`. */
export interface PatchPath {
  readonly path: AttrPath;
  readonly filter?: FilterNode;
}

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2): comparisons, `pr`, `and` / `or` / `not(…)` with the
 * precedence not > and > or, parentheses, value filters `emails[type eq "work"]` (optionally
 * followed by `.sub op value`), case-insensitive keywords. Leniencies: `!` is read as `not`,
 * and `not` also applies to a single unparenthesised expression.
 */
export function parseFilter(text: string): FilterNode {
  const parser = new FilterParser(tokenizeFilter(text));
  if (parser.atEnd()) throw new FilterError('The filter is empty');
  const node = parser.parseOr(false);
  parser.expectEnd();
  return node;
}

/** Parses a PATCH operation path. */
export function parsePatchPath(text: string): PatchPath {
  const parser = new FilterParser(tokenizeFilter(text));
  const result = parser.parsePatchPath();
  parser.expectEnd();
  return result;
}

class FilterParser {
  private index = 0;

  constructor(private readonly tokens: readonly FilterToken[]) {}

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token) throw new FilterError(`Unexpected '${token.text}' at position ${token.position}`);
  }

  parseOr(inValueFilter: boolean): FilterNode {
    let left = this.parseAnd(inValueFilter);
    while (this.peekKeyword('or')) {
      this.index += 1;
      left = { kind: 'or', left, right: this.parseAnd(inValueFilter) };
    }
    return left;
  }

  parsePatchPath(): PatchPath {
    const path = this.attrPath();
    if (this.peek()?.kind !== '[') return { path };
    if (path.subAttribute !== undefined) throw new FilterError(`A value filter must follow an attribute, not '${path.attribute}.${path.subAttribute}'`);
    const filter = this.valueFilter();
    const sub = this.subAttribute();
    return { path: sub === undefined ? path : { ...path, subAttribute: sub }, filter };
  }

  private parseAnd(inValueFilter: boolean): FilterNode {
    let left = this.parseUnary(inValueFilter);
    while (this.peekKeyword('and')) {
      this.index += 1;
      left = { kind: 'and', left, right: this.parseUnary(inValueFilter) };
    }
    return left;
  }

  private parseUnary(inValueFilter: boolean): FilterNode {
    const token = this.peek();
    const next = this.tokens[this.index + 1];
    const isNot = token?.kind === '!' || (this.peekKeyword('not') && next !== undefined && !(next.kind === 'word' && isOperator(next.text)));
    if (isNot) {
      this.index += 1;
      return { kind: 'not', filter: this.parseUnary(inValueFilter) };
    }
    return this.parsePrimary(inValueFilter);
  }

  private parsePrimary(inValueFilter: boolean): FilterNode {
    if (this.peek()?.kind === '(') {
      this.index += 1;
      const inner = this.parseOr(inValueFilter);
      this.expect(')');
      return inner;
    }
    const path = this.attrPath();
    if (this.peek()?.kind !== '[') return this.comparison(path);
    if (inValueFilter) throw new FilterError(`Value filters cannot be nested (at '${path.attribute}[')`);
    if (path.subAttribute !== undefined) throw new FilterError(`A value filter must follow an attribute, not '${path.attribute}.${path.subAttribute}'`);
    const filter = this.valueFilter();
    const sub = this.subAttribute();
    if (sub === undefined) {
      const token = this.peek();
      if (token?.kind === 'word' && isOperator(token.text)) {
        throw new FilterError(`'${token.text}' after a value filter needs a sub-attribute, e.g. ${path.attribute}[…].value`);
      }
      return { kind: 'valuePath', path, filter };
    }
    return { kind: 'valuePath', path, filter, then: this.comparison({ attribute: sub }) };
  }

  private valueFilter(): FilterNode {
    this.expect('[');
    const filter = this.parseOr(true);
    this.expect(']');
    return filter;
  }

  private subAttribute(): string | undefined {
    const token = this.peek();
    if (token?.kind !== 'word' || !token.text.startsWith('.')) return undefined;
    this.index += 1;
    const parsed = parseAttrPath(token.text.slice(1));
    if (!parsed || parsed.schema !== undefined || parsed.subAttribute !== undefined) {
      throw new FilterError(`Invalid sub-attribute '${token.text}' at position ${token.position}`);
    }
    return parsed.attribute;
  }

  private attrPath(): AttrPath {
    const token = this.next('an attribute path');
    const path = token.kind === 'word' ? parseAttrPath(token.text) : undefined;
    if (!path) throw new FilterError(`Expected an attribute path at position ${token.position}, found '${token.text}'`);
    return path;
  }

  private comparison(path: AttrPath): FilterNode {
    const token = this.next(`an operator after '${path.attribute}'`);
    const op = token.kind === 'word' ? token.text.toLowerCase() : '';
    if (op === 'pr') return { kind: 'present', path };
    if (!isOperator(op)) throw new FilterError(`Unknown operator '${token.text}' at position ${token.position}`);
    return { kind: 'compare', path, op: op as CompareOp, value: this.literal() };
  }

  private literal(): JsonPrimitive {
    const token = this.next('a comparison value');
    if (token.kind === 'string') return token.text;
    if (token.kind === 'word') {
      const lower = token.text.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (lower === 'null') return null;
      if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(token.text)) return Number(token.text);
    }
    throw new FilterError(`Invalid value '${token.text}' at position ${token.position}: strings must be in double quotes`);
  }

  private peek(): FilterToken | undefined {
    return this.tokens[this.index];
  }

  private peekKeyword(keyword: string): boolean {
    const token = this.peek();
    return token?.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  private next(what: string): FilterToken {
    const token = this.tokens[this.index];
    if (!token) throw new FilterError(`Unexpected end of filter: expected ${what}`);
    this.index += 1;
    return token;
  }

  private expect(kind: FilterToken['kind']): void {
    const token = this.next(`'${kind}'`);
    if (token.kind !== kind) throw new FilterError(`Expected '${kind}' at position ${token.position}, found '${token.text}'`);
  }
}

function isOperator(text: string): boolean {
  return (COMPARE_OPS as readonly string[]).includes(text.toLowerCase());
}
