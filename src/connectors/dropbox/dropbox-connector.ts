import { UnsupportedOperationError } from '../../provisioner/connector-errors.js';
import type { Filter } from '../../provisioner/filter.js';
import { ObjectClass, type AttributeMap, type ConnectorObject, type Uid } from '../../provisioner/objects.js';
import type {
  Connector, ConnectorInit, ConnectorSchema, CreateOp, DeleteOp, GetOp, NativeQuery, OperationContext, SchemaOp, SearchOp,
  SearchOptions, SearchPage, TestOp, UpdateOp,
} from '../../provisioner/spi.js';
import { HttpClient } from '../shared/http-client.js';
import type { SaasSettings } from '../shared/saas-settings.js';
import { DropboxClient } from './dropbox-client.js';
import { describeDropboxError, mapDropboxError } from './dropbox-errors.js';
import { translateDropboxFilter, type DropboxQuery } from './dropbox-filter.js';
import { GroupOperations } from './dropbox-groups.js';
import { MemberOperations } from './dropbox-members.js';
import type { ObjectClassOperations } from './dropbox-operations.js';
import { RoleOperations } from './dropbox-roles.js';
import { DROPBOX_SCHEMA, ROLE_CLASS } from './dropbox-schema.js';

/**
 * The Dropbox connector (IDM's org.forgerock.openicf.connectors.dropbox.DropboxConnector):
 * team members as `__ACCOUNT__`, groups as `__GROUP__`, admin roles as `role`, over the Dropbox
 * team API with the shared HTTP layer (OAuth refresh token, retries, 429 Retry-After).
 * Orchestration only: each object class has its operations module.
 */
export class DropboxConnector implements Connector, CreateOp, GetOp, SearchOp<DropboxQuery>, UpdateOp, DeleteOp, TestOp, SchemaOp {
  private readonly http: HttpClient;
  private readonly client: DropboxClient;
  private readonly classes: ReadonlyMap<string, ObjectClassOperations>;

  constructor(settings: SaasSettings, init: Pick<ConnectorInit, 'observer' | 'sharedState'> = {}) {
    this.http = new HttpClient({
      settings,
      mapError: mapDropboxError,
      describeError: describeDropboxError,
      ...(init.observer ? { observer: init.observer } : {}),
      ...(init.sharedState ? { sharedState: init.sharedState } : {}),
    });
    this.client = new DropboxClient(this.http);
    this.classes = new Map<string, ObjectClassOperations>([
      [ObjectClass.ACCOUNT, new MemberOperations(this.client)],
      [ObjectClass.GROUP, new GroupOperations(this.client)],
      [ROLE_CLASS, new RoleOperations(this.client)],
    ]);
  }

  create(objectClass: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    return this.of(objectClass).create(attributes, ctx);
  }

  get(objectClass: string, uid: Uid, options: { readonly attributesToGet?: readonly string[] }, ctx: OperationContext): Promise<ConnectorObject | null> {
    return this.of(objectClass).get(uid.value, options.attributesToGet, ctx);
  }

  /** Lookups by id, e-mail or external id (see dropbox-filter.ts); everything else is filtered by the facade. */
  translateFilter(objectClass: string, filter: Filter): NativeQuery<DropboxQuery> | null {
    return translateDropboxFilter(objectClass, filter);
  }

  search(objectClass: string, query: DropboxQuery | null, options: SearchOptions, ctx: OperationContext): Promise<SearchPage> {
    return this.of(objectClass).search(query, options, ctx);
  }

  update(objectClass: string, uid: Uid, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    return this.of(objectClass).update(uid.value, attributes, ctx);
  }

  delete(objectClass: string, uid: Uid, ctx: OperationContext): Promise<void> {
    return this.of(objectClass).delete(uid.value, ctx);
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

  private of(objectClass: string): ObjectClassOperations {
    const ops = this.classes.get(objectClass);
    if (!ops) throw new UnsupportedOperationError(`Object class ${objectClass} is not supported by the Dropbox connector (use __ACCOUNT__, __GROUP__ or ${ROLE_CLASS})`);
    return ops;
  }
}
