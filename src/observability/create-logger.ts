import { pino, type DestinationStream, type Logger } from 'pino';
import type { Settings } from '../settings.js';
import { LOG_REDACTION } from './log-redaction.js';

/** The gateway's root logger: JSON lines at `LOG_LEVEL`, credentials redacted. */
export function createLogger(level: Settings['logLevel'], destination?: DestinationStream): Logger {
  const options = { level, name: 'idm-gateway', redact: LOG_REDACTION };
  return destination ? pino(options, destination) : pino(options);
}
