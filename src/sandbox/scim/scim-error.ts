import type { Response } from 'express';
import type { FaultRenderer } from '../faults.js';
import type { JsonObject } from '../../util/json.js';
import { sendScim } from './scim-response.js';
import { SCIM_URN } from './scim-urns.js';

/** `scimType` values of RFC 7644 §3.12, plus the cursor errors of RFC 9865. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'invalidCursor'
  | 'expiredCursor';

/** A failure the sandbox answers with a SCIM error body. */
export class ScimError extends Error {
  override readonly name = 'ScimError';

  constructor(
    readonly status: number,
    detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }

  /** 400 with a `scimType`. */
  static badRequest(scimType: ScimType, detail: string): ScimError {
    return new ScimError(400, detail, scimType);
  }

  /** 404 for an unknown resource id. */
  static notFound(resourceType: string, id: string): ScimError {
    return new ScimError(404, `${resourceType} ${id} not found`);
  }
}

/** The SCIM error message body (RFC 7644 §3.12); `status` is a string there. */
export function scimErrorBody(status: number, detail: string, scimType?: ScimType): JsonObject {
  const body: JsonObject = { schemas: [SCIM_URN.error], status: String(status) };
  if (scimType) body.scimType = scimType;
  body.detail = detail;
  return body;
}

/** Answers with the error's status and SCIM body. */
export function sendScimError(res: Response, error: ScimError): void {
  sendScim(res, error.status, scimErrorBody(error.status, error.message, error.scimType));
}

/** Renders an injected fault the way a SCIM service provider answers (Retry-After is set by the fault middleware). */
export const renderScimFault: FaultRenderer = (res, status, retryAfter) => {
  const detail =
    status === 429
      ? `Too many requests${retryAfter === undefined ? '' : `; retry after ${retryAfter} seconds`}`
      : status === 503
        ? 'Service temporarily unavailable'
        : `Injected failure (HTTP ${status})`;
  sendScim(res, status, scimErrorBody(status, detail));
};
