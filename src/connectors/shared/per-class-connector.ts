import { UnsupportedOperationError } from '../../provisioner/connector-errors.js';
import type { AttributeMap, ConnectorObject, Uid } from '../../provisioner/objects.js';
import type { CreateOp, DeleteOp, GetOp, OperationContext, SearchOptions, SearchPage, UpdateOp } from '../../provisioner/spi.js';
import type { ClassOperations } from './class-operations.js';

/**
 * The CRUD and search calls of a connector whose object classes each have their own operations
 * module: every call goes to the module of its class, an unknown class is UnsupportedOperation.
 */
export abstract class PerClassConnector<Q> implements CreateOp, GetOp, UpdateOp, DeleteOp {
  /** The operations of each supported object class. */
  protected abstract readonly classes: ReadonlyMap<string, ClassOperations<Q>>;
  /** The connector's name in error messages, e.g. "Dropbox". */
  protected abstract readonly displayName: string;

  create(objectClass: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    return this.of(objectClass).create(attributes, ctx);
  }

  get(objectClass: string, uid: Uid, options: { readonly attributesToGet?: readonly string[] }, ctx: OperationContext): Promise<ConnectorObject | null> {
    return this.of(objectClass).get(uid.value, options.attributesToGet, ctx);
  }

  search(objectClass: string, query: Q | null, options: SearchOptions, ctx: OperationContext): Promise<SearchPage> {
    return this.of(objectClass).search(query, options, ctx);
  }

  update(objectClass: string, uid: Uid, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    return this.of(objectClass).update(uid.value, attributes, ctx);
  }

  delete(objectClass: string, uid: Uid, ctx: OperationContext): Promise<void> {
    return this.of(objectClass).delete(uid.value, ctx);
  }

  private of(objectClass: string): ClassOperations<Q> {
    const ops = this.classes.get(objectClass);
    if (ops) return ops;
    const known = [...this.classes.keys()];
    const list = known.length > 1 ? `${known.slice(0, -1).join(', ')} or ${known[known.length - 1]}` : known.join('');
    throw new UnsupportedOperationError(`Object class ${objectClass} is not supported by the ${this.displayName} connector (use ${list})`);
  }
}
