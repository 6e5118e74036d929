import { resolve } from 'node:path';

/** Process settings, read once from the environment and validated before anything starts. */
export interface Settings {
  readonly port: number;
  readonly host: string;
  /** Directory of provisioner.openicf-*.json and users.json. */
  readonly confDir: string;
  /** Directory for runtime state: CSV data, sandbox lowdb files, the secrets key. */
  readonly dataDir: string;
  /** IDM's `idm.instance.dir` substitution property (the project directory). */
  readonly instanceDir: string;
  /** Serve the local vendor sandboxes in-process under /sandbox (default on). */
  readonly sandbox: boolean;
  /** Where `&{sandbox.url}` points when the sandboxes run elsewhere (docker-compose); default: this process. */
  readonly sandboxUrl: string | undefined;
  /** Maximum request body in bytes. */
  readonly bodyLimitBytes: number;
  /** Redis shared by replicas for rate limits and OAuth tokens (IDM_REDIS_URL); undefined keeps them in memory. */
  readonly redisUrl: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class SettingsError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads settings from `env`; throws SettingsError naming every bad variable. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}="${raw}" must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'off', 'no'].includes(raw)) return false;
    problems.push(`${name}="${env[name]}" must be true or false`);
    return fallback;
  };
  const url = (name: string): string | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    if (!/^https?:\/\/[^\s/]+/.test(raw)) problems.push(`${name}="${raw}" must be an http(s) URL`);
    return raw.replace(/\/+$/, '');
  };
  const redisUrl = env.IDM_REDIS_URL === undefined || env.IDM_REDIS_URL === '' ? undefined : env.IDM_REDIS_URL;
  // Never echo the value: a Redis URL may carry a password.
  if (redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) problems.push('IDM_REDIS_URL must be a redis:// or rediss:// URL');
  const instanceDir = resolve(cwd, env.IDM_INSTANCE_DIR ?? '.');
  const logLevel = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL="${env.LOG_LEVEL}" must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const settings: Settings = {
    port: int('PORT', 8080, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    confDir: resolve(instanceDir, env.IDM_CONF_DIR ?? 'conf'),
    dataDir: resolve(instanceDir, env.IDM_DATA_DIR ?? 'data'),
    instanceDir,
    sandbox: bool('IDM_SANDBOX', true),
    sandboxUrl: url('IDM_SANDBOX_URL'),
    bodyLimitBytes: int('IDM_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 512 * 1024 * 1024),
    redisUrl,
    logLevel: (LOG_LEVELS as readonly string[]).includes(logLevel) ? (logLevel as Settings['logLevel']) : 'info',
  };
  if (problems.length > 0) throw new SettingsError(`Invalid settings:\n  - ${problems.join('\n  - ')}`);
  return settings;
}
