import { createHash } from 'node:crypto';
import type { Filter } from '../../provisioner/filter.js';
import { ObjectClass } from '../../provisioner/objects.js';
import type {
  Connector, ConnectorInit, ConnectorSchema, CreateOp, DeleteOp, GetOp, NativeQuery, OperationContext, SchemaOp, SearchOp, TestOp, UpdateOp,
} from '../../provisioner/spi.js';
import type { SlotLimiter } from '../../shared-state/shared-state.js';
import type { ClassOperations } from '../shared/class-operations.js';
import { HttpClient } from '../shared/http-client.js';
import { PerClassConnector } from '../shared/per-class-connector.js';
import { RateLimiter } from '../shared/rate-limit.js';
import { BoxClient } from './box-client.js';
import type { BoxSettings } from './box-configuration.js';
import { describeBoxError } from './box-errors.js';
import { translateBoxFilter, type BoxQuery } from './box-filter.js';
import { BoxGroups } from './box-groups.js';
import { BoxMemberships } from './box-memberships.js';
import { BOX_SCHEMA } from './box-schema.js';
import { BoxUsers } from './box-users.js';

/**
 * The Box connector (IDM's org.forgerock.openicf.connectors.box.BoxConnector): managed users as
 * `__ACCOUNT__` (with `groups` from memberships) and groups as `__GROUP__`, over the Box API with
 * the shared HTTP layer (Client Credentials Grant with subject, retries, 429 retry-after) and the
 * `rateLimit` budget applied to every call. Orchestration only.
 */
export class BoxConnector extends PerClassConnector<BoxQuery> implements Connector, CreateOp, GetOp, SearchOp<BoxQuery>, UpdateOp, DeleteOp, TestOp, SchemaOp {
  private readonly http: HttpClient;
  private readonly client: BoxClient;
  protected readonly classes: ReadonlyMap<string, ClassOperations<BoxQuery>>;
  protected readonly displayName = 'Box';

  constructor(settings: BoxSettings, init: Pick<ConnectorInit, 'observer' | 'sharedState'> = {}) {
    super();
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
    this.classes = new Map<string, ClassOperations<BoxQuery>>([
      [ObjectClass.ACCOUNT, new BoxUsers(this.client, memberships)],
      [ObjectClass.GROUP, new BoxGroups(this.client)],
    ]);
  }

  /** `__NAME__ sw` as Box's filter_term and reads by id (see box-filter.ts); the facade filters the rest. */
  translateFilter(objectClass: string, filter: Filter): NativeQuery<BoxQuery> | null {
    return translateBoxFilter(objectClass, filter);
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
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
