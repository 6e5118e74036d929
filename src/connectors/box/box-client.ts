import { ConnectorIOError } from '../../provisioner/connector-errors.js';
import type { OperationContext } from '../../provisioner/spi.js';
import type { HttpCall, HttpClient, HttpResult } from '../shared/http-client.js';
import {
  BOX_MAX_LIMIT, GROUP_FIELDS, USER_FIELDS,
  type BoxBody, type BoxGroup, type BoxMarkerPage, type BoxMembership, type BoxOffsetPage, type BoxUser,
} from './box-wire.js';

/** Options of `DELETE /users/{id}` (the CREST request's `force` and `notify` parameters). */
export interface BoxDeleteUserOptions {
  readonly force?: boolean;
  readonly notify?: boolean;
}

/**
 * Typed calls of the Box API (base `serviceUri`, e.g. `https://api.box.com/2.0`): one method per
 * endpoint, I/O only. Reads ask for the full field sets the connector maps; errors arrive as
 * ConnectorErrors through the shared HTTP layer.
 */
export class BoxClient {
  constructor(private readonly http: HttpClient) {}

  /** GET /2.0/users/me (the connection test). */
  async getCurrentUser(ctx: OperationContext): Promise<BoxUser> {
    return this.object<BoxUser>(await this.http.request({ method: 'GET', path: '/users/me', query: { fields: 'id,type,name,login' }, what: 'Box GET /users/me' }, ctx), 'users/me');
  }

  /** GET /2.0/users?usemarker=true — one marker page of enterprise users. */
  async listUsers(arg: { limit: number; marker?: string; filterTerm?: string; fields: readonly string[] }, ctx: OperationContext): Promise<BoxMarkerPage<BoxUser>> {
    const result = await this.http.request({
      method: 'GET', path: '/users', what: 'Box GET /users',
      query: { usemarker: true, limit: clamp(arg.limit), marker: arg.marker, filter_term: arg.filterTerm, fields: arg.fields.join(',') },
    }, ctx);
    return this.page<BoxMarkerPage<BoxUser>>(result, 'users');
  }

  /** GET /2.0/users/{id}; null when Box has no such user. */
  async getUser(id: string, ctx: OperationContext): Promise<BoxUser | null> {
    const result = await this.http.request({ ...userCall('GET', id), query: { fields: USER_FIELDS.join(',') }, accept: [404] }, ctx);
    return result.status === 404 ? null : this.object<BoxUser>(result, 'user');
  }

  /** POST /2.0/users (201): creates a managed user. */
  async createUser(body: BoxBody, ctx: OperationContext): Promise<BoxUser> {
    const result = await this.http.request({ method: 'POST', path: '/users', route: '/2.0/users', query: { fields: USER_FIELDS.join(',') }, json: body, what: 'Box POST /users' }, ctx);
    return this.object<BoxUser>(result, 'user');
  }

  /** PUT /2.0/users/{id} */
  async updateUser(id: string, body: BoxBody, ctx: OperationContext): Promise<BoxUser> {
    const result = await this.http.request({ ...userCall('PUT', id), query: { fields: USER_FIELDS.join(',') }, json: body }, ctx);
    return this.object<BoxUser>(result, 'user');
  }

  /** DELETE /2.0/users/{id} (204), with Box's `force` and `notify`. */
  async deleteUser(id: string, options: BoxDeleteUserOptions, ctx: OperationContext): Promise<void> {
    await this.http.request({ ...userCall('DELETE', id), query: { force: options.force, notify: options.notify } }, ctx);
  }

  /** GET /2.0/users/{id}/memberships — one offset page of the user's groups. */
  async listUserMemberships(id: string, offset: number, ctx: OperationContext): Promise<BoxOffsetPage<BoxMembership>> {
    const result = await this.http.request({
      method: 'GET', path: `/users/${encodeURIComponent(id)}/memberships`, route: '/2.0/users/{id}/memberships',
      query: { offset, limit: BOX_MAX_LIMIT }, what: `Box GET /users/${id}/memberships`,
    }, ctx);
    return this.page<BoxOffsetPage<BoxMembership>>(result, 'memberships');
  }

  /** POST /2.0/group_memberships (201): adds a user to a group as a member (or with `role`, e.g. when putting a membership back). */
  async addMembership(userId: string, groupId: string, ctx: OperationContext, role?: string): Promise<BoxMembership> {
    const result = await this.http.request({
      method: 'POST', path: '/group_memberships', what: `Box POST /group_memberships (user ${userId}, group ${groupId})`,
      json: { user: { id: userId }, group: { id: groupId }, ...(role !== undefined ? { role } : {}) },
    }, ctx);
    return this.object<BoxMembership>(result, 'group membership');
  }

  /** DELETE /2.0/group_memberships/{id} (204). */
  async deleteMembership(membershipId: string, ctx: OperationContext): Promise<void> {
    await this.http.request({
      method: 'DELETE', path: `/group_memberships/${encodeURIComponent(membershipId)}`, route: '/2.0/group_memberships/{id}',
      what: `Box DELETE /group_memberships/${membershipId}`,
    }, ctx);
  }

  /** GET /2.0/groups — one offset page of the enterprise's groups. */
  async listGroups(arg: { offset: number; limit: number; filterTerm?: string }, ctx: OperationContext): Promise<BoxOffsetPage<BoxGroup>> {
    const result = await this.http.request({
      method: 'GET', path: '/groups', what: 'Box GET /groups',
      query: { offset: arg.offset, limit: clamp(arg.limit), filter_term: arg.filterTerm, fields: GROUP_FIELDS.join(',') },
    }, ctx);
    return this.page<BoxOffsetPage<BoxGroup>>(result, 'groups');
  }

  /** GET /2.0/groups/{id}; null when Box has no such group. */
  async getGroup(id: string, ctx: OperationContext): Promise<BoxGroup | null> {
    const result = await this.http.request({ ...groupCall('GET', id), query: { fields: GROUP_FIELDS.join(',') }, accept: [404] }, ctx);
    return result.status === 404 ? null : this.object<BoxGroup>(result, 'group');
  }

  /** POST /2.0/groups (201) */
  async createGroup(body: BoxBody, ctx: OperationContext): Promise<BoxGroup> {
    const result = await this.http.request({ method: 'POST', path: '/groups', route: '/2.0/groups', query: { fields: GROUP_FIELDS.join(',') }, json: body, what: 'Box POST /groups' }, ctx);
    return this.object<BoxGroup>(result, 'group');
  }

  /** PUT /2.0/groups/{id} */
  async updateGroup(id: string, body: BoxBody, ctx: OperationContext): Promise<BoxGroup> {
    const result = await this.http.request({ ...groupCall('PUT', id), query: { fields: GROUP_FIELDS.join(',') }, json: body }, ctx);
    return this.object<BoxGroup>(result, 'group');
  }

  /** DELETE /2.0/groups/{id} (204) */
  async deleteGroup(id: string, ctx: OperationContext): Promise<void> {
    await this.http.request(groupCall('DELETE', id), ctx);
  }

  private object<T>(result: HttpResult, what: string): T {
    const body = result.body as { id?: unknown } | null;
    if (typeof body !== 'object' || body === null || typeof body.id !== 'string') {
      throw new ConnectorIOError(`Box answered an unexpected ${what} body (status ${result.status})`);
    }
    return body as T;
  }

  private page<T>(result: HttpResult, what: string): T {
    const body = result.body as { entries?: unknown } | null;
    if (typeof body !== 'object' || body === null || !Array.isArray(body.entries)) {
      throw new ConnectorIOError(`Box answered an unexpected ${what} list (status ${result.status})`);
    }
    return body as T;
  }
}

function userCall(method: 'GET' | 'PUT' | 'DELETE', id: string): HttpCall {
  return { method, path: `/users/${encodeURIComponent(id)}`, route: '/2.0/users/{id}', what: `Box ${method} /users/${id}` };
}

function groupCall(method: 'GET' | 'PUT' | 'DELETE', id: string): HttpCall {
  return { method, path: `/groups/${encodeURIComponent(id)}`, route: '/2.0/groups/{id}', what: `Box ${method} /groups/${id}` };
}

function clamp(limit: number): number {
  return Math.max(1, Math.min(BOX_MAX_LIMIT, Math.floor(limit)));
}
