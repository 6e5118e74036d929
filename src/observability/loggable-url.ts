import { REDACTED } from './log-redaction.js';

/** CREST parameters whose values are safe and useful in a log line; every other value is redacted. */
const SAFE_PARAMETERS = new Set([
  '_action', '_queryid', '_pagesize', '_pagedresultsoffset', '_fields', '_sortkeys', '_prettyprint',
  '_totalpagedresultspolicy', '_api', '_mimetype',
]);

const MAX_PATH = 512;
const MAX_PARAMETERS = 32;

/** The path and query of a URL as logged: no query value except CREST's harmless ones. */
export interface LoggableUrl {
  readonly path: string;
  /** Parameter name → value, or REDACTED (filters and unknown parameters may hold secrets). */
  readonly query?: Readonly<Record<string, string>>;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Splits a raw request URL (`req.originalUrl`) into what the request log line may show. */
export function loggableUrl(originalUrl: string): LoggableUrl {
  const q = originalUrl.indexOf('?');
  const rawPath = q < 0 ? originalUrl : originalUrl.slice(0, q);
  const path = rawPath.length > MAX_PATH ? `${rawPath.slice(0, MAX_PATH)}…` : rawPath;
  if (q < 0 || q === originalUrl.length - 1) return { path };
  const query: Record<string, string> = {};
  const pairs = originalUrl.slice(q + 1).split('&').filter((p) => p !== '').slice(0, MAX_PARAMETERS);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq)).slice(0, 64);
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    query[name] = SAFE_PARAMETERS.has(name.toLowerCase()) ? value.slice(0, 256) : REDACTED;
  }
  return { path, query };
}
