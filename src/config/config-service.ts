import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pino, type Logger } from 'pino';
import { applyPatch, type PatchOperation } from '../crest/patch.js';
import { evaluateQueryFilter, type QueryFilter } from '../crest/query-filter.js';
import { ResourceError } from '../crest/resource-error.js';
import type { ConfigProblem, SystemRegistry } from '../provisioner/system-registry.js';
import type { JsonObject } from '../util/json.js';
import { cloneJson, isJsonObject, jsonSyntaxProblem } from '../util/json.js';
import { confidentialNames, sealSecrets } from './config-secrets.js';
import { resolveConnectorProperties } from './connector-properties.js';
import { aliasOfFileName, aliasProblem, provisionerFileName, type ProvisionerFile } from './provisioner-files.js';
import { provisionerProblems } from './provisioner-schema.js';
import type { SecretKeyStore } from './secret-key-store.js';

/** The factory PID of connector configurations (`/openidm/config/provisioner.openicf/<alias>`). */
export const PROVISIONER_FACTORY_PID = 'provisioner.openicf';

/** What the config service needs. */
export interface ConfigServiceOptions {
  /** Directory of the provisioner files. */
  readonly confDir: string;
  /** The live systems; must hold the key store (`new SystemRegistry(catalogue, resolver, keys)`). */
  readonly registry: SystemRegistry;
  readonly logger?: Logger;
}

/** One entry of `GET /openidm/config` (research §7.2). */
export interface ConfigListEntry {
  readonly _id: string;
  readonly pid: string;
  readonly factoryPid: string;
}

/** `created` tells a PUT that created (201) from one that replaced (200). */
export interface ConfigWriteResult {
  readonly created: boolean;
  readonly resource: JsonObject;
}

/**
 * The `/openidm/config` store for connector configurations, and the one writer of conf/.
 * Every write validates (provisioner schema, unique name, connector `validate`), encrypts
 * secrets, writes `conf/provisioner.openicf-<alias>.json` atomically and installs the system in
 * the registry, which serves it at once. Reads return the raw stored form: `$crypto` values and
 * unevaluated `&{…}`. File changes made by others reach it through {@link syncFile}.
 */
export class ConfigService {
  /** sha-256 of each file's content as last applied or written here: the watcher skips those. */
  private readonly fileHashes = new Map<string, string>();
  private readonly keys: SecretKeyStore;
  private readonly logger: Logger;

  constructor(private readonly options: ConfigServiceOptions) {
    if (!options.registry.secrets) throw new Error('ConfigService needs a SystemRegistry built with a SecretKeyStore');
    this.keys = options.registry.secrets;
    this.logger = options.logger ?? pino({ enabled: false });
  }

  get confDir(): string {
    return this.options.confDir;
  }

  private get registry(): SystemRegistry {
    return this.options.registry;
  }

  /**
   * Loads every provisioner file at start-up, encrypting clear secrets in place (the file is
   * rewritten). As before this service existed, a file whose connector properties are invalid
   * is still installed (its system reports why); only unreadable or schema-invalid files are skipped.
   */
  async loadAll(): Promise<ConfigProblem[]> {
    this.fileHashes.clear();
    return this.registry.loadDirectory(this.confDir, (file) => this.sealOnLoad(file));
  }

  /** `GET /openidm/config`. */
  list(): { _id: string; configurations: ConfigListEntry[] } {
    return {
      _id: '',
      configurations: this.aliases().map((alias) => ({ _id: idOf(alias), pid: pidOf(alias), factoryPid: PROVISIONER_FACTORY_PID })),
    };
  }

  /** `GET /openidm/config?_queryFilter=…`: the filter sees each stored config plus its `_id`. */
  query(filter: QueryFilter): JsonObject[] {
    return this.aliases()
      .map((alias) => this.resourceOf(alias, this.stored(alias)!))
      .filter((resource) => evaluateQueryFilter(filter, resource));
  }

  /** `GET /openidm/config/provisioner.openicf/<alias>`: the raw stored form plus `_id`. */
  read(alias: string): JsonObject {
    const stored = this.stored(alias);
    if (!stored) throw ResourceError.notFound(`No configuration exists for id ${idOf(alias)}`);
    return this.resourceOf(alias, stored);
  }

  /**
   * `PUT` without If-Match: creates (201), or with `createOnly` (If-None-Match: *) refuses an
   * existing configuration with IDM's 412; otherwise replaces it (200).
   */
  create(alias: string, content: JsonObject, createOnly: boolean): ConfigWriteResult {
    this.checkAlias(alias);
    const exists = this.stored(alias) !== undefined;
    if (exists && createOnly) {
      throw ResourceError.preconditionFailed(
        `Can not create a new factory configuration with ID ${idOf(alias)}, configuration for this ID already exists.`,
      );
    }
    return { created: !exists, resource: this.write(alias, withoutMeta(content)) };
  }

  /** `PUT` with If-Match: replaces an existing configuration (the revision is ignored, as in IDM). */
  update(alias: string, content: JsonObject): JsonObject {
    if (!this.stored(alias)) {
      throw ResourceError.notFound(`No existing configuration found for ${idOf(alias)}, can not update the configuration.`);
    }
    return this.write(alias, withoutMeta(content));
  }

  /** `PATCH`: IDM's JsonValuePatch on the raw stored form, then the same checks as a PUT. */
  patch(alias: string, operations: readonly PatchOperation[]): JsonObject {
    const stored = this.stored(alias);
    if (!stored) throw ResourceError.notFound(`No existing configuration found for ${idOf(alias)}, can not patch the configuration.`);
    return this.write(alias, withoutMeta(applyPatch(stored, operations)));
  }

  /** `DELETE`: removes the file and stops the system; answers the previous stored form. */
  async delete(alias: string): Promise<JsonObject> {
    const stored = this.stored(alias);
    if (!stored) throw ResourceError.notFound(`No existing configuration found for ${idOf(alias)}, can not delete the configuration.`);
    const file = this.fileOf(alias);
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw storageError(error, `${idOf(alias)} could not be deleted`);
    }
    this.fileHashes.delete(file);
    await this.registry.remove(alias);
    this.logger.info({ file, config: idOf(alias) }, 'configuration deleted: system stopped');
    return this.resourceOf(alias, stored);
  }

  /**
   * Applies the current content of one conf/ file (the watcher calls this after a debounce).
   * Content this service wrote or already applied is skipped by hash. An invalid edit is logged
   * with the file, the JSON path and the reason, and the previous version keeps serving; a
   * missing file stops its system. Never throws.
   */
  async syncFile(name: string): Promise<void> {
    const alias = aliasOfFileName(name);
    if (alias === undefined) return;
    const file = join(this.confDir, name);
    try {
      await this.syncExisting(alias, file);
    } catch (error) {
      this.logger.error({ file, err: (error as Error).message }, 'configuration file could not be applied');
    }
  }

  /** Re-applies every file and stops systems whose file is gone (when the watcher cannot name the file). */
  async syncDirectory(): Promise<void> {
    let names: string[];
    try {
      names = readdirSync(this.confDir);
    } catch (error) {
      this.logger.error({ dir: this.confDir, err: (error as Error).message }, 'configuration directory cannot be read');
      return;
    }
    const present = new Set(names.map(aliasOfFileName).filter((a): a is string => a !== undefined));
    for (const alias of this.aliases()) {
      if (!present.has(alias)) await this.syncFile(provisionerFileName(alias));
    }
    for (const name of names.sort()) await this.syncFile(name);
  }

  private async syncExisting(alias: string, file: string): Promise<void> {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.fileHashes.delete(file);
      if (this.stored(alias)) {
        await this.registry.remove(alias);
        this.logger.info({ file, config: idOf(alias) }, 'configuration file removed: system stopped');
      }
      return;
    }
    const hash = sha256(text);
    if (this.fileHashes.get(file) === hash) return;
    // Remembered even when refused, so repeated events for the same bad content log once.
    this.fileHashes.set(file, hash);
    const refuse = (problems: readonly string[]): void => {
      this.logger.error(
        { file, problems: problems.map(splitProblem), keeps: this.stored(alias) ? 'the previous version keeps serving' : 'nothing installed' },
        'configuration change refused',
      );
    };
    const bad = aliasProblem(alias);
    if (bad) return refuse([`/: ${bad}`]);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return refuse([`/: ${jsonSyntaxProblem(error, text)}`]);
    }
    if (!isJsonObject(parsed)) return refuse(['/: the file must hold a JSON object']);
    const checked = this.check(alias, parsed);
    if (checked.problems.length > 0) return refuse(checked.problems);
    if (checked.sealed.length > 0) {
      this.writeFile(alias, checked.document);
      this.logger.info({ file, properties: checked.sealed }, 'confidential configurationProperties encrypted in place');
    }
    const problems = this.registry.put(alias, checked.document);
    if (problems.length > 0) return refuse(problems);
    this.logger.info({ file, system: checked.document.name }, 'configuration file applied');
  }

  /** Validates, seals, writes and installs; throws a 400 naming every problem (nothing written then). */
  private write(alias: string, input: JsonObject): JsonObject {
    // createFullConfig's output has no `name` and the seed PUTs it as is: the alias names the system.
    const content = input.name === undefined && /^[A-Za-z0-9]+$/.test(alias) ? { name: alias, ...input } : input;
    const { document, problems } = this.check(alias, content);
    if (problems.length > 0) {
      throw ResourceError.badRequest(`Invalid configuration for ${idOf(alias)}: ${problems.join('; ')}`, { problems: [...problems] });
    }
    const file = this.fileOf(alias);
    const previous = readIfExists(file);
    this.writeFile(alias, document);
    const installProblems = this.registry.put(alias, document);
    if (installProblems.length > 0) {
      // Cannot normally happen (check() ran the same rules); the file goes back as it was.
      if (previous === undefined) unlinkSync(file);
      else this.writeText(file, previous);
      throw ResourceError.badRequest(`Invalid configuration for ${idOf(alias)}: ${installProblems.join('; ')}`, { problems: installProblems });
    }
    this.logger.info({ file, system: document.name }, 'configuration written: system serving');
    return this.resourceOf(alias, document);
  }

  /** The rules every written configuration passes; problems are "path: reason", secrets masked. */
  private check(alias: string, input: JsonObject): { document: JsonObject; sealed: readonly string[]; problems: string[] } {
    const problems = provisionerProblems(input);
    if (problems.length > 0) return { document: input, sealed: [], problems };
    const name = input.name as string;
    const clash = this.registry.list().find((s) => s.name === name && s.alias !== alias);
    if (clash) problems.push(`/name: the system name "${name}" is already used by ${idOf(clash.alias)}`);
    const connectorName = (input.connectorRef as JsonObject).connectorName as string;
    const type = this.registry.catalogue.get(connectorName);
    if (!type) {
      const known = this.registry.catalogue.list().map((t) => t.connectorRef.connectorName).join(', ');
      problems.push(`/connectorRef/connectorName: no connector "${connectorName}" in this gateway (available: ${known})`);
      return { document: input, sealed: [], problems };
    }
    const { document, sealed } = sealSecrets(input, confidentialNames(type), this.keys);
    const resolved = resolveConnectorProperties(document.configurationProperties, type, this.registry.resolver, this.keys);
    problems.push(...resolved.problems.map((p) => `/configurationProperties: ${p}`));
    return { document, sealed, problems };
  }

  private checkAlias(alias: string): void {
    const bad = aliasProblem(alias);
    if (bad) throw ResourceError.badRequest(`Invalid configuration id ${idOf(alias)}: ${bad}`);
  }

  /** Start-up: encrypts clear secrets of a file and rewrites it; a read-only conf/ only costs a warning. */
  private sealOnLoad(file: ProvisionerFile): JsonObject {
    const ref = file.document.connectorRef;
    const connectorName = isJsonObject(ref) && typeof ref.connectorName === 'string' ? ref.connectorName : undefined;
    const type = connectorName === undefined ? undefined : this.registry.catalogue.get(connectorName);
    const { document, sealed } = sealSecrets(file.document, confidentialNames(type), this.keys);
    if (sealed.length === 0) {
      const text = readIfExists(file.file);
      if (text !== undefined) this.fileHashes.set(file.file, sha256(text));
      return document;
    }
    try {
      this.writeFile(file.alias, document);
      this.logger.info({ file: file.file, properties: sealed }, 'confidential configurationProperties encrypted in place');
    } catch (error) {
      this.logger.warn({ file: file.file, err: (error as Error).message }, 'could not rewrite the file: its secrets stay in clear on disk');
    }
    return document;
  }

  private writeFile(alias: string, document: JsonObject): void {
    try {
      this.writeText(this.fileOf(alias), `${JSON.stringify(document, null, 4)}\n`);
    } catch (error) {
      throw storageError(error, `${idOf(alias)} could not be stored`);
    }
  }

  /**
   * Temp file + fsync + rename: a reader (IDM's own file installer, our watcher, a crash) sees
   * the old or the new file, never half of one. The temp name does not match the provisioner
   * pattern, so the watcher ignores it; the hash is recorded first so the rename's event is skipped.
   */
  private writeText(file: string, text: string): void {
    const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    let mode: number | undefined;
    try {
      mode = statSync(file).mode & 0o777;
    } catch {
      mode = undefined;
    }
    const fd = openSync(tmp, 'wx', mode ?? 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      if (mode !== undefined) chmodSync(tmp, mode);
      this.fileHashes.set(file, sha256(text));
      renameSync(tmp, file);
    } catch (error) {
      this.fileHashes.delete(file);
      try {
        unlinkSync(tmp);
      } catch {
        // already gone
      }
      throw error;
    }
  }

  private stored(alias: string): JsonObject | undefined {
    const system = this.registry.byConfigAlias(alias);
    return system ? cloneJson(system.config as unknown as JsonObject) : undefined;
  }

  private resourceOf(alias: string, document: JsonObject): JsonObject {
    return { _id: idOf(alias), ...withoutMeta(document) };
  }

  private aliases(): string[] {
    return this.registry.list().map((s) => s.alias).sort();
  }

  private fileOf(alias: string): string {
    return join(this.confDir, provisionerFileName(alias));
  }
}

/** `provisioner.openicf/<alias>`. */
function idOf(alias: string): string {
  return `${PROVISIONER_FACTORY_PID}/${alias}`;
}

/**
 * A stable OSGi-style factory PID (`provisioner.openicf.<uuid>`): IDM's is random per
 * installation; deriving it from the alias keeps it the same across restarts.
 */
function pidOf(alias: string): string {
  const h = createHash('sha256').update(idOf(alias)).digest('hex');
  return `${PROVISIONER_FACTORY_PID}.${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** IDM strips `_id` and `_rev` from a stored configuration. */
function withoutMeta(content: JsonObject): JsonObject {
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(content)) if (key !== '_id' && key !== '_rev') rest[key] = value;
  return rest;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** "path: reason" → {path, reason} for structured log lines. */
function splitProblem(problem: string): { path: string; reason: string } {
  const at = problem.indexOf(': ');
  return at < 0 ? { path: '/', reason: problem } : { path: problem.slice(0, at), reason: problem.slice(at + 2) };
}

/** A file-system failure of conf/ as a 500 naming the cause an operator can fix (never the path's content). */
function storageError(error: unknown, what: string): ResourceError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'the conf directory is not writable by the gateway'
    : code === 'EROFS' ? 'the conf directory is on a read-only file system'
      : code === 'ENOSPC' || code === 'EDQUOT' ? 'no space is left for the conf directory'
        : 'the conf directory could not be written';
  return ResourceError.internal(`Configuration ${what}: ${why}${code ? ` (${code})` : ''}. Nothing was changed.`);
}
