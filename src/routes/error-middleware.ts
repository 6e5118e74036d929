import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { maskCredentials } from '../config/config-secrets.js';
import { ResourceError } from '../crest/resource-error.js';
import { sendError } from '../crest/responses.js';
import { serializeError } from '../observability/log-redaction.js';
import { requestContextOf } from '../observability/request-context.js';

interface HttpError {
  status?: number;
  type?: string;
  limit?: number;
  message?: string;
}

/** Errors thrown by body-parser and friends → CREST errors naming the problem. */
function fromHttpError(error: HttpError): ResourceError | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return ResourceError.payloadTooLarge(`The request body exceeds the limit of ${error.limit ?? 'the configured'} bytes`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return ResourceError.unsupportedMediaType('The request body uses an unsupported character set or content encoding');
    case 'request.aborted':
      return ResourceError.badRequest('The request was aborted before its body was received');
    case 'request.size.invalid':
      return ResourceError.badRequest('The request body size did not match its Content-Length');
    default:
      // Express and http-errors give client mistakes (e.g. a path it cannot percent-decode) a 4xx status.
      if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
        return new ResourceError(error.status, error.message ?? 'Bad Request');
      }
      return undefined;
  }
}

/**
 * THE place errors become responses: CREST bodies always, never a stack trace. `redact` masks
 * configured secret values and echoed credentials in what is answered and logged (connector
 * messages may quote them).
 */
export function errorMiddleware(logger: Logger, redact: (text: string) => string = maskCredentials) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const context = requestContextOf(res);
    const mask = (text: string): string => redact(context?.redact ? context.redact(text) : text);
    let resource: ResourceError;
    if (error instanceof ResourceError) {
      resource = error;
    } else {
      const mapped = typeof error === 'object' && error !== null ? fromHttpError(error as HttpError) : undefined;
      if (mapped) {
        resource = mapped;
      } else {
        (context?.log ?? logger).error({ error: serializeError(error, mask), method: req.method, url: req.originalUrl.split('?')[0] }, 'unexpected error');
        resource = ResourceError.internal('Internal Server Error');
      }
    }
    // Neither the answer nor the request's log line (which names the error) may carry a secret.
    resource = resource.masked(mask);
    if (context) context.error = { code: resource.code, message: resource.message };
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendError(res, resource, req.query._prettyPrint === 'true');
  };
}

/** 404 for paths outside every route, in CREST's shape. */
export function notFoundMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const path = req.path.replace(/^\/+|\/+$/g, '').replace(/^openidm\//, '');
  next(ResourceError.notFound(`Resource '${path}' not found`));
}
