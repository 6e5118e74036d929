import { invalidParameter } from './box-errors.js';

/**
 * Box's user-list markers: unpadded base64url of `{"type":"id","dir":"next","tail":"<last id>"}`
 * (the seed's `pagedResultsCookie` and the Java SDK's test markers have exactly this form).
 */
export function encodeMarker(tailId: string): string {
  return Buffer.from(JSON.stringify({ type: 'id', dir: 'next', tail: tailId }), 'utf8').toString('base64url');
}

/** The id after which the page starts; a marker Box did not issue is a 400. */
export function decodeMarker(marker: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) {
      const { type, dir, tail } = parsed as Record<string, unknown>;
      if (type === 'id' && dir === 'next' && typeof tail === 'string' && /^\d+$/.test(tail)) return tail;
    }
  } catch {
    // fall through to the 400
  }
  throw invalidParameter('marker', `Invalid value '${marker}'. 'marker' is not a valid marker`);
}
