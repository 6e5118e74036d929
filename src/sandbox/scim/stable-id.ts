import { createHash } from 'node:crypto';

/** A UUID-shaped id derived from a name (version-5 style), so example ids survive every reset. */
export function stableId(name: string): string {
  const hex = createHash('sha1').update(`scim-sandbox:${name}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
