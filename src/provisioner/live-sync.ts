import { ResourceError } from '../crest/resource-error.js';
import type { JsonObject } from '../util/json.js';
import { apiOpName } from './capabilities.js';
import { ConnectorError } from './connector-errors.js';
import { SKIPPED } from './connector-facade.js';
import { ObjectClass } from './objects.js';
import type { ProvisionedSystem } from './provisioned-system.js';
import type { SyncDelta, SyncToken } from './spi.js';
import type { SyncStage, SyncStageStore } from './sync-stage-store.js';

/** What one liveSync saw, for logs and metrics (uids only: objects may hold passwords). */
export interface LiveSyncReport {
  readonly system: string;
  readonly objectType: string;
  readonly counts: Readonly<Record<SyncDelta['type'], number>>;
  readonly uids: Readonly<Record<SyncDelta['type'], readonly string[]>>;
  /** The sync failed with this message (the stage's lastException); the token did not move. */
  readonly failure?: string;
}

/**
 * IDM's liveSync (SystemObjectSetService#liveSync + OpenICFProvisionerService#liveSynchronize,
 * research §1.6): the stage of `system/<name>/<type>` holds the last sync token; the first run
 * only takes the latest token, later runs sync from it. The gateway has no mappings, so deltas
 * are reported (logged, counted) and dropped, as IDM drops them when no mapping has the source.
 */
export class LiveSync {
  /** One liveSync per stage at a time, so two runs never sync from the same token. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly stages: SyncStageStore,
    private readonly report: (report: LiveSyncReport) => void = () => undefined,
  ) {}

  /** Runs liveSync on one object type of a system; answers the stored stage. */
  run(system: ProvisionedSystem, typeName: string): Promise<SyncStage> {
    const id = `system/${system.name}/${typeName}`.replace(/\//g, '').toUpperCase();
    const previous = this.running.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.runAlone(system, typeName, id));
    this.running.set(id, next);
    void next.finally(() => {
      if (this.running.get(id) === next) this.running.delete(id);
    }).catch(() => undefined);
    return next;
  }

  private async runAlone(system: ProvisionedSystem, typeName: string, id: string): Promise<SyncStage> {
    const type = system.objectTypes.get(typeName);
    if (!type && typeName !== ObjectClass.ALL) throw ResourceError.notFound(`Not found: ${typeName}`);
    const facade = system.facade;
    if (!facade) throw ResourceError.unavailable(`System ${system.name} is not available: ${system.unavailableReason ?? 'connector not available'}`);
    facade.require('SYNC', facade.canSync);
    const objectClass = type?.nativeType ?? ObjectClass.ALL;
    // IDM checks SYNC's `denied` whatever onDeny says and wraps the 403 into a 500 (research §5.1).
    if (facade.denied('SYNC', objectClass)) throw syncDenied();

    const stage = await this.stages.read(id);
    const token = tokenOf(stage);
    if (token === undefined) {
      const latest = await facade.run('SYNC', objectClass, {}, (ctx) => facade.latestSyncToken(objectClass, ctx)).catch((error: unknown) => {
        // No token to keep yet: IDM answers its generic liveSync 500.
        if (error instanceof ConnectorError) throw ResourceError.internal(`Failed to get OperationOptionsBuilder: ${system.redact(error.message)}`);
        throw error;
      });
      if (latest === SKIPPED) throw syncDenied();
      return this.stages.write(id, { connectorData: connectorData(latest) }, stage);
    }
    const base = { system: system.name, objectType: typeName };
    try {
      const result = await facade.run('SYNC', objectClass, {}, (ctx) => facade.sync(objectClass, token, ctx));
      if (result === SKIPPED) throw syncDenied();
      this.report({ ...base, ...summarize(result.deltas) });
      return await this.stages.write(id, { connectorData: connectorData(result.token) }, stage);
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      // A sync that fails keeps its token and says why in the stage, as IDM's lastException.
      const throwable = system.redact(error.message);
      this.report({ ...base, ...summarize([]), failure: throwable });
      return this.stages.write(id, { connectorData: connectorData(token), lastException: { throwable } }, stage);
    }
  }
}

/** IDM's answer when operationOptions deny SYNC: the 403 wrapped into a 500 (research §5.1). */
function syncDenied(): ResourceError {
  return ResourceError.internal(`Operation ${apiOpName('SYNC')} is denied.`);
}

function tokenOf(stage: SyncStage | null): SyncToken | undefined {
  const data = stage?.connectorData;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const token = data.syncToken;
  return typeof token === 'number' || typeof token === 'string' ? token : undefined;
}

/** IDM's ConnectorUtil#convertFromSyncToken: the token and the name of its Java type. */
function connectorData(token: SyncToken): JsonObject {
  const nativeType = typeof token === 'string' ? 'string' : Number.isInteger(token) ? 'long' : 'double';
  return { nativeType, syncToken: token };
}

function summarize(deltas: readonly SyncDelta[]): Pick<LiveSyncReport, 'counts' | 'uids'> {
  const uids: Record<SyncDelta['type'], string[]> = { CREATE_OR_UPDATE: [], DELETE: [] };
  for (const d of deltas) uids[d.type].push(d.uid.value);
  return { counts: { CREATE_OR_UPDATE: uids.CREATE_OR_UPDATE.length, DELETE: uids.DELETE.length }, uids };
}
