import { Ajv, type ErrorObject } from 'ajv';
import type { ProvisionerConfig } from './provisioner-config.js';

const OPERATIONS = ['CREATE', 'UPDATE', 'DELETE', 'TEST', 'SCRIPT_ON_CONNECTOR', 'SCRIPT_ON_RESOURCE', 'GET',
  'RESOLVEUSERNAME', 'AUTHENTICATE', 'SEARCH', 'VALIDATE', 'SYNC', 'SCHEMA'];

const operationOption = {
  type: 'object',
  properties: {
    denied: { type: 'boolean' },
    onDeny: { enum: ['DO_NOTHING', 'THROW_EXCEPTION'] },
    supportedObjectTypes: { type: 'array', items: { type: 'string' } },
    objectFeatures: { type: 'object', additionalProperties: { $ref: '#/$defs/operationOption' } },
  },
};

/** JSON schema of a provisioner file: what must hold before a system is built from it. */
export const provisionerSchema = {
  $id: 'provisioner.openicf',
  type: 'object',
  required: ['name', 'connectorRef'],
  $defs: { operationOption },
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9]+$' },
    enabled: { type: 'boolean' },
    connectorRef: {
      type: 'object',
      required: ['connectorName'],
      properties: {
        bundleName: { type: 'string' },
        bundleVersion: { type: 'string' },
        connectorName: { type: 'string', minLength: 1 },
        connectorHostRef: { type: 'string' },
      },
    },
    configurationProperties: { type: ['object', 'null'] },
    objectTypes: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['nativeType'],
        properties: {
          nativeType: { type: 'string', minLength: 1 },
          absentIfNull: { type: 'boolean' },
          absentIfEmpty: { type: 'boolean' },
          properties: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              properties: {
                type: { type: ['string', 'array'] },
                nativeName: { type: 'string', minLength: 1 },
                nativeType: { type: 'string' },
                required: { type: 'boolean' },
                flags: { type: 'array', items: { type: 'string' } },
                items: { type: 'object' },
              },
            },
          },
        },
      },
    },
    operationOptions: {
      type: 'object',
      propertyNames: { enum: OPERATIONS },
      additionalProperties: { $ref: '#/$defs/operationOption' },
    },
    operationTimeout: {
      type: 'object',
      propertyNames: { enum: OPERATIONS },
      additionalProperties: { type: 'integer', minimum: -1 },
    },
    operationRateLimits: {
      type: 'object',
      propertyNames: { enum: OPERATIONS },
      additionalProperties: {
        type: 'object',
        properties: {
          requestLimit: { type: 'integer', minimum: 1 },
          requestPeriod: { type: 'integer', minimum: 1 },
          requestTimeout: { type: 'integer', minimum: 0 },
        },
      },
    },
    resultsHandlerConfig: {
      type: 'object',
      properties: {
        enableNormalizingResultsHandler: { type: 'boolean' },
        enableFilteredResultsHandler: { type: 'boolean' },
        enableCaseInsensitiveFilter: { type: 'boolean' },
        enableAttributesToGetSearchResultsHandler: { type: 'boolean' },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile<ProvisionerConfig>(provisionerSchema);

/** Returns "path: reason" problems of a provisioner document (empty when valid). */
export function provisionerProblems(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map(describe);
}

function describe(error: ErrorObject): string {
  const path = error.instancePath === '' ? '/' : error.instancePath;
  if (error.keyword === 'pattern' && path === '/name') {
    return `/name: the system name must be alphanumeric (letters and digits only)`;
  }
  if (error.keyword === 'propertyNames') {
    return `${path}: unknown operation ${JSON.stringify((error.params as { propertyName?: string }).propertyName)}; expected one of ${OPERATIONS.join(', ')}`;
  }
  if (error.keyword === 'required') return `${path}: missing required property "${(error.params as { missingProperty: string }).missingProperty}"`;
  return `${path}: ${error.message ?? 'is invalid'}`;
}
