import type { JsonObject, JsonValue } from '../../util/json.js';
import { isJsonObject } from '../../util/json.js';

/**
 * Reads typed configurationProperties and collects one message per problem, each naming the
 * property, so `validate` can report everything at once instead of failing on the first.
 */
export class PropertyReader {
  readonly problems: string[] = [];

  constructor(private readonly properties: JsonObject) {}

  /** The raw value; null and absent are both "not set". */
  raw(name: string): JsonValue | undefined {
    const value = Object.hasOwn(this.properties, name) ? this.properties[name] : undefined;
    return value === null ? undefined : value;
  }

  has(name: string): boolean {
    const value = this.raw(name);
    return value !== undefined && value !== '';
  }

  string(name: string, fallback?: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined || value === '') return fallback;
    if (typeof value !== 'string') {
      this.problems.push(`${name} must be a string`);
      return fallback;
    }
    return value;
  }

  requiredString(name: string, why = ''): string {
    const value = this.string(name);
    if (value === undefined) this.problems.push(`${name} is required${why}`);
    return value ?? '';
  }

  /** Booleans also accept "true"/"false", as IDM's admin UI writes them. */
  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    this.problems.push(`${name} must be true or false`);
    return fallback;
  }

  /** Integers also accept numeric strings, as IDM's admin UI writes them. */
  integer(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.raw(name);
    if (value === undefined || value === '') return fallback;
    const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max}`);
      return fallback;
    }
    return n;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.string(name);
    if (value === undefined) return fallback;
    const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (!match) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}`);
      return fallback;
    }
    return match;
  }

  /** An http(s) URL without trailing slash. */
  url(name: string, required: boolean): string | undefined {
    const value = required ? this.requiredString(name) : this.string(name);
    if (!value) return undefined;
    try {
      const parsed = new URL(value);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
    } catch {
      this.problems.push(`${name} must be an http:// or https:// URL`);
      return undefined;
    }
    return value.replace(/\/+$/, '');
  }

  /** A map of strings (e.g. defaultHeaders); values must be strings. */
  stringMap(name: string): Record<string, string> {
    const value = this.raw(name);
    if (value === undefined) return {};
    if (!isJsonObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
      this.problems.push(`${name} must be an object whose values are strings`);
      return {};
    }
    return { ...(value as Record<string, string>) };
  }
}
