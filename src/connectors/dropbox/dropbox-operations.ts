import type { AttributeMap, ConnectorObject, Uid } from '../../provisioner/objects.js';
import type { OperationContext, SearchOptions, SearchPage } from '../../provisioner/spi.js';
import type { DropboxQuery } from './dropbox-filter.js';

/** The operations of one Dropbox object class; the connector dispatches to these by class. */
export interface ObjectClassOperations {
  /** @returns the new object's uid. */
  create(attributes: AttributeMap, ctx: OperationContext): Promise<Uid>;
  /** @returns the object, or null when Dropbox has none with this id. */
  get(id: string, attributesToGet: readonly string[] | undefined, ctx: OperationContext): Promise<ConnectorObject | null>;
  /** One page of a listing (query null) or of the results of direct lookups. */
  search(query: DropboxQuery | null, options: SearchOptions, ctx: OperationContext): Promise<SearchPage>;
  /** @throws UnknownUidError when the object does not exist. */
  update(id: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid>;
  /** Returns once Dropbox's job is complete. @throws UnknownUidError when the object does not exist. */
  delete(id: string, ctx: OperationContext): Promise<void>;
}

/** Whether a read asked for an attribute (undefined = the defaults, which include every attribute). */
export function wants(attributesToGet: readonly string[] | undefined, name: string): boolean {
  return attributesToGet === undefined || attributesToGet.includes(name);
}
