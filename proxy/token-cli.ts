/** `npm run token -- <customer_id> [ttl_seconds]`: prints a session token signed with SESSION_SECRET. */
import { createSessionToken, DEFAULT_SESSION_MAX_TTL_SECONDS } from './session.ts';

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
// The proxy refuses tokens that live longer than its SESSION_MAX_TTL_SECONDS: do not mint one.
const maxTtlSeconds = Number(process.env.SESSION_MAX_TTL_SECONDS || DEFAULT_SESSION_MAX_TTL_SECONDS);
try {
  console.log(await createSessionToken({ customerId, secret, ttlSeconds, maxTtlSeconds }));
} catch (err) {
  console.error((err as Error).message.replace(/^createSessionToken: /, ''));
  process.exit(2);
}
