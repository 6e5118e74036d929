import { ConfigurationError } from '../../provisioner/connector-errors.js';
import type { JsonObject, JsonValue } from '../../util/json.js';

/**
 * The CSV connector's configurationProperties, typed and validated
 * (IDM's org.forgerock.openicf.csvfile.CSVFileConfiguration).
 */
export interface CsvConfiguration {
  /** Path of the CSV file (after `&{…}` substitution). */
  readonly csvFile: string;
  /** Column holding each row's identity: ICF `__UID__` and `__NAME__`. */
  readonly headerUid: string;
  /** Column holding the clear-text password (ICF `__PASSWORD__`); null when passwords are not used. */
  readonly headerPassword: string | null;
  /** Single character separating fields. */
  readonly fieldDelimiter: string;
  /** Single character enclosing fields. */
  readonly quoteCharacter: string;
  /**
   * Single character escaping a quote (or itself) inside a quoted field. Equal to
   * `quoteCharacter` for RFC 4180 files, where a quote is escaped by doubling it.
   */
  readonly escapeCharacter: string;
  /** Record terminator written to the file ("\n" or "\r\n"); both are accepted when reading. */
  readonly newlineString: string;
  /** Replaces spaces of column names to form attribute names ("first name" → "first_name"). */
  readonly spaceReplacementString: string;
  /** How many previous versions of the file to keep as `<csvFile>.<13-digit epoch ms>`; 0 keeps none. */
  readonly syncFileRetentionCount: number;
}

/** The `configurationProperties` of createCoreConfig, exactly as IDM returns them for the CSV connector. */
export const CSV_DEFAULT_CONFIGURATION_PROPERTIES: JsonObject = Object.freeze({
  headerPassword: 'password',
  spaceReplacementString: '_',
  csvFile: null,
  newlineString: '\n',
  headerUid: 'uid',
  quoteCharacter: '"',
  escapeCharacter: '\\',
  fieldDelimiter: ',',
  syncFileRetentionCount: 3,
});

/** Properties accepted besides the defaults (`encoding`: only UTF-8 is supported). */
const EXTRA_PROPERTIES = ['encoding'];
const NEWLINES = ['\n', '\r\n', '\r'];
const KNOWN_PROPERTIES = new Set([...Object.keys(CSV_DEFAULT_CONFIGURATION_PROPERTIES), ...EXTRA_PROPERTIES]);

/**
 * Checks CSV connector configurationProperties without touching the file system.
 * @returns one message per problem, each naming the property; empty when valid.
 */
export function validateCsvConfiguration(properties: JsonObject): string[] {
  return check(properties).problems;
}

/**
 * Builds the typed configuration, applying defaults for absent properties.
 * @throws ConfigurationError listing every problem when the properties are invalid.
 */
export function parseCsvConfiguration(properties: JsonObject): CsvConfiguration {
  const { problems, config } = check(properties);
  if (problems.length > 0 || !config) {
    throw new ConfigurationError(`Invalid CSV connector configuration: ${problems.join('; ')}`);
  }
  return config;
}

function check(properties: JsonObject): { problems: string[]; config?: CsvConfiguration } {
  const problems: string[] = [];
  for (const key of Object.keys(properties)) {
    if (!KNOWN_PROPERTIES.has(key)) {
      problems.push(`unknown property '${key}'; the CSV connector knows ${[...KNOWN_PROPERTIES].join(', ')}`);
    }
  }
  const value = (key: string): JsonValue | undefined => (Object.hasOwn(properties, key) ? properties[key] : undefined);

  const csvFile = value('csvFile');
  if (csvFile === undefined || csvFile === null || csvFile === '') {
    problems.push('csvFile is required: the path of the CSV file');
  } else if (typeof csvFile !== 'string') {
    problems.push(`csvFile must be a string path, got ${describe(csvFile)}`);
  }

  const headerUid = stringProperty('headerUid', value('headerUid'), 'uid', problems, { nonEmpty: true });
  const headerPasswordRaw = value('headerPassword');
  let headerPassword: string | null = 'password';
  if (headerPasswordRaw === null || headerPasswordRaw === '') headerPassword = null;
  else if (headerPasswordRaw !== undefined) {
    if (typeof headerPasswordRaw === 'string') headerPassword = headerPasswordRaw;
    else problems.push(`headerPassword must be a column name (string) or null, got ${describe(headerPasswordRaw)}`);
  }
  if (headerUid !== undefined && headerPassword !== null && headerUid === headerPassword) {
    problems.push(`headerPassword must differ from headerUid ('${headerUid}')`);
  }

  const fieldDelimiter = charProperty('fieldDelimiter', value('fieldDelimiter'), ',', problems);
  const quoteCharacter = charProperty('quoteCharacter', value('quoteCharacter'), '"', problems);
  const escapeRaw = value('escapeCharacter');
  // null means "no separate escape character": quotes are escaped by doubling them (RFC 4180).
  const escapeCharacter =
    escapeRaw === null ? quoteCharacter : charProperty('escapeCharacter', escapeRaw, '\\', problems);
  if (fieldDelimiter !== undefined && quoteCharacter !== undefined && fieldDelimiter === quoteCharacter) {
    problems.push(`fieldDelimiter and quoteCharacter must differ (both are '${fieldDelimiter}')`);
  }
  if (fieldDelimiter !== undefined && escapeCharacter !== undefined && fieldDelimiter === escapeCharacter) {
    problems.push(`fieldDelimiter and escapeCharacter must differ (both are '${fieldDelimiter}')`);
  }

  const newlineString = stringProperty('newlineString', value('newlineString'), '\n', problems, { nonEmpty: true });
  if (newlineString !== undefined && !NEWLINES.includes(newlineString)) {
    problems.push(`newlineString must be "\\n", "\\r\\n" or "\\r", got ${JSON.stringify(newlineString)}`);
  }

  const spaceReplacementString = stringProperty('spaceReplacementString', value('spaceReplacementString'), '_', problems, {
    nonEmpty: false,
  });
  if (spaceReplacementString?.includes(' ')) {
    problems.push('spaceReplacementString must not contain spaces');
  }

  const retentionRaw = value('syncFileRetentionCount');
  let syncFileRetentionCount = 3;
  if (retentionRaw !== undefined && retentionRaw !== null) {
    const n = typeof retentionRaw === 'string' && /^\d+$/.test(retentionRaw.trim()) ? Number(retentionRaw) : retentionRaw;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      problems.push(`syncFileRetentionCount must be a non-negative integer, got ${describe(retentionRaw)}`);
    } else {
      syncFileRetentionCount = n;
    }
  }

  const encoding = value('encoding');
  if (encoding !== undefined && encoding !== null && (typeof encoding !== 'string' || !/^utf-?8$/i.test(encoding))) {
    problems.push(`encoding must be "utf-8" (the only supported encoding), got ${describe(encoding)}`);
  }

  if (
    problems.length > 0 ||
    typeof csvFile !== 'string' ||
    headerUid === undefined ||
    fieldDelimiter === undefined ||
    quoteCharacter === undefined ||
    escapeCharacter === undefined ||
    newlineString === undefined ||
    spaceReplacementString === undefined
  ) {
    return { problems };
  }
  return {
    problems,
    config: {
      csvFile,
      headerUid,
      headerPassword,
      fieldDelimiter,
      quoteCharacter,
      escapeCharacter,
      newlineString,
      spaceReplacementString,
      syncFileRetentionCount,
    },
  };
}

function stringProperty(
  name: string,
  raw: JsonValue | undefined,
  fallback: string,
  problems: string[],
  options: { nonEmpty: boolean },
): string | undefined {
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw !== 'string') {
    problems.push(`${name} must be a string, got ${describe(raw)}`);
    return undefined;
  }
  if (options.nonEmpty && raw === '') {
    problems.push(`${name} must not be empty`);
    return undefined;
  }
  return raw;
}

function charProperty(name: string, raw: JsonValue | undefined, fallback: string, problems: string[]): string | undefined {
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw !== 'string' || [...raw].length !== 1) {
    problems.push(`${name} must be a single character, got ${describe(raw)}`);
    return undefined;
  }
  if (raw === '\r' || raw === '\n') {
    problems.push(`${name} must not be a line break`);
    return undefined;
  }
  return raw;
}

function describe(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
