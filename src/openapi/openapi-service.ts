import type { Logger } from 'pino';
import type { SystemRegistry } from '../provisioner/system-registry.js';
import type { JsonObject } from '../util/json.js';
import { openApiDocument } from './openapi-document.js';

/** One generated document; a configuration change makes a new one (never mutated in place). */
export interface OpenApiSnapshot {
  readonly document: JsonObject;
  /** Increases with every rebuild: consumers cache what they derive per generation. */
  readonly generation: number;
  /** The document serialized once, for the many GETs of it. */
  readonly json: string;
}

/**
 * Owns the current OpenAPI document: built at start-up and again after every registry change.
 * Rebuilds are coalesced into one per tick (a reload puts every system in turn) and run eagerly,
 * so the request validator can start compiling before the next request needs it.
 */
export class OpenApiService {
  private snapshot: OpenApiSnapshot;
  private stale = false;
  private scheduled = false;
  private readonly listeners = new Set<(snapshot: OpenApiSnapshot) => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly registry: SystemRegistry, private readonly logger: Logger) {
    this.snapshot = this.build(1);
    this.unsubscribe = registry.onChange(() => this.invalidate());
  }

  /** The document for the systems installed now. */
  current(): OpenApiSnapshot {
    if (this.stale) this.refresh();
    return this.snapshot;
  }

  /** Calls `listener` with every new snapshot; returns the unsubscribe. */
  onRebuild(listener: (snapshot: OpenApiSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops following the registry. */
  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private invalidate(): void {
    this.stale = true;
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.stale) this.refresh();
    });
  }

  private refresh(): void {
    this.stale = false;
    try {
      this.snapshot = this.build(this.snapshot.generation + 1);
    } catch (error) {
      // A generator bug must not take the API down: the previous document keeps serving.
      this.logger.error({ err: error }, 'OpenAPI document not rebuilt; the previous one stays');
      return;
    }
    for (const listener of this.listeners) listener(this.snapshot);
  }

  private build(generation: number): OpenApiSnapshot {
    const document = openApiDocument(this.registry.list());
    return { document, generation, json: JSON.stringify(document) };
  }
}
