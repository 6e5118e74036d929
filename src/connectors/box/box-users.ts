import { InvalidArgumentError, InvalidAttributeValueError, UnknownUidError } from '../../provisioner/connector-errors.js';
import { SpecialAttribute, type AttributeMap, type ConnectorObject, type Uid } from '../../provisioner/objects.js';
import type { OperationContext, SearchOptions, SearchPage } from '../../provisioner/spi.js';
import { onlyWanted, wants, type ClassOperations } from '../shared/class-operations.js';
import { runWriteSteps, type WriteStep } from '../shared/write-steps.js';
import type { BoxClient } from './box-client.js';
import type { BoxQuery } from './box-filter.js';
import { BoxMemberships, groupIdsOf as membershipGroupIds } from './box-memberships.js';
import { changedUserFields, groupIdsOf, userBody, userToObject } from './box-user-mapping.js';
import { BOX_MAX_LIMIT, USER_FIELDS, type BoxMembership, type BoxUser } from './box-wire.js';

/** Native attribute → the Box field it is read from (`groups` comes from memberships). */
const FIELD_OF: Readonly<Record<string, string>> = { [SpecialAttribute.NAME]: 'name', [SpecialAttribute.UID]: 'id' };

/**
 * `__ACCOUNT__` over Box managed users: marker-paged listings whose `next_marker` is the
 * pagedResultsCookie as is, `groups` from memberships, writes that check every group before
 * changing anything and undo a half-made create.
 */
export class BoxUsers implements ClassOperations<BoxQuery> {
  constructor(
    private readonly client: BoxClient,
    private readonly memberships: BoxMemberships,
  ) {}

  async create(attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    const body = userBody(attributes, 'create');
    if (body.name === undefined) throw new InvalidAttributeValueError('__NAME__ is required to create a Box user');
    if (body.login === undefined && body.is_platform_access_only !== true) {
      throw new InvalidAttributeValueError('login is required to create a Box user (unless is_platform_access_only is true)');
    }
    const groups = attributes.groups === undefined ? [] : groupIdsOf(attributes.groups);
    await this.memberships.requireGroups(groups, ctx);
    const user = await this.client.createUser(body, ctx);
    try {
      await this.memberships.add(user.id, groups, ctx);
    } catch (error) {
      // A user without the groups asked for is a half-applied create: take it back, then report.
      await this.client.deleteUser(user.id, { force: true, notify: false }, ctx).catch(() => undefined);
      throw error;
    }
    return { value: user.id };
  }

  async get(id: string, attributesToGet: readonly string[] | undefined, ctx: OperationContext): Promise<ConnectorObject | null> {
    const user = await this.client.getUser(id, ctx);
    if (!user) return null;
    const groups = wants(attributesToGet, 'groups') ? membershipGroupIds(await this.memberships.ofUser(id, ctx)) : undefined;
    return onlyWanted(userToObject(user, groups), attributesToGet);
  }

  async search(query: BoxQuery | null, options: SearchOptions, ctx: OperationContext): Promise<SearchPage> {
    if (query?.kind === 'id') {
      const object = await this.get(query.id, options.attributesToGet, ctx);
      return { objects: object ? [object] : [], pagedResultsCookie: null };
    }
    const cookie = options.pagedResultsCookie;
    if (cookie !== undefined && !/^[A-Za-z0-9_=-]{1,512}$/.test(cookie)) {
      throw new InvalidArgumentError('The _pagedResultsCookie is not a cookie this query returned');
    }
    const page = await this.client.listUsers({
      limit: options.pageSize !== undefined && options.pageSize > 0 ? options.pageSize : BOX_MAX_LIMIT,
      ...(cookie !== undefined ? { marker: cookie } : {}),
      ...(query?.kind === 'term' ? { filterTerm: query.term } : {}),
      fields: fieldsFor(options.attributesToGet),
    }, ctx).catch((error: unknown) => {
      // Box refuses a marker it did not issue with a 400 naming `marker`: that is the caller's cookie.
      if (cookie !== undefined && error instanceof InvalidAttributeValueError && /\bmarker\b/.test(error.message)) {
        throw new InvalidArgumentError('The _pagedResultsCookie is not a cookie this query returned', { cause: error });
      }
      throw error;
    });
    const users: readonly BoxUser[] = page.entries;
    const groups = wants(options.attributesToGet, 'groups')
      ? await this.memberships.groupIdsOfUsers(users.map((u) => u.id), ctx)
      : undefined;
    return {
      objects: users.map((user, i) => onlyWanted(userToObject(user, groups?.[i]), options.attributesToGet)),
      // Box's marker passes through unchanged; none (null or "") ends the listing.
      pagedResultsCookie: page.next_marker ? page.next_marker : null,
    };
  }

  async update(id: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    const current = await this.client.getUser(id, ctx);
    if (!current) throw new UnknownUidError(`Box has no user ${id}`);
    const changes = changedUserFields(userBody(attributes, 'update'), current);
    let toAdd: string[] = [];
    let toRemove: readonly BoxMembership[] = [];
    if (attributes.groups !== undefined) {
      const wanted = groupIdsOf(attributes.groups);
      const existing = await this.memberships.ofUser(id, ctx);
      const have = new Set(membershipGroupIds(existing));
      toAdd = wanted.filter((g) => !have.has(g));
      toRemove = existing.filter((m) => m.group !== undefined && !wanted.includes(m.group.id));
      await this.memberships.requireGroups(toAdd, ctx);
    }
    // The user's fields, then the memberships (added, then removed); a failed call takes back the
    // calls made before it, so a refused membership leaves no changed job title behind.
    const fields: WriteStep[] = Object.keys(changes).length === 0 ? [] : [{
      what: `Box PUT /users/${id} (${Object.keys(changes).join(', ')})`,
      run: async () => { await this.client.updateUser(id, changes, ctx); },
      undo: async (undoCtx) => { await this.client.updateUser(id, previousUserFields(current, changes), undoCtx); },
    }];
    await runWriteSteps([fields, this.memberships.addSteps(id, toAdd, ctx), this.memberships.removeSteps(toRemove, ctx)], ctx, this.memberships.parallelism);
    return { value: id };
  }

  async delete(id: string, ctx: OperationContext): Promise<void> {
    await this.client.deleteUser(id, { ...flag(ctx, 'force'), ...flag(ctx, 'notify') }, ctx);
  }
}

/** The Box fields a read needs: the full set, or `id` plus those of the attributes asked for. */
function fieldsFor(attributesToGet: readonly string[] | undefined): readonly string[] {
  if (attributesToGet === undefined) return USER_FIELDS;
  const known = new Set<string>(USER_FIELDS);
  const fields = attributesToGet.map((a) => FIELD_OF[a] ?? a).filter((f) => known.has(f));
  return [...new Set(['id', ...fields])];
}

/** A boolean request option (`?force=true`) for Box. @throws InvalidArgumentError for anything but true/false. */
function flag(ctx: OperationContext, name: 'force' | 'notify'): { force?: boolean; notify?: boolean } {
  const raw = ctx.options[name];
  if (raw === undefined) return {};
  if (raw !== 'true' && raw !== 'false') throw new InvalidArgumentError(`The ${name} parameter must be true or false; got "${raw}"`);
  return { [name]: raw === 'true' };
}

/** The values of `current` that `changes` replaced, to put them back (Box clears a text field given ""). */
function previousUserFields(current: BoxUser, changes: Readonly<Record<string, string | number | boolean>>): Record<string, string | number | boolean> {
  const previous: Record<string, string | number | boolean> = {};
  for (const name of Object.keys(changes)) {
    const value: unknown = current[name];
    previous[name] = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : '';
  }
  return previous;
}
