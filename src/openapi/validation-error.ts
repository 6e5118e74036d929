import { ResourceError } from '../crest/resource-error.js';
import type { JsonObject } from '../util/json.js';

/** One item of express-openapi-validator's `errors` (`path` is `/body/<attr>…`, `/query/<name>`…). */
export interface ValidationItem {
  readonly path: string;
  readonly message: string;
  readonly errorCode?: string;
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * The validator's findings → the CREST error IDM gives for the same body (research §4.3/§4.4),
 * in the provisioner's order: an unknown attribute first, then a missing or null required one,
 * then the first value that does not fit ("Failed build <attr> attribute." with the reason).
 */
export function validationError(items: readonly ValidationItem[], body: JsonObject): ResourceError {
  const bodyItems = items.filter((i) => i.path.startsWith('/body/') || i.path === '/body');
  const attribute = (item: ValidationItem): string => unescapeToken(item.path.split('/')[2] ?? '');
  const keyword = (item: ValidationItem): string => (item.errorCode ?? '').split('.')[0] ?? '';

  const unknown = bodyItems.find((i) => keyword(i) === 'additionalProperties');
  if (unknown) return ResourceError.badRequest(`Target does not support attribute ${attribute(unknown)}`);
  // A required attribute may not be null on create, so the schema gives it no null: a type error on a null value.
  const required = bodyItems.find((i) => keyword(i) === 'required'
    || (keyword(i) === 'type' && i.path.split('/').length === 3 && body[attribute(i)] === null));
  if (required) return ResourceError.badRequest(`Required attribute '${attribute(required)}' value is null`);
  const first = bodyItems[0];
  if (first) {
    return ResourceError.badRequest(`Failed build ${attribute(first)} attribute.`, { reason: `${first.path.slice('/body'.length)} ${first.message}` });
  }
  const other = items[0];
  if (!other) return ResourceError.badRequest('The request content is invalid');
  const [, location, name] = other.path.split('/');
  return ResourceError.badRequest(`The ${location ?? 'request'} parameter '${name ?? ''}' ${other.message}`);
}
