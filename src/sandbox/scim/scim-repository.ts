import { randomUUID } from 'node:crypto';
import { isJsonObject, jsonEquals, type JsonObject } from '../../util/json.js';
import type { SandboxStore } from '../sandbox-store.js';
import type { ResourceKind, ScimData, ScimRecord } from './scim-data.js';

/**
 * The sandbox directory over the lowdb document: lookups by id and userName through indexes,
 * group memberships per member, writes that stamp `meta` and mark the store changed, and
 * referential integrity (deleting a user or group removes it from every group's members).
 */
export class ScimRepository {
  private byId: Record<ResourceKind, Map<string, ScimRecord>> | undefined;
  private byUserName: Map<string, ScimRecord> | undefined;
  private memberships: Map<string, ScimRecord[]> | undefined;
  private changes = 0;

  constructor(
    private readonly store: SandboxStore<ScimData>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Moves on every change of any record (so derived query results can be cached until then). */
  get generation(): number {
    return this.changes;
  }

  /** All records of a kind, in creation order. */
  records(kind: ResourceKind): readonly ScimRecord[] {
    return this.store.data[kind];
  }

  get(kind: ResourceKind, id: string): ScimRecord | undefined {
    return this.indexes()[kind].get(id);
  }

  /** The user holding a userName, compared case-insensitively (userName is caseExact false). */
  userByUserName(userName: string): ScimRecord | undefined {
    this.indexes();
    return this.byUserName!.get(userName.toLowerCase());
  }

  /** The groups listing an id among their members. */
  groupsOf(memberId: string): readonly ScimRecord[] {
    if (!this.memberships) {
      this.memberships = new Map();
      for (const group of this.store.data.groups) {
        for (const id of memberIds(group)) {
          const list = this.memberships.get(id) ?? [];
          list.push(group);
          this.memberships.set(id, list);
        }
      }
    }
    return this.memberships.get(memberId) ?? [];
  }

  create(kind: ResourceKind, attributes: JsonObject): ScimRecord {
    const stamp = this.now().toISOString();
    const record: ScimRecord = { id: randomUUID(), meta: { created: stamp, lastModified: stamp, revision: 1 }, attributes };
    this.store.data[kind].push(record);
    this.indexRecord(kind, record);
    this.changed(kind);
    return record;
  }

  /** Replaces the attributes; the revision only moves when something changed. */
  replace(kind: ResourceKind, record: ScimRecord, attributes: JsonObject): ScimRecord {
    if (jsonEquals(record.attributes, attributes)) return record;
    if (kind === 'users') this.byUserName?.delete(String(record.attributes.userName).toLowerCase());
    record.attributes = attributes;
    this.touch(record);
    this.indexRecord(kind, record);
    this.changed(kind);
    return record;
  }

  remove(kind: ResourceKind, record: ScimRecord): void {
    const list = this.store.data[kind];
    list.splice(list.indexOf(record), 1);
    this.byId?.[kind].delete(record.id);
    if (kind === 'users') this.byUserName?.delete(String(record.attributes.userName).toLowerCase());
    for (const group of [...this.groupsOf(record.id)]) {
      const members = (group.attributes.members as JsonObject[]).filter((m) => m.value !== record.id);
      if (members.length > 0) group.attributes.members = members;
      else delete group.attributes.members;
      this.touch(group);
    }
    this.memberships = undefined;
    this.changes += 1;
    this.store.changed();
  }

  /** Appends ready-made user records (benchmarks); throws on a duplicate id or userName. */
  addUsers(records: readonly ScimRecord[]): void {
    for (const record of records) {
      if (this.get('users', record.id)) throw new Error(`Duplicate user id ${record.id}`);
      if (this.userByUserName(String(record.attributes.userName))) throw new Error(`Duplicate userName ${String(record.attributes.userName)}`);
      this.store.data.users.push(record);
      this.indexRecord('users', record);
    }
    this.changes += 1;
    this.store.changed();
  }

  /** Drops the indexes (after the store's data was replaced by reset). */
  invalidate(): void {
    this.changes += 1;
    this.byId = undefined;
    this.byUserName = undefined;
    this.memberships = undefined;
  }

  private indexes(): Record<ResourceKind, Map<string, ScimRecord>> {
    if (!this.byId) {
      const data = this.store.data;
      this.byId = { users: new Map(data.users.map((r) => [r.id, r])), groups: new Map(data.groups.map((r) => [r.id, r])) };
      this.byUserName = new Map(data.users.map((r) => [String(r.attributes.userName).toLowerCase(), r]));
    }
    return this.byId;
  }

  private indexRecord(kind: ResourceKind, record: ScimRecord): void {
    this.indexes()[kind].set(record.id, record);
    if (kind === 'users') this.byUserName!.set(String(record.attributes.userName).toLowerCase(), record);
  }

  private touch(record: ScimRecord): void {
    record.meta = { ...record.meta, lastModified: this.now().toISOString(), revision: record.meta.revision + 1 };
  }

  private changed(kind: ResourceKind): void {
    if (kind === 'groups') this.memberships = undefined;
    this.changes += 1;
    this.store.changed();
  }
}

function memberIds(group: ScimRecord): string[] {
  const members = group.attributes.members;
  if (!Array.isArray(members)) return [];
  return members.flatMap((m) => (isJsonObject(m) && typeof m.value === 'string' ? [m.value] : []));
}
