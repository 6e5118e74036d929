import type { Router } from 'express';
import type { FaultQueue } from './faults.js';
import type { TokenStore } from './token-store.js';

/**
 * One local stand-in for a vendor API. Its router is mounted at `/sandbox/<name>` in the
 * gateway process (or alone by `npm run sandbox`); tests mount it on an app listening on port 0.
 */
export interface Sandbox {
  /** "dropbox", "box" or "scim": the mount path segment. */
  readonly name: string;
  /** Vendor routes plus `/__admin/faults` and `/__admin/reset`. */
  readonly router: Router;
  readonly faults: FaultQueue;
  readonly tokens: TokenStore;
  /** Writes pending state to disk (called on shutdown). */
  flush(): Promise<void>;
  /** Restores the example data. */
  reset(): Promise<void>;
}

/** Options every sandbox factory takes. */
export interface SandboxOptions {
  /** The lowdb JSON file holding this sandbox's state. */
  readonly dataFile: string;
  /** Lifetime of issued access tokens, in seconds (default: the vendor's, e.g. 14400 for Dropbox). */
  readonly tokenTtlSeconds?: number;
}
