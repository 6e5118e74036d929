import type {
  AuthenticateOp, Connector, CreateOp, DeleteOp, GetOp, OperationName, SchemaOp, SearchOp, SyncOp, TestOp,
  UpdateAttributeValuesOp, UpdateOp,
} from './spi.js';

/** Type guards deriving a connector's operations from the methods it has (ICF's SPI_TO_API). */
export const can = {
  create: (c: Connector): c is Connector & CreateOp => typeof (c as Partial<CreateOp>).create === 'function',
  get: (c: Connector): c is Connector & GetOp => typeof (c as Partial<GetOp>).get === 'function',
  search: (c: Connector): c is Connector & SearchOp => typeof (c as Partial<SearchOp>).search === 'function',
  update: (c: Connector): c is Connector & UpdateOp => typeof (c as Partial<UpdateOp>).update === 'function',
  updateValues: (c: Connector): c is Connector & UpdateAttributeValuesOp =>
    typeof (c as Partial<UpdateAttributeValuesOp>).addAttributeValues === 'function' &&
    typeof (c as Partial<UpdateAttributeValuesOp>).removeAttributeValues === 'function',
  delete: (c: Connector): c is Connector & DeleteOp => typeof (c as Partial<DeleteOp>).delete === 'function',
  test: (c: Connector): c is Connector & TestOp => typeof (c as Partial<TestOp>).test === 'function',
  authenticate: (c: Connector): c is Connector & AuthenticateOp => typeof (c as Partial<AuthenticateOp>).authenticate === 'function',
  schema: (c: Connector): c is Connector & SchemaOp => typeof (c as Partial<SchemaOp>).schema === 'function',
  sync: (c: Connector): c is Connector & SyncOp =>
    typeof (c as Partial<SyncOp>).sync === 'function' && typeof (c as Partial<SyncOp>).latestSyncToken === 'function',
};

/** ICF API operation class names, for IDM's denied / not-supported messages. */
export const API_OP_CLASS: Readonly<Record<OperationName, string>> = {
  CREATE: 'CreateApiOp',
  UPDATE: 'UpdateApiOp',
  DELETE: 'DeleteApiOp',
  TEST: 'TestApiOp',
  SCRIPT_ON_CONNECTOR: 'ScriptOnConnectorApiOp',
  SCRIPT_ON_RESOURCE: 'ScriptOnResourceApiOp',
  GET: 'GetApiOp',
  RESOLVEUSERNAME: 'ResolveUsernameApiOp',
  AUTHENTICATE: 'AuthenticationApiOp',
  SEARCH: 'SearchApiOp',
  VALIDATE: 'ValidateApiOp',
  SYNC: 'SyncApiOp',
  SCHEMA: 'SchemaApiOp',
};

export function apiOpName(op: OperationName): string {
  return `org.identityconnectors.framework.api.operations.${API_OP_CLASS[op]}`;
}

/** Operations a connector supports, as ICF names (for status and API descriptions). */
export function supportedOperations(c: Connector): OperationName[] {
  const ops: OperationName[] = [];
  if (can.create(c)) ops.push('CREATE');
  if (can.search(c) || can.get(c)) ops.push('GET');
  if (can.search(c)) ops.push('SEARCH');
  if (can.update(c)) ops.push('UPDATE');
  if (can.delete(c)) ops.push('DELETE');
  if (can.test(c)) ops.push('TEST');
  if (can.authenticate(c)) ops.push('AUTHENTICATE');
  if (can.schema(c)) ops.push('SCHEMA');
  if (can.sync(c)) ops.push('SYNC');
  return ops;
}
