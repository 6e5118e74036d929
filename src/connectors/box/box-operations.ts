import type { AttributeMap, ConnectorObject, Uid } from '../../provisioner/objects.js';
import type { OperationContext, SearchOptions, SearchPage } from '../../provisioner/spi.js';
import type { BoxQuery } from './box-filter.js';

/** The operations of one Box object class; the connector dispatches to these by class. */
export interface BoxClassOperations {
  /** @returns the new object's uid. */
  create(attributes: AttributeMap, ctx: OperationContext): Promise<Uid>;
  /** @returns the object, or null when Box has none with this id. */
  get(id: string, attributesToGet: readonly string[] | undefined, ctx: OperationContext): Promise<ConnectorObject | null>;
  /** One page of a listing (query null), of a `filter_term` listing, or of a read by id. */
  search(query: BoxQuery | null, options: SearchOptions, ctx: OperationContext): Promise<SearchPage>;
  /** @throws UnknownUidError when the object does not exist. */
  update(id: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid>;
  /** @throws UnknownUidError when the object does not exist. */
  delete(id: string, ctx: OperationContext): Promise<void>;
}

/** Whether a read asked for an attribute (undefined = the defaults, which include it). */
export function wants(attributesToGet: readonly string[] | undefined, name: string): boolean {
  return attributesToGet === undefined || attributesToGet.includes(name);
}

/** The object with only the attributes asked for (`__UID__` always): Box hands out more than a read may show. */
export function onlyWanted(object: ConnectorObject, attributesToGet: readonly string[] | undefined): ConnectorObject {
  if (attributesToGet === undefined) return object;
  const wanted = new Set(attributesToGet);
  const attributes = Object.fromEntries(Object.entries(object.attributes).filter(([name]) => name === '__UID__' || wanted.has(name)));
  return { ...object, attributes };
}
