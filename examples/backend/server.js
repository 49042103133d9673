// Your backend: it knows who is signed in, holds the Metronome token, and answers the widgets.
//
// Two ways to tell the proxy who a request is for, side by side:
//   /billing         identify reads this app's own session cookie (for pages served from this origin)
//   /billing-token   mints a session token for the signed-in user (the widgets' `token-url`), which
//   /billing-by-token  verifies (bearerSession), also for pages on other origins (ALLOWED_ORIGINS)
import { getRequestListener } from '@hono/node-server';
import cookieParser from 'cookie-parser';
import express from 'express';
import { bearerSession, createProxy, createSessionToken } from 'metronome-widgets/proxy';

function setting(name) {
  const value = process.env[name]?.trim();
  if (!value) {
    console.error(`backend: set ${name} (see README.md)`);
    process.exit(1);
  }
  return value;
}

const metronome = { token: setting('METRONOME_API_TOKEN'), baseUrl: process.env.METRONOME_BASE_URL || undefined };
const sessionSecret = setting('SESSION_SECRET'); // shared with the proxy's token check, 32+ characters
const cookieSecret = setting('COOKIE_SECRET');
const allowedOrigins = process.env.ALLOWED_ORIGINS?.split(',').map((origin) => origin.trim()).filter(Boolean);

// Your accounts, each with the id of its customer in Metronome. Here: two customers of the simulator.
const users = {
  ada: { name: 'Ada', metronomeCustomerId: '6f1c2a9e-4b7d-4e38-9a51-3c8d0e2f7a14' }, // Acme Robotics
  grace: { name: 'Grace', metronomeCustomerId: '3d9a7c41-e5b2-4f08-a6d3-8c1e0b7f5a29' }, // Initech Cloud
};
const signedInUser = (req) => (Object.hasOwn(users, req.signedCookies.user) ? users[req.signedCookies.user] : undefined);

const app = express();
app.use(cookieParser(cookieSecret));

// A stand-in for your sign-in: /sign-in?user=ada sets a signed session cookie.
app.get('/sign-in', (req, res) => {
  if (!Object.hasOwn(users, req.query.user)) {
    return res.send(Object.keys(users).map((id) => `<p><a href="/sign-in?user=${id}">Sign in as ${users[id].name}</a></p>`).join(''));
  }
  res.cookie('user', req.query.user, { signed: true, httpOnly: true, sameSite: 'lax' });
  res.redirect('/');
});

// 1. The proxy identifies the customer from your session cookie. The widgets still send a token with
//    every call: give them any (`tokenProvider: () => 'cookie-session'`).
const byCookie = createProxy({
  metronome,
  identify: (c) => {
    const user = signedInUser(c.env.incoming); // c.env.incoming is Express's req, cookies parsed
    return user ? { customerId: user.metronomeCustomerId, sessionKey: `user:${c.env.incoming.signedCookies.user}` } : null;
  },
});
app.use('/billing', getRequestListener(byCookie.fetch));

// 2. A token URL for `token-url="/billing-token"`: a short-lived session token naming the customer.
app.get('/billing-token', async (req, res) => {
  const user = signedInUser(req);
  if (!user) return res.status(401).type('text/plain').send('Sign in first.');
  const token = await createSessionToken({ customerId: user.metronomeCustomerId, secret: sessionSecret, ttlSeconds: 900 });
  res.set('Cache-Control', 'no-store').type('text/plain').send(token);
});
const byToken = createProxy({ metronome, identify: bearerSession({ secret: sessionSecret }), allowedOrigins });
app.use('/billing-by-token', getRequestListener(byToken.fetch));

// Your frontend's files (a Vite build's dist/, a static page), when this server serves them.
if (process.env.STATIC_DIR) app.use(express.static(process.env.STATIC_DIR));

const host = process.env.HOST || '127.0.0.1';
const server = app.listen(Number(process.env.PORT || 3000), host, (error) => {
  if (error) throw error;
  console.log(`Backend on http://localhost:${server.address().port}/`);
});
process.on('SIGTERM', () => server.close());
