import { createHash } from 'node:crypto';
import { UnsupportedOperationError } from '../../provisioner/connector-errors.js';
import type { Filter } from '../../provisioner/filter.js';
import { ObjectClass, type AttributeMap, type ConnectorObject, type Uid } from '../../provisioner/objects.js';
import type {
  Connector, ConnectorInit, ConnectorSchema, CreateOp, DeleteOp, GetOp, NativeQuery, OperationContext, SchemaOp, SearchOp,
  SearchOptions, SearchPage, TestOp, UpdateOp,
} from '../../provisioner/spi.js';
import type { SlotLimiter } from '../../shared-state/shared-state.js';
import { HttpClient } from '../shared/http-client.js';
import { RateLimiter } from '../shared/rate-limit.js';
import { BoxClient } from './box-client.js';
import type { BoxSettings } from './box-configuration.js';
import { describeBoxError } from './box-errors.js';
import { translateBoxFilter, type BoxQuery } from './box-filter.js';
import { BoxGroups } from './box-groups.js';
import { BoxMemberships } from './box-memberships.js';
import type { BoxClassOperations } from './box-operations.js';
import { BOX_SCHEMA } from './box-schema.js';
import { BoxUsers } from './box-users.js';

/**
 * The Box connector (IDM's org.forgerock.openicf.connectors.box.BoxConnector): managed users as
 * `__ACCOUNT__` (with `groups` from memberships) and groups as `__GROUP__`, over the Box API with
 * the shared HTTP layer (Client Credentials Grant with subject, retries, 429 retry-after) and the
 * `rateLimit` budget applied to every call. Orchestration only.
 */
export class BoxConnector implements Connector, CreateOp, GetOp, SearchOp<BoxQuery>, UpdateOp, DeleteOp, TestOp, SchemaOp {
  private readonly http: HttpClient;
  private readonly client: BoxClient;
  private readonly classes: ReadonlyMap<string, BoxClassOperations>;

  constructor(settings: BoxSettings, init: Pick<ConnectorInit, 'observer' | 'sharedState'> = {}) {
    const { requests, periodMs } = settings.rateLimit;
    // Box counts calls per user and app: systems sharing a subject share one budget (and, with Redis, all replicas do).
    const budgetKey = `box-rate:${hash(`${settings.saas.serviceUri}|${settings.subject?.id ?? ''}|${requests}/${periodMs}`)}`;
    const rateLimiter: SlotLimiter = init.sharedState ? init.sharedState.limiter(budgetKey, requests, periodMs) : new RateLimiter(requests, periodMs);
    this.http = new HttpClient({
      settings: settings.saas,
      describeError: describeBoxError,
      rateLimiter,
      ...(settings.subject ? { extraTokenParams: { box_subject_type: settings.subject.type, box_subject_id: settings.subject.id } } : {}),
      ...(init.observer ? { observer: init.observer } : {}),
      ...(init.sharedState ? { sharedState: init.sharedState } : {}),
    });
    this.client = new BoxClient(this.http);
    const memberships = new BoxMemberships(this.client, settings.saas.http.maximumConnections);
    this.classes = new Map<string, BoxClassOperations>([
      [ObjectClass.ACCOUNT, new BoxUsers(this.client, memberships)],
      [ObjectClass.GROUP, new BoxGroups(this.client)],
    ]);
  }

  create(objectClass: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    return this.of(objectClass).create(attributes, ctx);
  }

  get(objectClass: string, uid: Uid, options: { readonly attributesToGet?: readonly string[] }, ctx: OperationContext): Promise<ConnectorObject | null> {
    return this.of(objectClass).get(uid.value, options.attributesToGet, ctx);
  }

  /** `__NAME__ sw` as Box's filter_term and reads by id (see box-filter.ts); the facade filters the rest. */
  translateFilter(objectClass: string, filter: Filter): NativeQuery<BoxQuery> | null {
    return translateBoxFilter(objectClass, filter);
  }

  search(objectClass: string, query: BoxQuery | null, options: SearchOptions, ctx: OperationContext): Promise<SearchPage> {
    return this.of(objectClass).search(query, options, ctx);
  }

  update(objectClass: string, uid: Uid, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    return this.of(objectClass).update(uid.value, attributes, ctx);
  }

  delete(objectClass: string, uid: Uid, ctx: OperationContext): Promise<void> {
    return this.of(objectClass).delete(uid.value, ctx);
  }

  /** A token for the configured subject, then GET /users/me: reachable, credentials and subject accepted. */
  async test(ctx: OperationContext): Promise<void> {
    await this.client.getCurrentUser(ctx);
  }

  schema(): Promise<ConnectorSchema> {
    return Promise.resolve(BOX_SCHEMA);
  }

  dispose(): Promise<void> {
    this.http.close();
    return Promise.resolve();
  }

  private of(objectClass: string): BoxClassOperations {
    const ops = this.classes.get(objectClass);
    if (!ops) throw new UnsupportedOperationError(`Object class ${objectClass} is not supported by the Box connector (use __ACCOUNT__ or __GROUP__)`);
    return ops;
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
