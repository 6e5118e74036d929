import { ConnectorIOError } from '../provisioner/connector-errors.js';

/** Redis trouble is the gateway's I/O trouble (503), named without the connection URL (it may hold a password). */
export function sharedStateError(error: unknown): ConnectorIOError {
  const code = (error as { code?: unknown }).code;
  return new ConnectorIOError(`shared state (Redis) unavailable${typeof code === 'string' ? ` (${code})` : ''}`, { cause: error });
}
