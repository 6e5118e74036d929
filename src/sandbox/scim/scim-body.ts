import express, { type Request, type RequestHandler } from 'express';
import { isJsonObject, type JsonObject } from '../../util/json.js';
import { ScimError } from './scim-error.js';
import { SCIM_JSON_TYPES } from './scim-response.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Parses `application/scim+json` and `application/json` bodies of POST, PUT and PATCH (others are never read). */
export function scimBodyParser(): RequestHandler {
  const parse = express.json({ type: [...SCIM_JSON_TYPES], limit: '10mb' });
  return (req, res, next) => (WRITE_METHODS.has(req.method) ? parse(req, res, next) : next());
}

/** The JSON object body of a write; 400 invalidSyntax when missing, not JSON typed, or not an object. */
export function requireJsonBody(req: Request): JsonObject {
  const match = req.is([...SCIM_JSON_TYPES]);
  const empty = req.get('content-type') === undefined && (req.get('content-length') ?? '0') === '0';
  if (match === null || empty) throw ScimError.badRequest('invalidSyntax', 'A JSON request body is required');
  if (match === false) {
    throw ScimError.badRequest('invalidSyntax', `Unsupported Content-Type '${req.get('content-type') ?? ''}': use application/scim+json or application/json`);
  }
  const body: unknown = req.body;
  if (!isJsonObject(body)) throw ScimError.badRequest('invalidSyntax', 'The request body must be a JSON object');
  return body;
}
