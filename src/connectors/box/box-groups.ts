import { InvalidArgumentError, UnknownUidError } from '../../provisioner/connector-errors.js';
import type { AttributeMap, ConnectorObject, Uid } from '../../provisioner/objects.js';
import type { OperationContext, SearchOptions, SearchPage } from '../../provisioner/spi.js';
import { onlyWanted, type ClassOperations } from '../shared/class-operations.js';
import type { BoxClient } from './box-client.js';
import type { BoxQuery } from './box-filter.js';
import { groupBody, groupToObject } from './box-group-mapping.js';
import { BOX_MAX_LIMIT } from './box-wire.js';

/**
 * `__GROUP__` over Box groups. Box pages groups by offset only, so the pagedResultsCookie is the
 * gateway's own `offset:<n>`; the last page has none.
 */
export class BoxGroups implements ClassOperations<BoxQuery> {
  constructor(private readonly client: BoxClient) {}

  async create(attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    const body = groupBody(attributes, 'create');
    if (body.name === undefined) throw new InvalidArgumentError('__NAME__ is required to create a Box group');
    const group = await this.client.createGroup(body, ctx);
    return { value: group.id };
  }

  async get(id: string, attributesToGet: readonly string[] | undefined, ctx: OperationContext): Promise<ConnectorObject | null> {
    const group = await this.client.getGroup(id, ctx);
    return group ? onlyWanted(groupToObject(group), attributesToGet) : null;
  }

  async search(query: BoxQuery | null, options: SearchOptions, ctx: OperationContext): Promise<SearchPage> {
    if (query?.kind === 'id') {
      const object = await this.get(query.id, options.attributesToGet, ctx);
      return { objects: object ? [object] : [], pagedResultsCookie: null };
    }
    const offset = offsetOf(options.pagedResultsCookie);
    const page = await this.client.listGroups({
      offset,
      limit: options.pageSize !== undefined && options.pageSize > 0 ? options.pageSize : BOX_MAX_LIMIT,
      ...(query?.kind === 'term' ? { filterTerm: query.term } : {}),
    }, ctx);
    const next = offset + page.entries.length;
    return {
      objects: page.entries.map((g) => onlyWanted(groupToObject(g), options.attributesToGet)),
      pagedResultsCookie: page.entries.length > 0 && next < page.total_count ? `offset:${next}` : null,
      ...(query === null ? { totalCount: page.total_count } : {}),
    };
  }

  async update(id: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    const body = groupBody(attributes, 'update');
    if (Object.keys(body).length === 0) {
      if (!(await this.client.getGroup(id, ctx))) throw new UnknownUidError(`Box has no group ${id}`);
      return { value: id };
    }
    await this.client.updateGroup(id, body, ctx);
    return { value: id };
  }

  async delete(id: string, ctx: OperationContext): Promise<void> {
    await this.client.deleteGroup(id, ctx);
  }
}

/** The offset of a groups cookie (0 without one). @throws InvalidArgumentError for any other cookie. */
function offsetOf(cookie: string | undefined): number {
  if (cookie === undefined) return 0;
  const match = /^offset:(\d{1,9})$/.exec(cookie);
  if (!match) throw new InvalidArgumentError('The _pagedResultsCookie is not a cookie this query returned');
  return Number(match[1]);
}
