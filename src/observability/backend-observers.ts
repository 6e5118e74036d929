import type { BackendCallEvent, BackendObserver, OperationName } from '../provisioner/spi.js';

/** Receives the backend traffic of every system, each event tagged with its system's name. */
export interface BackendSink {
  call(system: string, event: BackendCallEvent): void;
  retry(system: string, operation: OperationName, reason: string, delayMs: number): void;
  rateLimitWait(system: string, operation: OperationName, waitedMs: number): void;
  tokenRefreshed(system: string, outcome: 'success' | 'failure'): void;
}

/**
 * Hands each connector a BackendObserver bound to its system name and forwards its events to
 * the sinks attached now or later (the app attaches its metrics and logs after systems are built).
 */
export class BackendObservers {
  private readonly sinks = new Set<BackendSink>();

  /** Attaches a sink; returns the detach function. */
  add(sink: BackendSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /** The observer a connector of system `system` reports to. It never throws. */
  forSystem(system: string): BackendObserver {
    const each = (fn: (sink: BackendSink) => void): void => {
      for (const sink of this.sinks) {
        try {
          fn(sink);
        } catch {
          // Observability must never break a backend call.
        }
      }
    };
    return {
      call: (event) => each((s) => s.call(system, event)),
      retry: (operation, reason, delayMs) => each((s) => s.retry(system, operation, reason, delayMs)),
      rateLimitWait: (operation, waitedMs) => each((s) => s.rateLimitWait(system, operation, waitedMs)),
      tokenRefreshed: (outcome) => each((s) => s.tokenRefreshed(system, outcome)),
    };
  }
}
