import { isJsonObject, type JsonObject, type JsonValue } from '../../util/json.js';
import { parsePath, PathSyntaxError, type JsonPath } from './json-path.js';

/**
 * A position in the configuration (`objectTypes.__ACCOUNT__.operations.GET`) that reads typed
 * values below it and records each problem with the JSON path of the offending key, so every
 * mistake is reported at load time in one list.
 */
export class ConfigNode {
  constructor(
    readonly path: string,
    readonly value: JsonValue | undefined,
    readonly problems: string[],
  ) {}

  /** The child at `key` (absent and null are both "not set"). */
  child(key: string | number): ConfigNode {
    const v = this.value;
    let value: JsonValue | undefined;
    if (typeof key === 'number') value = Array.isArray(v) ? v[key] : undefined;
    else value = isJsonObject(v) && Object.hasOwn(v, key) ? v[key] : undefined;
    return new ConfigNode(typeof key === 'number' ? `${this.path}[${key}]` : `${this.path}.${key}`, value === null ? undefined : value, this.problems);
  }

  get isSet(): boolean {
    return this.value !== undefined && this.value !== null && this.value !== '';
  }

  problem(message: string): void {
    this.problems.push(`${this.path} ${message}`);
  }

  string(): string | undefined {
    if (!this.isSet) return undefined;
    if (typeof this.value !== 'string') {
      this.problem('must be a string');
      return undefined;
    }
    return this.value;
  }

  requiredString(why = ''): string {
    const s = this.string();
    if (s === undefined && !this.isSet) this.problem(`is required${why}`);
    return s ?? '';
  }

  oneOf<T extends string>(allowed: readonly T[]): T | undefined {
    const s = this.string();
    if (s === undefined) return undefined;
    const match = allowed.find((a) => a.toLowerCase() === s.toLowerCase());
    if (!match) this.problem(`must be one of ${allowed.join(', ')} (got "${s}")`);
    return match;
  }

  object(): JsonObject | undefined {
    if (!this.isSet) return undefined;
    if (!isJsonObject(this.value)) {
      this.problem('must be an object');
      return undefined;
    }
    return this.value;
  }

  /** The elements of an array; a single object is accepted as a one-element array (the seed writes both). */
  list(): ConfigNode[] {
    if (!this.isSet) return [];
    if (isJsonObject(this.value)) return Object.keys(this.value).length === 0 ? [] : [this];
    if (!Array.isArray(this.value)) {
      this.problem('must be an array');
      return [];
    }
    return this.value.map((_, i) => this.child(i));
  }

  /** A map of string values (headers, queryParams). */
  stringMap(): Record<string, string> {
    const o = this.object();
    if (!o) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(o)) {
      if (v === null) continue;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
      else this.child(k).problem('must be a string');
    }
    return out;
  }

  /** A path expression. */
  jsonPath(): JsonPath | undefined {
    const s = this.string();
    if (s === undefined) return undefined;
    try {
      return parsePath(s);
    } catch (error) {
      this.problem(`is not a valid path: ${error instanceof PathSyntaxError ? error.message : String(error)}`);
      return undefined;
    }
  }

  regExp(): RegExp | undefined {
    const s = this.string();
    if (s === undefined) return undefined;
    try {
      return new RegExp(s);
    } catch (error) {
      this.problem(`is not a valid regular expression: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** True when nothing below this node is set (the seed's all-null placeholders). */
  get isBlank(): boolean {
    return blank(this.value);
  }
}

function blank(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.every(blank);
  if (isJsonObject(value)) return Object.values(value).every(blank);
  return false;
}
