/** Typed views of the sandbox's SCIM wire format, for clients and tests (the server works on JSON). */

export interface ScimMeta {
  resourceType: string;
  created: string;
  lastModified: string;
  location: string;
  version: string;
}

export interface ScimMultiValue {
  value: string;
  type?: string;
  primary?: boolean;
  display?: string;
  $ref?: string;
}

export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name?: { formatted?: string; familyName?: string; givenName?: string; middleName?: string };
  displayName?: string;
  title?: string;
  userType?: string;
  active?: boolean;
  status?: 'active' | 'inactive';
  description?: string;
  emails?: ScimMultiValue[];
  phoneNumbers?: ScimMultiValue[];
  groups?: ScimMultiValue[];
  password?: string;
  meta: ScimMeta;
}

export interface ScimGroup {
  schemas: string[];
  id: string;
  externalId?: string;
  displayName: string;
  members?: ScimMultiValue[];
  meta: ScimMeta;
}

export interface ScimListResponse<T> {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  nextCursor?: string;
  previousCursor?: string;
  Resources: T[];
}

export interface ScimErrorResponse {
  schemas: string[];
  status: string;
  scimType?: string;
  detail: string;
}

export interface OAuthTokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
  refresh_token?: string;
}

export interface OAuthErrorResponse {
  error: string;
  error_description?: string;
}
