import type { Gateway } from '../support/gateway-harness.js';
import { startBoxGateway, type BoxGateway } from '../support/box-gateway.js';
import { connectorContract } from './connector-contract.js';

/** A gateway with the shipped Box configuration, wired to a fresh Box sandbox on port 0. */
function boxSubject(label: string): { start(): Promise<Gateway>; stop(): Promise<void> } {
  let box: BoxGateway | undefined;
  return {
    async start() {
      box = await startBoxGateway(label);
      return box.gw;
    },
    async stop() {
      // The gateway itself is closed by the suite; close() also stops the sandbox server.
      await box?.close().catch(() => undefined);
    },
  };
}

connectorContract({
  label: 'Box users',
  ...boxSubject('box-contract-users'),
  system: 'box',
  objectType: '__ACCOUNT__',
  newObject: (n) => ({ __NAME__: `Contract User ${n}`, login: `contract${n}@example.com`, job_title: 'Tester' }),
  change: { body: { job_title: 'Changed' }, property: 'job_title', value: 'Changed' },
  filterFor: (body) => `login eq "${String(body.login)}"`,
  duplicateOf: (body) => ({ ...body, __NAME__: 'Someone Else' }),
  unknownId: '99999999999',
});

connectorContract({
  label: 'Box groups',
  ...boxSubject('box-contract-groups'),
  system: 'box',
  objectType: '__GROUP__',
  newObject: (n) => ({ __NAME__: `Contract Group ${n}`, description: `group ${n}` }),
  change: { body: { description: 'Changed' }, property: 'description', value: 'Changed' },
  filterFor: (body) => `__NAME__ eq "${String(body.__NAME__)}"`,
  duplicateOf: (body) => ({ ...body, description: 'another' }),
  unknownId: '99999999999',
});
