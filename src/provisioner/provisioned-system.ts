import { maskCredentials } from '../config/config-secrets.js';
import { resolveConnectorProperties } from '../config/connector-properties.js';
import type { ProvisionerConfig } from '../config/provisioner-config.js';
import type { SecretKeyStore } from '../config/secret-key-store.js';
import type { PropertyResolver } from '../config/substitute.js';
import type { SharedState } from '../shared-state/shared-state.js';
import { ConnectorFacade } from './connector-facade.js';
import type { ConnectorCatalogue } from './connector-types.js';
import { ObjectClass } from './objects.js';
import { ObjectType } from './object-type.js';
import type { BackendObserver, ConnectorType } from './spi.js';

/** IDM's status object of `_action=test` (research §1.5), members in IDM's order. */
export interface SystemStatus {
  name: string;
  enabled: boolean;
  config: string;
  connectorRef: { bundleName?: string; bundleVersion?: string; connectorName: string };
  displayName?: string;
  objectTypes: string[];
  error?: string;
  ok: boolean;
}

/**
 * One configured system (`/system/<name>`): its object types and its connector behind the
 * facade. Built once per configuration; a change builds a new one.
 */
export class ProvisionedSystem {
  readonly objectTypes: ReadonlyMap<string, ObjectType>;
  /** Why the connector could not be built (then every object request answers 503). */
  readonly unavailableReason: string | undefined;
  readonly facade: ConnectorFacade | undefined;
  /** Masks this system's secret values in a text (connector error messages may quote them). */
  readonly redact: (text: string) => string;

  constructor(
    readonly alias: string,
    readonly config: ProvisionerConfig,
    readonly connectorType: ConnectorType | undefined,
    resolver: PropertyResolver,
    /** Decrypts `$crypto` configurationProperties; the only place secrets are opened. */
    secrets?: SecretKeyStore,
    /** Where the connector and its facade report backend traffic (bound to this system's name). */
    readonly observer?: BackendObserver,
    /** Where rate-limit windows and OAuth tokens live (shared by replicas when Redis-backed). */
    sharedState?: SharedState,
  ) {
    const types = new Map<string, ObjectType>();
    for (const [name, typeConfig] of Object.entries(config.objectTypes ?? {})) {
      types.set(name, new ObjectType(name, typeConfig));
    }
    this.objectTypes = types;
    let reason: string | undefined;
    let facade: ConnectorFacade | undefined;
    let redact = maskCredentials;
    if (!connectorType) {
      reason = `connector ${config.connectorRef.connectorName} is not available in this gateway`;
    } else {
      const resolved = resolveConnectorProperties(config.configurationProperties, connectorType, resolver, secrets);
      redact = resolved.redact;
      if (resolved.problems.length > 0) {
        reason = `invalid configurationProperties: ${resolved.problems.join('; ')}`;
      } else {
        try {
          const connector = connectorType.create({
            configurationProperties: resolved.properties,
            systemName: config.name,
            ...(observer ? { observer } : {}),
            ...(sharedState ? { sharedState } : {}),
          });
          facade = new ConnectorFacade(connector, config, observer, sharedState);
        } catch (error) {
          // The reason is shown by _action=test and logged: no secret may travel in it.
          reason = resolved.redact((error as Error).message);
        }
      }
    }
    this.unavailableReason = reason;
    this.facade = facade;
    this.redact = redact;
  }

  get name(): string {
    return this.config.name;
  }

  get enabled(): boolean {
    return this.config.enabled !== false;
  }

  /** The object type names incl. the implicit `__ALL__` (research §1.1). */
  objectTypeNames(): string[] {
    const names = [...this.objectTypes.keys()];
    const hasAll = [...this.objectTypes.values()].some((t) => t.nativeType === ObjectClass.ALL);
    return hasAll ? names : [ObjectClass.ALL, ...names];
  }

  /** The status skeleton; `ok`/`error` are filled by the caller after a test. */
  statusBase(): Omit<SystemStatus, 'ok'> {
    const ref = this.config.connectorRef;
    return {
      name: this.name,
      enabled: this.enabled,
      config: `config/provisioner.openicf/${this.alias}`,
      connectorRef: {
        ...(ref.bundleName !== undefined ? { bundleName: ref.bundleName } : {}),
        ...(ref.bundleVersion !== undefined ? { bundleVersion: ref.bundleVersion } : {}),
        connectorName: ref.connectorName,
      },
      ...(this.connectorType ? { displayName: this.connectorType.connectorRef.displayName } : {}),
      objectTypes: this.objectTypeNames(),
    };
  }

  async dispose(): Promise<void> {
    await this.facade?.connector.dispose?.();
  }

  static build(
    alias: string, config: ProvisionerConfig, catalogue: ConnectorCatalogue, resolver: PropertyResolver, secrets?: SecretKeyStore,
    observer?: BackendObserver, sharedState?: SharedState,
  ): ProvisionedSystem {
    return new ProvisionedSystem(alias, config, catalogue.get(config.connectorRef.connectorName), resolver, secrets, observer, sharedState);
  }
}
