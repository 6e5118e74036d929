import { randomUUID } from 'node:crypto';

/** The header IDM (and ForgeRock's other products) use to carry a request's transaction id. */
export const TRANSACTION_ID_HEADER = 'X-ForgeRock-TransactionId';

/** Printable ASCII without spaces, at most 128 characters: safe to echo in a header and a log line. */
const VALID = /^[\x21-\x7E]{1,128}$/;

/** The caller's transaction id when it is acceptable, else a fresh UUID. */
export function transactionIdFrom(header: string | undefined): string {
  return header !== undefined && VALID.test(header) ? header : randomUUID();
}
