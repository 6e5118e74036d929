import express from 'express';
import type { AddressInfo } from 'node:net';
import type { SandboxOptions } from '../sandbox.js';
import { createScimSandbox, type ScimSandbox } from './scim-sandbox.js';

/** A SCIM sandbox served alone over HTTP. */
export interface ListeningScimSandbox {
  readonly sandbox: ScimSandbox;
  /** e.g. `http://127.0.0.1:40123/sandbox/scim` (the API is under `/v2`). */
  readonly baseUrl: string;
  /** Flushes the data file and closes the server. */
  close(): Promise<void>;
}

/** Serves the SCIM sandbox at `/sandbox/scim` on 127.0.0.1 (port 0: a free port), for tests and tools. */
export async function listenScimSandbox(options: SandboxOptions, port = 0): Promise<ListeningScimSandbox> {
  const sandbox = await createScimSandbox(options);
  const app = express();
  app.use('/sandbox/scim', sandbox.router);
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const s = app.listen(port, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    sandbox,
    baseUrl: `http://127.0.0.1:${actual}/sandbox/scim`,
    close: async () => {
      await sandbox.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
