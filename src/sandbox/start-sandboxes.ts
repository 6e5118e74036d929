import { join } from 'node:path';
import { createBoxSandbox } from './box/box-sandbox.js';
import { createDropboxSandbox } from './dropbox/dropbox-sandbox.js';
import type { Sandbox } from './sandbox.js';
import { createScimSandbox } from './scim/scim-sandbox.js';

/** Starts every bundled vendor sandbox with its state under `<dataDir>/sandbox/`. */
export async function startSandboxes(dataDir: string): Promise<Sandbox[]> {
  const dir = join(dataDir, 'sandbox');
  return [
    await createDropboxSandbox({ dataFile: join(dir, 'dropbox.json') }),
    await createScimSandbox({ dataFile: join(dir, 'scim.json') }),
    await createBoxSandbox({ dataFile: join(dir, 'box.json') }),
  ];
}
