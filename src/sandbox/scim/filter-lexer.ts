import { FilterError } from './filter-ast.js';

/** One lexical token of a SCIM filter. */
export interface FilterToken {
  readonly kind: '(' | ')' | '[' | ']' | '!' | 'string' | 'word';
  /** The source text (for a string: the decoded value). */
  readonly text: string;
  readonly position: number;
}

const SINGLE = new Set(['(', ')', '[', ']', '!']);
const WORD_END = /[\s()[\]"!]/;

/** Splits a filter into tokens; strings are JSON strings (`"a \"b\" \u00e9"`). */
export function tokenizeFilter(input: string): FilterToken[] {
  const tokens: FilterToken[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (SINGLE.has(ch)) {
      tokens.push({ kind: ch as FilterToken['kind'], text: ch, position: i });
      i += 1;
    } else if (ch === '"') {
      const end = closingQuote(input, i);
      let value: unknown;
      try {
        value = JSON.parse(input.slice(i, end + 1));
      } catch {
        throw new FilterError(`Invalid escape sequence in the string at position ${i}`);
      }
      tokens.push({ kind: 'string', text: String(value), position: i });
      i = end + 1;
    } else {
      let j = i;
      while (j < input.length && !WORD_END.test(input[j]!)) j += 1;
      tokens.push({ kind: 'word', text: input.slice(i, j), position: i });
      i = j;
    }
  }
  return tokens;
}

function closingQuote(input: string, start: number): number {
  let j = start + 1;
  while (j < input.length) {
    if (input[j] === '\\') j += 2;
    else if (input[j] === '"') return j;
    else j += 1;
  }
  throw new FilterError(`Unterminated string starting at position ${start}`);
}
