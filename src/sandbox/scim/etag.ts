import type { Request } from 'express';
import type { ScimRecord } from './scim-data.js';
import { ScimError } from './scim-error.js';

/** The resource version, a weak ETag (RFC 7644 §3.14): `W/"<revision>"`. */
export function versionOf(record: ScimRecord): string {
  return `W/"${record.meta.revision}"`;
}

/** 412 when `If-Match` is given and names neither `*` nor the current version (`W/"3"`, `"3"` and `3` are the same). */
export function assertIfMatch(req: Request, record: ScimRecord): void {
  const header = req.get('if-match');
  if (header === undefined || header.trim() === '') return;
  if (!matches(header, record)) {
    throw new ScimError(412, `Failed to update: ${record.id} has changed on the server (current version ${versionOf(record)})`);
  }
}

/** Whether `If-None-Match` names the current version (a GET then answers 304). */
export function isNotModified(req: Request, record: ScimRecord): boolean {
  const header = req.get('if-none-match');
  return header !== undefined && header.trim() !== '' && matches(header, record);
}

function matches(header: string, record: ScimRecord): boolean {
  const current = String(record.meta.revision);
  return header.split(',').some((tag) => {
    const bare = tag.trim().replace(/^W\//i, '').replace(/^"(.*)"$/, '$1');
    return bare === '*' || bare === current;
  });
}
