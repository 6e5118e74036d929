import express, { type Router } from 'express';
import type { JsonObject, JsonValue } from '../../util/json.js';
import { apiBase } from './api-base.js';
import type { AttributeDef } from './attribute-def.js';
import { CURSOR_TIMEOUT_SECONDS } from './cursor.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './list-params.js';
import type { ResourceType } from './resource-type.js';
import { ScimError } from './scim-error.js';
import { sendScim } from './scim-response.js';
import { SCIM_URN } from './scim-urns.js';

const COMMON = new Set(['id', 'externalId', 'meta']);

/** `/v2/ServiceProviderConfig`, `/v2/ResourceTypes` and `/v2/Schemas` (RFC 7644 §4), generated from the resource types. */
export function discoveryRoutes(types: readonly ResourceType[]): Router {
  const router = express.Router();

  /** GET /v2/ServiceProviderConfig: features, paging (RFC 9865 `pagination`) and authentication schemes. */
  router.get('/ServiceProviderConfig', (_req, res) => {
    sendScim(res, 200, {
      schemas: [SCIM_URN.serviceProviderConfig],
      documentationUri: 'https://www.rfc-editor.org/rfc/rfc7644',
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: MAX_PAGE_SIZE },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      pagination: {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        defaultPageSize: DEFAULT_PAGE_SIZE,
        maxPageSize: MAX_PAGE_SIZE,
        cursorTimeout: CURSOR_TIMEOUT_SECONDS,
      },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'OAuth Bearer Token',
          description: 'A client-credentials token from POST ../oauth2/token, or the static sandbox token',
          specUri: 'https://www.rfc-editor.org/info/rfc6750',
          primary: true,
        },
        {
          type: 'httpbasic',
          name: 'HTTP Basic',
          description: 'The sandbox username and password',
          specUri: 'https://www.rfc-editor.org/info/rfc7617',
          primary: false,
        },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: `${apiBase(res)}/ServiceProviderConfig` },
    });
  });

  /** GET /v2/ResourceTypes: User and Group. */
  router.get('/ResourceTypes', (_req, res) => {
    sendScim(res, 200, listResponse(types.map((t) => resourceTypeOf(t, apiBase(res)))));
  });

  /** GET /v2/ResourceTypes/{name}. */
  router.get('/ResourceTypes/:name', (req, res) => {
    const type = types.find((t) => t.name === req.params.name);
    if (!type) throw ScimError.notFound('ResourceType', String(req.params.name));
    sendScim(res, 200, resourceTypeOf(type, apiBase(res)));
  });

  /** GET /v2/Schemas: the User and Group schemas with every attribute's characteristics. */
  router.get('/Schemas', (_req, res) => {
    sendScim(res, 200, listResponse(types.map((t) => schemaOf(t, apiBase(res)))));
  });

  /** GET /v2/Schemas/{urn}. */
  router.get('/Schemas/:urn', (req, res) => {
    const type = types.find((t) => t.schema === req.params.urn);
    if (!type) throw ScimError.notFound('Schema', String(req.params.urn));
    sendScim(res, 200, schemaOf(type, apiBase(res)));
  });

  return router;
}

function listResponse(resources: JsonObject[]): JsonObject {
  return { schemas: [SCIM_URN.listResponse], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}

function resourceTypeOf(type: ResourceType, base: string): JsonObject {
  return {
    schemas: [SCIM_URN.resourceType],
    id: type.name,
    name: type.name,
    endpoint: `/${type.endpoint}`,
    description: type.description,
    schema: type.schema,
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${type.name}` },
  };
}

function schemaOf(type: ResourceType, base: string): JsonObject {
  return {
    schemas: [SCIM_URN.schema],
    id: type.schema,
    name: type.name,
    description: type.description,
    attributes: type.attributes.filter((d) => !COMMON.has(d.name)).map(attributeOf),
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${type.schema}` },
  };
}

function attributeOf(def: AttributeDef): JsonValue {
  const out: JsonObject = {
    name: def.name,
    type: def.type,
    multiValued: def.multiValued,
    description: def.description,
    required: def.required,
    caseExact: def.caseExact,
    mutability: def.mutability,
    returned: def.returned,
    uniqueness: def.uniqueness,
  };
  if (def.canonicalValues) out.canonicalValues = [...def.canonicalValues];
  if (def.referenceTypes) out.referenceTypes = [...def.referenceTypes];
  if (def.subAttributes) out.subAttributes = def.subAttributes.map(attributeOf);
  return out;
}
