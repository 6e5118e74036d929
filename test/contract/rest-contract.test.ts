import type { RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import type { ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import { startBoxGateway, type BoxGateway } from '../support/box-gateway.js';
import { startDropboxGateway } from '../support/dropbox-gateway.js';
import type { Gateway } from '../support/gateway-harness.js';
import { shippedRestConf, startRestGateway } from '../support/rest-gateway.js';
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

/** A gateway whose `restdropbox` system is conf/examples/provisioner.openicf-restdropbox.json, wired to a fresh Dropbox sandbox. */
function restDropboxSubject(): { start(): Promise<Gateway>; stop(): Promise<void> } {
  let sandbox: RunningDropboxSandbox | undefined;
  return {
    async start() {
      const started = await startDropboxGateway('rest-dropbox-contract', { restdropbox: shippedRestConf('examples/provisioner.openicf-restdropbox.json') });
      sandbox = started.sandbox;
      return started.gw;
    },
    async stop() {
      await sandbox?.close();
    },
  };
}

connectorContract({
  label: 'SaaS REST over the Dropbox team API',
  ...restDropboxSubject(),
  system: 'restdropbox',
  objectType: '__ACCOUNT__',
  newObject: (n) => ({ email: `rest-contract${n}@example.com`, given_name: 'Con', surname: `Tract ${n}` }),
  change: { body: { given_name: 'Changed' }, property: 'given_name', value: 'Changed' },
  filterFor: (body) => `email eq "${String(body.email)}"`,
  duplicateOf: (body) => ({ ...body, given_name: 'Other' }),
  unknownId: 'dbmid:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
});

/** A gateway whose `restbox` system is conf/examples/provisioner.openicf-restbox.json, wired to a fresh Box sandbox. */
function restBoxSubject(): { start(): Promise<Gateway>; stop(): Promise<void> } {
  let box: BoxGateway | undefined;
  return {
    async start() {
      box = await startBoxGateway('rest-box-contract', (c) => c, { restbox: shippedRestConf('examples/provisioner.openicf-restbox.json') });
      return box.gw;
    },
    async stop() {
      const violations = box?.specViolations() ?? [];
      await box?.close();
      if (violations.length > 0) throw new Error(`requests outside Box's spec: ${violations.join('; ')}`);
    },
  };
}

connectorContract({
  label: 'SaaS REST over Box users',
  ...restBoxSubject(),
  system: 'restbox',
  objectType: '__ACCOUNT__',
  newObject: (n) => ({ name: `Rest Contract ${n}`, login: `rest.contract${n}@example.com` }),
  change: { body: { job_title: 'Changed' }, property: 'job_title', value: 'Changed' },
  filterFor: (body) => `login eq "${String(body.login)}"`,
  duplicateOf: (body) => ({ ...body, name: 'Other' }),
  unknownId: '99999999999',
});

connectorContract({
  label: 'SaaS REST over Box groups',
  ...restBoxSubject(),
  system: 'restbox',
  objectType: '__GROUP__',
  newObject: (n) => ({ name: `Rest Contract Group ${n}`, description: 'contract' }),
  change: { body: { description: 'Changed' }, property: 'description', value: 'Changed' },
  filterFor: (body) => `name eq "${String(body.name)}"`,
  duplicateOf: (body) => ({ ...body, description: 'Other' }),
  unknownId: '99999999999',
});
