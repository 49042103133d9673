/** `npm run token -- <customer_id> [ttl_seconds]`: prints a session token signed with SESSION_SECRET. */
import { createSessionToken } from './session.ts';

const [customerId, ttl = '900'] = process.argv.slice(2);
const secret = process.env.SESSION_SECRET;
if (!customerId || !secret) {
  console.error('usage: SESSION_SECRET=… npm run token -- <customer_id> [ttl_seconds, default 900]');
  process.exit(2);
}
const ttlSeconds = Number(ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
  console.error(`ttl_seconds must be a positive integer, got "${ttl}"`);
  process.exit(2);
}
console.log(await createSessionToken({ customerId, secret, ttlSeconds }));
