import type { Filter } from '../../provisioner/filter.js';
import { ObjectClass } from '../../provisioner/objects.js';
import type {
  Connector, ConnectorInit, ConnectorSchema, CreateOp, DeleteOp, GetOp, NativeQuery, OperationContext, SchemaOp, SearchOp, TestOp, UpdateOp,
} from '../../provisioner/spi.js';
import type { ClassOperations } from '../shared/class-operations.js';
import { HttpClient } from '../shared/http-client.js';
import { PerClassConnector } from '../shared/per-class-connector.js';
import type { SaasSettings } from '../shared/saas-settings.js';
import { DropboxClient } from './dropbox-client.js';
import { describeDropboxError, mapDropboxError } from './dropbox-errors.js';
import { translateDropboxFilter, type DropboxQuery } from './dropbox-filter.js';
import { GroupOperations } from './dropbox-groups.js';
import { MemberOperations } from './dropbox-members.js';
import { RoleOperations } from './dropbox-roles.js';
import { DROPBOX_SCHEMA, ROLE_CLASS } from './dropbox-schema.js';

/**
 * The Dropbox connector (IDM's org.forgerock.openicf.connectors.dropbox.DropboxConnector):
 * team members as `__ACCOUNT__`, groups as `__GROUP__`, admin roles as `role`, over the Dropbox
 * team API with the shared HTTP layer (OAuth refresh token, retries, 429 Retry-After).
 * Orchestration only: each object class has its operations module.
 */
export class DropboxConnector extends PerClassConnector<DropboxQuery> implements Connector, CreateOp, GetOp, SearchOp<DropboxQuery>, UpdateOp, DeleteOp, TestOp, SchemaOp {
  private readonly http: HttpClient;
  private readonly client: DropboxClient;
  protected readonly classes: ReadonlyMap<string, ClassOperations<DropboxQuery>>;
  protected readonly displayName = 'Dropbox';

  constructor(settings: SaasSettings, init: Pick<ConnectorInit, 'observer' | 'sharedState'> = {}) {
    super();
    this.http = new HttpClient({
      settings,
      mapError: mapDropboxError,
      describeError: describeDropboxError,
      ...(init.observer ? { observer: init.observer } : {}),
      ...(init.sharedState ? { sharedState: init.sharedState } : {}),
    });
    this.client = new DropboxClient(this.http);
    this.classes = new Map<string, ClassOperations<DropboxQuery>>([
      [ObjectClass.ACCOUNT, new MemberOperations(this.client)],
      [ObjectClass.GROUP, new GroupOperations(this.client)],
      [ROLE_CLASS, new RoleOperations(this.client)],
    ]);
  }

  /** Lookups by id, e-mail or external id (see dropbox-filter.ts); everything else is filtered by the facade. */
  translateFilter(objectClass: string, filter: Filter): NativeQuery<DropboxQuery> | null {
    return translateDropboxFilter(objectClass, filter);
  }

  /** team/get_info: reachable, credentials accepted, team scope granted. */
  async test(ctx: OperationContext): Promise<void> {
    await this.client.getTeamInfo(ctx);
  }

  schema(): Promise<ConnectorSchema> {
    return Promise.resolve(DROPBOX_SCHEMA);
  }

  dispose(): Promise<void> {
    this.http.close();
    return Promise.resolve();
  }
}
