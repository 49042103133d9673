// Deterministic UUIDs for records the simulator derives (invoices, ledger segments of generated
// schedules): the same inputs always give the same id, so pages and links stay stable across calls.
import { hashInts, hashString } from '../data.ts';

export function derivedUuid(...parts: ReadonlyArray<string | number>): string {
  const salt = hashString(parts.join('|'));
  const words = [0, 1, 2, 3].map((i) => hashInts(salt, i, parts.length).toString(16).padStart(8, '0'));
  const hex = words.join('');
  // Version 4 and RFC 4122 variant bits, so the result passes strict uuid checks.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
