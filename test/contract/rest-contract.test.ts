import type { ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import type { Gateway } from '../support/gateway-harness.js';
import { startRestGateway } from '../support/rest-gateway.js';
import { connectorContract } from './connector-contract.js';

/** A gateway with the shipped SaaS REST configuration (conf/provisioner.openicf-rest.json), wired to a fresh SCIM sandbox on port 0. */
function restSubject(): { start(): Promise<Gateway>; stop(): Promise<void> } {
  let scim: ListeningScimSandbox | undefined;
  return {
    async start() {
      const started = await startRestGateway('rest-contract');
      scim = started.scim;
      return started.gw;
    },
    async stop() {
      await scim?.close();
    },
  };
}

connectorContract({
  label: 'SaaS REST over SCIM users',
  ...restSubject(),
  system: 'rest',
  objectType: '__ACCOUNT__',
  newObject: (n) => ({ userName: `contract${n}`, givenName: 'Con', sn: `Tract ${n}`, mail: `contract${n}@example.com` }),
  change: { body: { sn: 'Changed' }, property: 'sn', value: 'Changed' },
  filterFor: (body) => `userName eq "${String(body.userName)}"`,
  duplicateOf: (body) => ({ ...body, sn: 'Other' }),
  unknownId: 'no-such-user-0000',
});
