/**
 * The ICF-style exception tree. Connectors throw meaning (an unknown uid, a duplicate,
 * a broken connection), never HTTP statuses; to-resource-error.ts maps these to CREST once.
 */
export class ConnectorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The object to create already exists (IDM answers 412). */
export class AlreadyExistsError extends ConnectorError {}

/** The connector's own configuration is wrong (bad property, rejected credentials of the connector). */
export class ConfigurationError extends ConnectorError {}

/** No object with this uid exists on the resource. */
export class UnknownUidError extends ConnectorError {}

/** An attribute value the resource refuses (wrong type, bad format, unknown member). */
export class InvalidAttributeValueError extends ConnectorError {}

/** A request argument the connector cannot use (e.g. a paging cookie it did not issue); IDM's IllegalArgumentException → 400. */
export class InvalidArgumentError extends ConnectorError {}

/** The revision given does not match the object's current revision. */
export class PreconditionFailedError extends ConnectorError {}

/** The resource requires a revision and none was given. */
export class PreconditionRequiredError extends ConnectorError {}

/** The operation is not supported by this connector for this object class or input. */
export class UnsupportedOperationError extends ConnectorError {}

/** I/O trouble talking to the resource. */
export class ConnectorIOError extends ConnectorError {}
/** The resource could not be reached at all. */
export class ConnectionFailedError extends ConnectorIOError {}
/** The connection broke in the middle of an operation. */
export class ConnectionBrokenError extends ConnectorIOError {}
/** The operation ran out of its configured time. */
export class OperationTimeoutError extends ConnectorIOError {}

/** A transient refusal (throttling, 5xx); `retryAfterMs` is the resource's hint when it gave one. */
export class RetryableError extends ConnectorError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.retryAfterMs = retryAfterMs;
  }
}

/** Security failures on the resource side. */
export class ConnectorSecurityError extends ConnectorError {}
/** The resource denied the operation to the connector's principal. */
export class PermissionDeniedError extends ConnectorSecurityError {}
/** Credentials given to authenticate were not accepted. */
export class InvalidCredentialError extends ConnectorSecurityError {}
/** The password given is wrong. */
export class InvalidPasswordError extends ConnectorSecurityError {}
/** The password is correct but expired. */
export class PasswordExpiredError extends ConnectorSecurityError {}

/**
 * A write whose step `failure` failed after earlier steps had changed the resource, and taking
 * those back failed as well: `applied` names what stayed changed, `undoFailure` why.
 */
export class PartialWriteError extends ConnectorError {
  readonly failure: unknown;
  readonly applied: readonly string[];
  readonly undoFailure: unknown;

  constructor(failure: unknown, applied: readonly string[], undoFailure: unknown) {
    super(`${messageOf(failure)}; the write was partly applied and could not be taken back (${messageOf(undoFailure)}): ${applied.join('; ')}`, { cause: failure });
    this.failure = failure;
    this.applied = applied;
    this.undoFailure = undoFailure;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
