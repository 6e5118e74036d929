import { InvalidAttributeValueError } from '../../provisioner/connector-errors.js';
import type { JsonValue } from '../../util/json.js';

/**
 * The IDM Box connector's value conventions (shared/research/box.md §6): Box booleans and sizes
 * come out as the strings Java prints (`"false"`, `"1.000000456753152E15"`); inbound, both those
 * strings and native JSON values are accepted and sent to Box with Box's types.
 */

/** Java's `Double.toString` for a finite number: plain between 10^-3 and 10^7, else `d.dddE<exp>`. */
export function javaDoubleString(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes('.') || text.includes('e') ? text : `${text}.0`;
  }
  // toExponential() gives the shortest round-trip digits: "1.000000456753152e+15" → "1.000000456753152E15".
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  const digits = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${digits}E${Number(exponent)}`;
}

/** A Box boolean as the connector shows it. */
export function booleanString(value: unknown): string | null {
  return typeof value === 'boolean' ? String(value) : null;
}

/** A Box int64 as the connector shows it. */
export function sizeString(value: unknown): string | null {
  return typeof value === 'number' ? javaDoubleString(value) : null;
}

/** An inbound boolean: `true`, `"true"`, `"TRUE"`… @throws InvalidAttributeValueError otherwise. */
export function toBoxBoolean(name: string, value: JsonValue): boolean {
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (typeof single === 'boolean') return single;
  if (typeof single === 'string' && /^(true|false)$/i.test(single.trim())) return single.trim().toLowerCase() === 'true';
  throw new InvalidAttributeValueError(`${name} must be true or false (or "true"/"false"); got ${JSON.stringify(value)}`);
}

/** An inbound int64 such as `1000000456753152`, `"1.000000456753152E15"` or `"-1"`. @throws InvalidAttributeValueError otherwise. */
export function toBoxInteger(name: string, value: JsonValue): number {
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  const number = typeof single === 'number' ? single : typeof single === 'string' && single.trim() !== '' ? Number(single.trim()) : Number.NaN;
  if (!Number.isFinite(number) || !Number.isInteger(number) || !Number.isSafeInteger(number)) {
    throw new InvalidAttributeValueError(`${name} must be a whole number of bytes (e.g. 1000000456753152, "1.000000456753152E15", or -1 for unlimited); got ${JSON.stringify(value)}`);
  }
  return number;
}

/** An inbound string (a one-element array is unwrapped; null stays null). @throws InvalidAttributeValueError for other shapes. */
export function toBoxString(name: string, value: JsonValue): string | null {
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (single === null || typeof single === 'string') return single;
  if (typeof single === 'number' || typeof single === 'boolean') return String(single);
  throw new InvalidAttributeValueError(`${name} must be a string; got ${JSON.stringify(value)}`);
}
