import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonObject } from '../util/json.js';
import { isJsonObject } from '../util/json.js';

/** A liveSync stage as IDM keeps it (repo/synchronisation/pooledSyncStage/<id>): `_rev` counts its changes. */
export interface SyncStage extends JsonObject {
  _id: string;
  _rev: string;
}

/**
 * Where liveSync stages live: `<dir>/<ID>.json`, each replaced atomically (temporary file +
 * rename) so a crash leaves the old or the new stage. Without a dir (tests, tools) they live in memory.
 */
export class SyncStageStore {
  private readonly memory = new Map<string, SyncStage>();

  constructor(private readonly dir?: string) {}

  /** The stored stage, or null before the first liveSync of this source. */
  async read(id: string): Promise<SyncStage | null> {
    if (!this.dir) return this.memory.get(id) ?? null;
    let text: string;
    try {
      text = await readFile(this.fileOf(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) && typeof parsed._rev === 'string' ? { ...parsed, _id: id, _rev: parsed._rev } : null;
  }

  /** Stores `content` as the stage's next revision and returns it as stored. */
  async write(id: string, content: JsonObject, previous: SyncStage | null): Promise<SyncStage> {
    const stage: SyncStage = { _id: id, _rev: String(previous ? Number(previous._rev) + 1 : 1), ...content };
    if (!this.dir) {
      this.memory.set(id, stage);
      return stage;
    }
    await mkdir(this.dir, { recursive: true });
    const file = this.fileOf(id);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(stage, null, 2), { mode: 0o600 });
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    return stage;
  }

  private fileOf(id: string): string {
    // Ids come from configured system and type names; anything path-like is flattened.
    return join(this.dir!, `${id.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  }
}
