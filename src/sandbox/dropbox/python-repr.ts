/**
 * Dropbox's API servers validate with Stone's Python runtime, so their 400 messages quote values
 * the Python way (`'None' expected to be a string, got null`). These helpers render a decoded JSON
 * value as Python's `str()`, `repr()` and Stone's `generic_type_name()` would.
 */

/** Stone's `generic_type_name`: boolean, integer, float, list, string, null, dict. */
export function pythonTypeName(value: unknown): string {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'string';
  if (value === null || value === undefined) return 'null';
  return 'dict';
}

/** Python's `repr()` of a JSON value. */
export function pythonRepr(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return pythonStr(value);
}

/** Python's `str()` of a JSON value. */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
}
