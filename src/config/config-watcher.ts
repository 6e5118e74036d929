import { watch, type FSWatcher } from 'node:fs';
import { pino, type Logger } from 'pino';
import type { ConfigService } from './config-service.js';
import { aliasOfFileName } from './provisioner-files.js';

/** Options of {@link ConfigWatcher}. */
export interface ConfigWatcherOptions {
  /**
   * Quiet time after the last event of a file before it is read: editors write in several
   * steps (truncate, write, rename) and one save fires several events.
   */
  readonly debounceMs?: number;
  readonly logger?: Logger;
}

/** Key of the "re-scan everything" job, for events that carry no file name. */
const WHOLE_DIRECTORY = '*';

/**
 * Watches conf/ and hands changed provisioner files to the config service: added and edited
 * files are applied (or refused with a log line, the previous version serving on), removed
 * files stop their system. Work is serialized, so two quick edits apply in order. The service
 * skips content it wrote itself (by hash), so the gateway's own writes do not loop back.
 */
export class ConfigWatcher {
  private watcher: FSWatcher | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private queue: Promise<void> = Promise.resolve();
  private readonly debounceMs: number;
  private readonly logger: Logger;

  constructor(
    private readonly service: ConfigService,
    options: ConfigWatcherOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 150;
    this.logger = options.logger ?? pino({ enabled: false });
  }

  /** Starts watching; does not keep the process alive on its own. */
  start(): void {
    if (this.watcher) return;
    this.watcher = watch(this.service.confDir, { persistent: false }, (_event, filename) => this.onEvent(filename));
    this.watcher.on('error', (error) => {
      this.logger.error({ dir: this.service.confDir, err: error.message }, 'configuration watcher failed; changes to conf/ are no longer picked up');
    });
    this.logger.info({ dir: this.service.confDir }, 'watching configuration files');
  }

  /** Resolves once every change seen so far (debounce included) has been applied. */
  async idle(): Promise<void> {
    while (this.timers.size > 0) await new Promise((resolve) => setTimeout(resolve, this.debounceMs));
    await this.queue;
  }

  /** Stops watching and drops pending changes. */
  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private onEvent(filename: string | Buffer | null): void {
    const name = filename?.toString();
    // Only provisioner files matter; temp files and users.json are ignored.
    if (name !== undefined && aliasOfFileName(name) === undefined) return;
    const key = name ?? WHOLE_DIRECTORY;
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.queue = this.queue.then(() => (key === WHOLE_DIRECTORY ? this.service.syncDirectory() : this.service.syncFile(key)));
    }, this.debounceMs));
  }
}
