import {
  AlreadyExistsError, ConfigurationError, InvalidAttributeValueError, PermissionDeniedError, UnknownUidError, type ConnectorError,
} from '../../provisioner/connector-errors.js';
import { boundedText } from '../../util/credentials.js';
import { isJsonObject, type JsonValue } from '../../util/json.js';
import type { HttpResult } from '../shared/http-client.js';
import { readPath } from './json-path.js';
import type { ExceptionKind, ExceptionRule } from './rest-config-types.js';

/** The seed's exception types → IDM's error semantics (ALREADY_EXIST is IDM's 412, NOT_FOUND its 404). */
const ERROR_OF: Readonly<Record<ExceptionKind, new (message: string) => ConnectorError>> = {
  BAD_REQUEST: InvalidAttributeValueError,
  NOT_FOUND: UnknownUidError,
  ALREADY_EXIST: AlreadyExistsError,
  FORBIDDEN: PermissionDeniedError,
  // The backend refusing the connector's own credentials is a configuration problem, never a 401 to the caller.
  UNAUTHORIZED: ConfigurationError,
};

/**
 * The first `exceptions` rule matching an error answer: same status `code`, and when the rule
 * has a `regularExpression`, the text at `messageErrorPath` matches it. Undefined when none does
 * (the shared status table applies then). The message is the text at `messageErrorPath`.
 */
export function matchException(rules: readonly ExceptionRule[], result: HttpResult, what: string): ConnectorError | undefined {
  for (const rule of rules) {
    if (rule.status !== result.status) continue;
    const text = textOf(readPath(bodyOf(result), rule.messageErrorPath));
    if (rule.regularExpression && (text === undefined || !rule.regularExpression.test(text))) continue;
    const detail = text === undefined ? '' : `: ${boundedText(text, 300)}`;
    return new ERROR_OF[rule.kind](`${what} failed with ${rule.kind} (${result.status})${detail}`);
  }
  return undefined;
}

/** The statuses the rules handle (accepted from the HTTP layer so the rules see them). */
export function exceptionStatuses(rules: readonly ExceptionRule[]): number[] {
  return [...new Set(rules.map((r) => r.status))].filter((s) => s >= 400 && s !== 401 && s !== 429 && s < 500);
}

function bodyOf(result: HttpResult): JsonValue | undefined {
  const body = result.body;
  if (body === undefined) return undefined;
  if (typeof body === 'string') return body;
  return isJsonObject(body) || Array.isArray(body) ? (body as JsonValue) : undefined;
}

function textOf(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
