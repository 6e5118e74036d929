import { maskCredentials } from '../config/config-secrets.js';
import { readProvisionerFiles, type FileProblem, type ProvisionerFile } from '../config/provisioner-files.js';
import type { ProvisionerConfig } from '../config/provisioner-config.js';
import { provisionerProblems } from '../config/provisioner-schema.js';
import type { SecretKeyStore } from '../config/secret-key-store.js';
import type { PropertyResolver } from '../config/substitute.js';
import { BackendObservers } from '../observability/backend-observers.js';
import { MemorySharedState } from '../shared-state/memory-shared-state.js';
import type { SharedState } from '../shared-state/shared-state.js';
import type { JsonObject } from '../util/json.js';
import type { ConnectorCatalogue } from './connector-types.js';
import { ProvisionedSystem } from './provisioned-system.js';

/** Problems found when (re)loading configurations, for logs and the health endpoint. */
export type ConfigProblem = FileProblem;

/**
 * System name → provisioned system, built from the provisioner configurations. A broken file
 * is reported and skipped; the other systems keep serving.
 */
export class SystemRegistry {
  private readonly byName = new Map<string, ProvisionedSystem>();
  private readonly byAlias = new Map<string, ProvisionedSystem>();
  private problemList: ConfigProblem[] = [];
  private readonly listeners = new Set<() => void>();
  /** Every connector built here reports its backend traffic through these (see `BackendObservers.add`). */
  readonly observers = new BackendObservers();

  constructor(
    readonly catalogue: ConnectorCatalogue,
    /** `&{…}` lookup, also used for `/system` action bodies. */
    readonly resolver: PropertyResolver,
    /** Decrypts confidential configurationProperties when a connector is built. */
    readonly secrets?: SecretKeyStore,
    /** Rate-limit windows and OAuth tokens: this process by default, Redis for replicas (IDM_REDIS_URL). */
    readonly sharedState: SharedState = new MemorySharedState(),
  ) {}

  /**
   * Loads every provisioner file of `confDir`, replacing what was there. `prepare` may turn a
   * file's document into the one installed (the config service encrypts secrets there); when it
   * throws, the file is skipped with the error's message as its problem.
   */
  async loadDirectory(confDir: string, prepare?: (file: ProvisionerFile) => JsonObject): Promise<ConfigProblem[]> {
    const { files, problems } = readProvisionerFiles(confDir);
    const all: ConfigProblem[] = [...problems];
    for (const system of this.byAlias.values()) await system.dispose();
    this.byName.clear();
    this.byAlias.clear();
    for (const f of files) {
      let document: JsonObject;
      try {
        document = prepare ? prepare(f) : f.document;
      } catch (error) {
        all.push({ file: f.file, problems: [(error as Error).message] });
        continue;
      }
      const result = this.put(f.alias, document);
      if (result.length > 0) all.push({ file: f.file, problems: result });
    }
    this.problemList = all;
    this.changed();
    return all;
  }

  /** Validates and installs one configuration under its alias; returns problems (nothing installed then). */
  put(alias: string, document: JsonObject): string[] {
    const problems = provisionerProblems(document);
    if (problems.length > 0) return problems;
    const config = document as unknown as ProvisionerConfig;
    const clash = this.byName.get(config.name);
    if (clash && clash.alias !== alias) {
      return [`/name: the system name "${config.name}" is already used by config/provisioner.openicf/${clash.alias}`];
    }
    const system = ProvisionedSystem.build(alias, config, this.catalogue, this.resolver, this.secrets, this.observers.forSystem(config.name), this.sharedState);
    const previous = this.byAlias.get(alias);
    if (previous) {
      this.byName.delete(previous.name);
      void previous.dispose();
    }
    this.byAlias.set(alias, system);
    this.byName.set(system.name, system);
    this.changed();
    return [];
  }

  /** Removes a configuration; returns whether it existed. */
  async remove(alias: string): Promise<boolean> {
    const system = this.byAlias.get(alias);
    if (!system) return false;
    this.byAlias.delete(alias);
    this.byName.delete(system.name);
    this.changed();
    await system.dispose();
    return true;
  }

  /**
   * Calls `listener` after every change of the installed systems (put, remove, reload), so
   * derived views (the OpenAPI document) follow without a restart. Returns the unsubscribe.
   */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** The enabled system routed at `/system/<name>` (a disabled one has no route, as in IDM). */
  route(name: string): ProvisionedSystem | undefined {
    const system = this.byName.get(name);
    return system?.enabled ? system : undefined;
  }

  byConfigAlias(alias: string): ProvisionedSystem | undefined {
    return this.byAlias.get(alias);
  }

  list(): ProvisionedSystem[] {
    return [...this.byAlias.values()];
  }

  /** Masks the secret values of every installed system in a text (for log lines about errors). */
  redact(text: string): string {
    let out = text;
    for (const system of this.byAlias.values()) out = system.redact(out);
    return maskCredentials(out);
  }

  get problems(): readonly ConfigProblem[] {
    return this.problemList;
  }

  async dispose(): Promise<void> {
    for (const system of this.byAlias.values()) await system.dispose();
  }
}
