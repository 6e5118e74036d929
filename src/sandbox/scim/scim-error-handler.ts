import type { ErrorRequestHandler } from 'express';
import { ScimError, sendScimError } from './scim-error.js';

interface HttpError {
  status: number;
  type?: string;
  message: string;
}

function isHttpError(error: unknown): error is HttpError {
  return error instanceof Error && typeof (error as Partial<HttpError>).status === 'number';
}

/** The last handler of the API: ScimError, body-parser failures and the unexpected as SCIM error bodies. */
export const scimErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (error instanceof ScimError) {
    sendScimError(res, error);
  } else if (isHttpError(error) && error.type === 'entity.parse.failed') {
    sendScimError(res, ScimError.badRequest('invalidSyntax', `The request body is not valid JSON: ${error.message}`));
  } else if (isHttpError(error) && error.type === 'entity.too.large') {
    sendScimError(res, new ScimError(413, 'The request body is too large'));
  } else if (isHttpError(error) && error.status >= 400 && error.status < 500) {
    sendScimError(res, ScimError.badRequest('invalidSyntax', error.message));
  } else {
    sendScimError(res, new ScimError(500, error instanceof Error ? `Internal error: ${error.message}` : 'Internal error'));
  }
};
