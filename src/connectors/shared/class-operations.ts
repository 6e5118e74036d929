import type { AttributeMap, ConnectorObject, Uid } from '../../provisioner/objects.js';
import type { OperationContext, SearchOptions, SearchPage } from '../../provisioner/spi.js';

/**
 * The operations of one object class of a SaaS connector; {@link PerClassConnector} dispatches
 * the SPI calls to these by class. `Q` is the connector's native query (see translateFilter).
 */
export interface ClassOperations<Q> {
  /** @returns the new object's uid. */
  create(attributes: AttributeMap, ctx: OperationContext): Promise<Uid>;
  /** @returns the object, or null when the service has none with this id. */
  get(id: string, attributesToGet: readonly string[] | undefined, ctx: OperationContext): Promise<ConnectorObject | null>;
  /** One page of a listing (query null) or of the results of a native query. */
  search(query: Q | null, options: SearchOptions, ctx: OperationContext): Promise<SearchPage>;
  /** @throws UnknownUidError when the object does not exist. */
  update(id: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid>;
  /** Returns once the service has deleted the object. @throws UnknownUidError when it does not exist. */
  delete(id: string, ctx: OperationContext): Promise<void>;
}

/** Whether a read asked for an attribute (undefined = the defaults, which include every attribute). */
export function wants(attributesToGet: readonly string[] | undefined, name: string): boolean {
  return attributesToGet === undefined || attributesToGet.includes(name);
}

/** The object with only the attributes asked for (`__UID__` always), for services that hand out more than a read may show. */
export function onlyWanted(object: ConnectorObject, attributesToGet: readonly string[] | undefined): ConnectorObject {
  if (attributesToGet === undefined) return object;
  const wanted = new Set(attributesToGet);
  const attributes = Object.fromEntries(Object.entries(object.attributes).filter(([name]) => name === '__UID__' || wanted.has(name)));
  return { ...object, attributes };
}
