import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import supertest from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { UserStore } from '../../src/auth/user-store.js';
import { ConfigService } from '../../src/config/config-service.js';
import { ConfigWatcher } from '../../src/config/config-watcher.js';
import { SecretKeyStore } from '../../src/config/secret-key-store.js';
import { propertyResolver } from '../../src/config/substitute.js';
import { sandboxCredentialProperties } from '../../src/sandbox/sandbox-properties.js';
import { builtInConnectorTypes, ConnectorCatalogue } from '../../src/provisioner/connector-types.js';
import type { ConnectorType } from '../../src/provisioner/spi.js';
import { SystemRegistry } from '../../src/provisioner/system-registry.js';
import type { Sandbox } from '../../src/sandbox/sandbox.js';
import type { JsonObject } from '../../src/util/json.js';

export const REPO = resolve(import.meta.dirname, '../..');

/** IDM's default admin, as every seed curl example sends it. */
export const ADMIN = { 'X-OpenIDM-Username': 'openidm-admin', 'X-OpenIDM-Password': 'openidm-admin' } as const;

const users = UserStore.load(join(REPO, 'conf'));

export interface Gateway {
  readonly app: Express;
  readonly http: supertest.Agent;
  readonly instanceDir: string;
  readonly registry: SystemRegistry;
  /** `<instanceDir>/conf`. */
  readonly confDir: string;
  /** The key store under `<instanceDir>/data/security`. */
  readonly keys: SecretKeyStore;
  readonly configService: ConfigService;
  /** Running when started with `watch: true`. */
  readonly watcher: ConfigWatcher | undefined;
  /** Extra `&{…}` properties (e.g. sandbox.url) may be set before `reload()`. */
  readonly properties: Record<string, string>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** Shipped conf files to copy (names like "provisioner.openicf-csv.json"); default: the CSV one. */
  readonly confFiles?: readonly string[];
  /** Extra provisioner documents by alias. */
  readonly extraConfigs?: Readonly<Record<string, JsonObject>>;
  readonly sandboxes?: readonly Sandbox[];
  readonly properties?: Readonly<Record<string, string>>;
  readonly bodyLimitBytes?: number;
  /** Connector types offered besides the built-in ones. */
  readonly connectorTypes?: readonly ConnectorType[];
  /** Watch conf/ for changes, as `npm start` does. */
  readonly watch?: boolean;
  /** The gateway's users (default: the shipped conf/users.json). */
  readonly users?: UserStore;
  /** Logger of the app, config service and watcher (default: silent). */
  readonly logger?: Logger;
}

/** A gateway over a fresh temp instance dir holding copies of the shipped conf and sample data. */
export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const instanceDir = mkdtempSync(join(tmpdir(), 'idm-gw-'));
  const confDir = join(instanceDir, 'conf');
  mkdirSync(confDir, { recursive: true });
  mkdirSync(join(instanceDir, 'data'), { recursive: true });
  for (const name of options.confFiles ?? ['provisioner.openicf-csv.json']) {
    cpSync(join(REPO, 'conf', name), join(confDir, name));
  }
  cpSync(join(REPO, 'sample-data', 'csvConnectorData.csv'), join(instanceDir, 'data', 'csvConnectorData.csv'));
  for (const [alias, doc] of Object.entries(options.extraConfigs ?? {})) {
    writeFileSync(join(confDir, `provisioner.openicf-${alias}.json`), JSON.stringify(doc, null, 2));
  }
  const properties: Record<string, string> = { 'idm.instance.dir': instanceDir, ...sandboxCredentialProperties(), ...(options.properties ?? {}) };
  const keys = SecretKeyStore.inDataDir(join(instanceDir, 'data'));
  const catalogue = new ConnectorCatalogue([...builtInConnectorTypes(), ...(options.connectorTypes ?? [])]);
  const registry = new SystemRegistry(catalogue, propertyResolver(properties), keys);
  const logger = options.logger ?? pino({ level: 'silent' });
  const configService = new ConfigService({ confDir, registry, logger });
  await configService.loadAll();
  const watcher = options.watch ? new ConfigWatcher(configService, { logger, debounceMs: 50 }) : undefined;
  watcher?.start();
  const app = createApp({
    registry,
    users: options.users ?? users,
    logger,
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    sandboxes: options.sandboxes ?? [],
    configService,
    dataDir: join(instanceDir, 'data'),
  });
  return {
    app,
    http: supertest.agent(app),
    instanceDir,
    registry,
    confDir,
    keys,
    configService,
    watcher,
    properties,
    reload: async () => {
      await configService.loadAll();
    },
    close: () => {
      watcher?.close();
      return registry.dispose();
    },
  };
}

/** A logger whose JSON lines are kept in memory, for tests that read what the gateway logs. */
export interface CapturedLogs {
  readonly logger: Logger;
  /** Everything written so far, as one text (what an operator's log file would hold). */
  text(): string;
  /** The lines written so far, parsed. */
  lines(): Record<string, unknown>[];
}

/** A real pino logger at `level` writing to memory (production redaction is the app's job, not this logger's). */
export function captureLogs(level: 'info' | 'debug' | 'trace' = 'debug'): CapturedLogs {
  const chunks: string[] = [];
  const logger = pino({ level }, { write: (chunk: string) => void chunks.push(chunk) });
  const text = (): string => chunks.join('');
  return {
    logger,
    text,
    lines: () => text().split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/**
 * The value of one sample of a Prometheus exposition text, matched by name and exact label set
 * (label order does not matter); undefined when absent.
 */
export function metricSample(exposition: string, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  const wanted = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)]
      .map((m) => [m[1]!, m[2]!] as const).sort(([a], [b]) => a.localeCompare(b));
    if (found.length === wanted.length && found.every(([k, v], i) => wanted[i]![0] === k && wanted[i]![1] === v)) return Number(match[3]);
  }
  return undefined;
}
