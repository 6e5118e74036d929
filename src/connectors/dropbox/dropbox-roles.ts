import { UnsupportedOperationError } from '../../provisioner/connector-errors.js';
import type { ConnectorObject, Uid } from '../../provisioner/objects.js';
import type { OperationContext, SearchOptions, SearchPage } from '../../provisioner/spi.js';
import type { ClassOperations } from '../shared/class-operations.js';
import type { DropboxClient } from './dropbox-client.js';
import { pageOf } from './dropbox-cookie.js';
import type { DropboxQuery } from './dropbox-filter.js';
import { ROLE_CLASS } from './dropbox-schema.js';
import type { TeamMemberRole } from './dropbox-wire.js';

/** A Dropbox admin role as a connector object (`_id` is the role id). */
export function roleObject(role: TeamMemberRole): ConnectorObject {
  return { objectClass: ROLE_CLASS, uid: { value: role.role_id }, attributes: { name: role.name, description: role.description } };
}

/**
 * `role`: the admin roles a member can hold (members/get_available_team_member_roles). Dropbox
 * defines them, so they are read-only; a member's role is set through its `role_id`.
 */
export class RoleOperations implements ClassOperations<DropboxQuery> {
  constructor(private readonly client: DropboxClient) {}

  create(): Promise<Uid> {
    return Promise.reject(readOnly('created'));
  }

  async get(id: string, _attributesToGet: readonly string[] | undefined, ctx: OperationContext): Promise<ConnectorObject | null> {
    const role = (await this.client.getAvailableTeamMemberRoles(ctx)).find((r) => r.role_id === id);
    return role ? roleObject(role) : null;
  }

  /** Every role (a short list), paged in memory; filters are applied by the facade. */
  async search(_query: unknown, options: SearchOptions, ctx: OperationContext): Promise<SearchPage> {
    const roles = await this.client.getAvailableTeamMemberRoles(ctx);
    const page = pageOf(roles, options.pagedResultsCookie, options.pageSize);
    return { objects: page.items.map(roleObject), pagedResultsCookie: page.next };
  }

  update(): Promise<Uid> {
    return Promise.reject(readOnly('updated'));
  }

  delete(): Promise<void> {
    return Promise.reject(readOnly('deleted'));
  }
}

function readOnly(verb: string): UnsupportedOperationError {
  return new UnsupportedOperationError(`Dropbox roles are defined by Dropbox and cannot be ${verb}: assign one to a member through its role_id`);
}
