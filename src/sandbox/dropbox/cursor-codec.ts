import { createHmac, timingSafeEqual } from 'node:crypto';

export type CursorKind = 'members' | 'groups' | 'group_members';

/** What a cursor remembers: the listing, the last `seq` returned, the page size and filters. */
export interface CursorPayload {
  kind: CursorKind;
  /** Last seq returned; the next page starts after it, so inserts never shift a page. */
  after: number;
  limit: number;
  includeRemoved?: boolean;
  groupId?: string;
}

const SIG_CHARS = 22;

/**
 * Opaque, tamper-evident cursors (`AA` + base64url payload + HMAC). The key lives in the
 * persisted state, so cursors survive a restart; garbage decodes to `undefined` (invalid_cursor).
 */
export class CursorCodec {
  constructor(private readonly secret: () => string) {}

  private sign(body: string): string {
    return createHmac('sha256', this.secret()).update(body).digest('base64url').slice(0, SIG_CHARS);
  }

  encode(payload: CursorPayload): string {
    const compact = [payload.kind, payload.after, payload.limit, payload.includeRemoved ? 1 : 0, payload.groupId ?? ''];
    const body = Buffer.from(JSON.stringify(compact)).toString('base64url');
    return `AA${body}${this.sign(body)}`;
  }

  decode(cursor: string, kind: CursorKind): CursorPayload | undefined {
    if (!cursor.startsWith('AA') || cursor.length <= 2 + SIG_CHARS) return undefined;
    const body = cursor.slice(2, -SIG_CHARS);
    const sig = Buffer.from(cursor.slice(-SIG_CHARS));
    const expected = Buffer.from(this.sign(body));
    if (sig.length !== expected.length || !timingSafeEqual(sig, expected)) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (!Array.isArray(parsed) || parsed[0] !== kind) return undefined;
    const [, after, limit, includeRemoved, groupId] = parsed as unknown[];
    if (typeof after !== 'number' || typeof limit !== 'number' || typeof groupId !== 'string') return undefined;
    const payload: CursorPayload = { kind, after, limit, includeRemoved: includeRemoved === 1 };
    if (groupId !== '') payload.groupId = groupId;
    return payload;
  }
}
