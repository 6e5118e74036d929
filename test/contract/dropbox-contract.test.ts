import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DROPBOX_SANDBOX_CREDENTIALS } from '../../src/sandbox/dropbox/dropbox-credentials.js';
import { startDropboxSandboxServer, type RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import type { JsonObject } from '../../src/util/json.js';
import { REPO, startGateway, type Gateway } from '../support/gateway-harness.js';
import { connectorContract } from './connector-contract.js';

/** The shipped Dropbox configuration, with the sandbox's secrets in clear even if `npm start` sealed this working copy's file. */
function shippedDropboxConf(): JsonObject {
  const conf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-dropbox.json'), 'utf8')) as JsonObject;
  const { clientSecret, refreshToken } = DROPBOX_SANDBOX_CREDENTIALS;
  return { ...conf, configurationProperties: { ...(conf.configurationProperties as JsonObject), clientSecret, refreshToken } };
}

/** A gateway with the shipped Dropbox configuration, wired to a fresh Dropbox sandbox on port 0. */
function dropboxSubject(): { start(): Promise<Gateway>; stop(): Promise<void> } {
  let sandbox: RunningDropboxSandbox | undefined;
  return {
    async start() {
      sandbox = await startDropboxSandboxServer({ dataFile: join(mkdtempSync(join(tmpdir(), 'dropbox-contract-')), 'dropbox.json') });
      return startGateway({
        confFiles: [],
        extraConfigs: { dropbox: shippedDropboxConf() },
        properties: { 'sandbox.url': sandbox.baseUrl.replace(/\/dropbox$/, '') },
      });
    },
    async stop() {
      await sandbox?.close();
    },
  };
}

connectorContract({
  label: 'Dropbox team members',
  ...dropboxSubject(),
  system: 'dropbox',
  objectType: '__ACCOUNT__',
  newObject: (n) => ({ email: `contract${n}@example.com`, given_name: 'Con', surname: `Tract ${n}` }),
  change: { body: { given_name: 'Changed' }, property: 'given_name', value: 'Changed' },
  filterFor: (body) => `email eq "${String(body.email)}"`,
  duplicateOf: (body) => ({ ...body, given_name: 'Other' }),
  unknownId: 'dbmid:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
});

connectorContract({
  label: 'Dropbox groups',
  ...dropboxSubject(),
  system: 'dropbox',
  objectType: '__GROUP__',
  newObject: (n) => ({ group_name: `Contract ${n}`, group_external_id: `contract-${n}` }),
  change: { body: { group_name: 'Contract renamed' }, property: 'group_name', value: 'Contract renamed' },
  filterFor: (body) => `group_name eq "${String(body.group_name)}"`,
  duplicateOf: (body) => ({ ...body, group_external_id: 'another-external-id' }),
  unknownId: 'g:00000000000000000000000000000000',
});
