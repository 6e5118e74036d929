import type supertest from 'supertest';

/** One curl call of a seed page, as written: method, URL, `-H` headers and `--data` text. */
export interface SeedCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The URL of the curl call, with or without `http://localhost:8080`. */
  readonly url: string;
  readonly headers: readonly string[];
  /** The `--data` text, byte for byte. */
  readonly data?: string;
}

/** The `-H` headers of the seed pages' admin calls. */
export const ADMIN_HEADERS = ['X-OpenIDM-Username: openidm-admin', 'X-OpenIDM-Password: openidm-admin'] as const;

/**
 * Sends a seed call as curl would (curl adds `Accept: *\/*`) on the path of its URL, with `ids`
 * replacing literal ids of the page (URL-encoded).
 */
export function sendSeedCall(http: supertest.Agent, call: SeedCall, ids: Readonly<Record<string, string>> = {}): supertest.Test {
  let url = call.url.replace(/^http:\/\/localhost:8080/, '');
  for (const [literal, id] of Object.entries(ids)) url = url.replace(literal, encodeURIComponent(id));
  const method = call.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  let req = http[method](url).set('Accept', '*/*');
  for (const header of call.headers) {
    const at = header.indexOf(':');
    req = req.set(header.slice(0, at).trim(), header.slice(at + 1).trim());
  }
  return call.data === undefined ? req : req.send(call.data);
}
