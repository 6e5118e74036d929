import { BoxApiError, invalidParameter, missingParameter } from './box-errors.js';

/** The body Box answers for a payload that is not a JSON object. */
export function invalidEntityBody(): BoxApiError {
  return invalidParameter('entity-body', 'Invalid value. Entity body should be a correctly nested resource attribute name/value pair');
}

/**
 * Reads typed fields of a JSON request body the way Box checks them (types and limits from the spec's
 * request schemas); a wrong type or value is a 400 with `context_info.errors` naming the field.
 */
export class BoxBodyReader {
  readonly body: Record<string, unknown>;

  /** `code` is the top-level error code the endpoint documents for a bad value (e.g. `invalid_parameter`). */
  constructor(raw: unknown, private readonly code = 'bad_request') {
    if (raw === undefined) {
      this.body = {};
    } else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      this.body = raw as Record<string, unknown>;
    } else {
      throw invalidEntityBody();
    }
  }

  has(name: string): boolean {
    return Object.hasOwn(this.body, name);
  }

  invalid(name: string, detail?: string): BoxApiError {
    const value = this.body[name];
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    return invalidParameter(name, `Invalid value '${shown}'.${detail ? ` ${detail}` : ''}`, this.code);
  }

  string(name: string, options: { maxLength?: number; required?: boolean; nonEmpty?: boolean } = {}): string | undefined {
    if (!this.has(name) || this.body[name] === undefined) {
      if (options.required) throw missingParameter(name);
      return undefined;
    }
    const value = this.body[name];
    if (typeof value !== 'string') throw this.invalid(name, `'${name}' must be a string`);
    if (options.nonEmpty && value.trim() === '') {
      if (options.required) throw missingParameter(name);
      throw this.invalid(name, `'${name}' cannot be empty`);
    }
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      throw this.invalid(name, `'${name}' must be at most ${options.maxLength} characters`);
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    if (!this.has(name) || this.body[name] === undefined) return undefined;
    const value = this.body[name];
    if (typeof value !== 'boolean') throw this.invalid(name, `'${name}' must be a boolean`);
    return value;
  }

  integer(name: string): number | undefined {
    if (!this.has(name) || this.body[name] === undefined) return undefined;
    const value = this.body[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw this.invalid(name, `'${name}' must be an integer`);
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw this.invalid(name, `'${name}' must be one of: ${allowed.join(', ')}`);
    }
    return value as T;
  }

  /** An object field; `null` is returned only when `nullable`. */
  object(name: string, nullable = false): Record<string, unknown> | null | undefined {
    if (!this.has(name) || this.body[name] === undefined) return undefined;
    const value = this.body[name];
    if (value === null && nullable) return null;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw this.invalid(name, `'${name}' must be an object`);
    return value as Record<string, unknown>;
  }

  array(name: string): unknown[] | undefined {
    if (!this.has(name) || this.body[name] === undefined) return undefined;
    const value = this.body[name];
    if (!Array.isArray(value)) throw this.invalid(name, `'${name}' must be an array`);
    return value;
  }
}
