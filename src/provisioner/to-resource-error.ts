import { ResourceError } from '../crest/resource-error.js';
import {
  AlreadyExistsError, ConfigurationError, ConnectionBrokenError, ConnectionFailedError, ConnectorError,
  ConnectorIOError, ConnectorSecurityError, InvalidArgumentError, InvalidAttributeValueError, InvalidCredentialError, InvalidPasswordError,
  OperationTimeoutError, PartialWriteError, PasswordExpiredError, PermissionDeniedError, PreconditionFailedError,
  PreconditionRequiredError, RetryableError, UnknownUidError, UnsupportedOperationError,
} from './connector-errors.js';

/** Where an error happened, for IDM's messages. */
export interface ErrorContext {
  /** CREST request type in upper case: CREATE, READ, UPDATE, PATCH, DELETE, QUERY, ACTION. */
  readonly requestType: string;
  /** Object id (the __NAME__ value on create; null for query/authenticate/actions). */
  readonly id: string | null;
  /** `system/<name>/<type>`. */
  readonly container: string;
}

type Rule = readonly [new (...args: never[]) => ConnectorError, (c: ErrorContext, e: ConnectorError) => ResourceError];

/** IDM's ExceptionHelper table (research §6): first matching class wins, subclasses before parents. */
const RULES: readonly Rule[] = [
  [AlreadyExistsError, (c) => new ResourceError(412, `System object ${c.id} already exists`)],
  [ConfigurationError, (c) => new ResourceError(500, `Operation ${c.requestType} failed with ConfigurationException on system object: ${c.id}`)],
  [ConnectionBrokenError, (c) => new ResourceError(503, `Operation ${c.requestType} failed with ConnectionBrokenException on system object: ${c.id}`)],
  [ConnectionFailedError, (c) => new ResourceError(503, `Connection failed during operation ${c.requestType} on system object: ${c.id}`)],
  [OperationTimeoutError, (c) => new ResourceError(503, `Operation ${c.requestType} Timeout on system object: ${c.id}`)],
  [ConnectorIOError, (c) => new ResourceError(503, `Operation ${c.requestType} failed with ConnectorIOException on system object: ${c.id}`)],
  [PasswordExpiredError, (c) => new ResourceError(403, `Operation ${c.requestType} failed with PasswordExpiredException on system object: ${c.id}`)],
  [InvalidPasswordError, (c) => new ResourceError(401, `Invalid password has been provided to operation ${c.requestType} for system object: ${c.id}`)],
  [UnknownUidError, (c) => new ResourceError(404, `Operation ${c.requestType} could not find resource ${c.id} on system object: ${c.container}`, {})],
  [InvalidCredentialError, (c) => new ResourceError(401, `Invalid credential has been provided to operation ${c.requestType} for system object: ${c.id}`)],
  [PermissionDeniedError, (c) => new ResourceError(403, `Permission was denied on ${c.requestType} operation for system object: ${c.id}`)],
  [ConnectorSecurityError, (c) => new ResourceError(500, `Operation ${c.requestType} failed with ConnectorSecurityException on system object: ${c.id}`)],
  [InvalidAttributeValueError, (c, e) => new ResourceError(400, `Attribute value conflicts with the attribute's schema definition on operation ${c.requestType} for system object: ${c.id}`, { reason: e.message })],
  [InvalidArgumentError, (_c, e) => new ResourceError(400, e.message)],
  [PreconditionFailedError, (c) => new ResourceError(412, `The resource version for ${c.id} does not match the version provided on operation ${c.requestType} for system object: ${c.container}`)],
  [PreconditionRequiredError, (c) => new ResourceError(428, `No resource version for resource ${c.id} has been provided on operation ${c.requestType} for system object: ${c.container}`)],
  [RetryableError, (c, e) => {
    const after = (e as RetryableError).retryAfterMs;
    const headers: Record<string, string> = after === undefined ? {} : { 'Retry-After': String(Math.max(1, Math.ceil(after / 1000))) };
    return new ResourceError(503, `Request temporarily unavailable on operation ${c.requestType} for system object: ${c.id}`, undefined, headers);
  }],
  [UnsupportedOperationError, (c, e) => new ResourceError(501, e.message || `Operation ${c.requestType} is not supported by the connector`)],
];

/**
 * THE mapping from connector errors to CREST errors. ResourceErrors pass through; anything that
 * is not a ConnectorError is a bug and becomes a 500 whose message names no internals.
 */
export function toResourceError(error: unknown, context: ErrorContext): ResourceError {
  if (error instanceof ResourceError) return error;
  if (error instanceof PartialWriteError) return partlyApplied(error, context);
  if (error instanceof ConnectorError) {
    for (const [type, build] of RULES) {
      if (error instanceof type) return build(context, error);
    }
    return new ResourceError(500, `Operation ${context.requestType} failed with ConnectorException on system object: ${context.id}`);
  }
  return new ResourceError(500, `Operation ${context.requestType} failed on system object: ${context.id}`);
}

/**
 * The failed step's error, saying that the write stayed partly applied and what: the message
 * names it, `detail.applied` lists it, `detail.undoError` says why it could not be taken back.
 */
function partlyApplied(error: PartialWriteError, context: ErrorContext): ResourceError {
  const base = toResourceError(error.failure, context);
  const detail = base.detail !== null && typeof base.detail === 'object' && !Array.isArray(base.detail) ? base.detail : {};
  const undoError = error.undoFailure instanceof Error ? error.undoFailure.message : String(error.undoFailure);
  return new ResourceError(
    base.code,
    `${base.message}; the ${context.requestType} was partly applied and could not be undone: ${error.applied.join('; ')}`,
    { ...detail, applied: [...error.applied], undoError },
    { ...base.headers },
  );
}
