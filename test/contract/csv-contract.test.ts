import { startGateway } from '../support/gateway-harness.js';
import { connectorContract } from './connector-contract.js';

connectorContract({
  label: 'CSV file',
  start: () => startGateway(),
  system: 'csv',
  objectType: '__ACCOUNT__',
  newObject: (n) => ({ uid: `contract${n}`, firstName: 'Con', lastName: `Tract ${n}`, email: `contract${n}@example.com` }),
  change: { body: { email: 'changed@example.com' }, property: 'email', value: 'changed@example.com' },
  filterFor: (body) => `email eq "${String(body.email)}"`,
  duplicateOf: (body) => ({ ...body }),
  unknownId: 'no-such-uid',
});
