import type { Response } from 'express';
import type { JsonObject } from '../../util/json.js';

/** The SCIM media type (RFC 7644 §8.1). */
export const SCIM_MEDIA_TYPE = 'application/scim+json';

/** Media types accepted for request bodies and offered for responses. */
export const SCIM_JSON_TYPES: readonly string[] = [SCIM_MEDIA_TYPE, 'application/json'];

/** Sends a SCIM body as `application/scim+json`, or `application/json` when that is all the client accepts. */
export function sendScim(res: Response, status: number, body: JsonObject): void {
  const accepted = res.req.accepts([...SCIM_JSON_TYPES]);
  const type = accepted === 'application/json' ? 'application/json' : SCIM_MEDIA_TYPE;
  res.status(status).type(type).send(JSON.stringify(body));
}
