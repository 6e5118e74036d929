/** `Basic <base64 of user:password>` (only padded base64 that decodes to a pair, so "Basic authentication" stays). */
const BASIC_CREDENTIALS = /\b(Basic)(\s+)([A-Za-z0-9+/]{4,}={0,2})(?![A-Za-z0-9+/=])/gi;
/** `Bearer <token>` (see {@link looksLikeToken}). */
const BEARER_TOKEN = /\b(Bearer)(\s+)([A-Za-z0-9\-._~+/]{8,}=*)/gi;
/** User-info of a URL: `scheme://user:password@host`. */
const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]*@/gi;
/** OAuth and form fields holding secrets, as `name=value` (form, query) or `"name":"value"` (JSON). */
const SECRET_FIELD = /\b(access_token|refresh_token|id_token|client_secret|assertion|password)(=|\\?"\s*:\s*\\?")([^&\s"\\]+)/gi;

/** A digit or inner punctuation, or 20+ characters: "Bearer authentication." is prose, not a token. */
function looksLikeToken(value: string): boolean {
  return /[0-9]/.test(value) || /[-._~+/=][A-Za-z0-9]/.test(value) || value.length >= 20;
}

/**
 * Masks credentials a text carries whatever the configuration knows: a backend or token endpoint
 * that echoes the request (its Authorization or Proxy-Authorization header, a URL with user-info,
 * the token form) puts access tokens, rotated refresh tokens and Basic pairs into the error
 * messages the gateway reports.
 */
export function maskCredentials(text: string): string {
  return text
    .replace(BASIC_CREDENTIALS, (match, scheme: string, space: string, value: string) =>
      (value.length % 4 === 0 && Buffer.from(value, 'base64').toString('latin1').includes(':') ? `${scheme}${space}***` : match))
    .replace(BEARER_TOKEN, (match, scheme: string, space: string, value: string) => (looksLikeToken(value) ? `${scheme}${space}***` : match))
    .replace(URL_USER_INFO, '$1***@')
    .replace(SECRET_FIELD, '$1$2***');
}

/** What marks a cut in a backend's words (see {@link boundedText}). */
export const CUT_MARK = '...';

/**
 * A backend's words fit for a message: credentials masked first (a cut must not leave part of
 * one unrecognisable), then cut to `max` characters, a cut marked with {@link CUT_MARK}.
 */
export function boundedText(text: string, max: number): string {
  const masked = maskCredentials(text);
  return masked.length > max ? `${masked.slice(0, max - CUT_MARK.length)}${CUT_MARK}` : masked;
}
