// A server-rendered app. Its pages configure the widgets with attributes alone (token-url, endpoint) and
// an HTMX fragment swaps one more in after load: no script of the page's own, so the pages can be sent
// with a Content-Security-Policy that allows no inline script or style.
//
// This app knows who is signed in and mints their session token; the billing proxy runs elsewhere
// (examples/backend, or any createProxy with bearerSession and the same SESSION_SECRET).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express from 'express';
import { createSessionToken } from 'metronome-widgets/proxy';

function setting(name) {
  const value = process.env[name]?.trim();
  if (!value) {
    console.error(`htmx example: set ${name} (see README.md)`);
    process.exit(1);
  }
  return value;
}

const billingProxy = new URL(setting('BILLING_PROXY_URL')); // e.g. http://127.0.0.1:3000/billing-by-token
const sessionSecret = setting('SESSION_SECRET'); // the billing proxy's, 32+ characters
const cookieSecret = setting('COOKIE_SECRET');

// Your accounts, each with the id of its customer in Metronome. Here: two customers of the simulator.
const users = {
  ada: { name: 'Ada', metronomeCustomerId: '6f1c2a9e-4b7d-4e38-9a51-3c8d0e2f7a14' }, // Acme Robotics
  grace: { name: 'Grace', metronomeCustomerId: '3d9a7c41-e5b2-4f08-a6d3-8c1e0b7f5a29' }, // Initech Cloud
};
const signedInUser = (req) => (Object.hasOwn(users, req.signedCookies.uid) ? users[req.signedCookies.uid] : undefined);

/** A widget configured by its attributes: where its session token comes from, and where the proxy is. */
const widget = (tag, attributes = '') => `<${tag} token-url="/billing-token" endpoint="${billingProxy.href}" ${attributes}></${tag}>`;

const page = (title, body) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <script type="module" src="/assets/metronome-widgets/widgets.js"></script>
    <script src="/assets/htmx.min.js"></script>
  </head>
  <body>
    ${body}
  </body>
</html>`;

const app = express();
app.use(cookieParser(cookieSecret));
app.use((_req, res, next) => {
  res.set('Content-Security-Policy', `default-src 'self'; connect-src 'self' ${billingProxy.origin}; base-uri 'none'; frame-ancestors 'none'`);
  next();
});

// The widgets' self-contained file and htmx, served from node_modules.
const fileOf = (specifier) => fileURLToPath(import.meta.resolve(specifier));
app.use('/assets/metronome-widgets', express.static(dirname(fileOf('metronome-widgets/cdn/widgets.js'))));
app.get('/assets/htmx.min.js', (_req, res) => res.sendFile(fileOf('htmx.org/dist/htmx.min.js')));

// A stand-in for your sign-in: /sign-in?user=ada sets a signed session cookie.
app.get('/sign-in', (req, res) => {
  if (!Object.hasOwn(users, req.query.user)) {
    return res.send(page('Sign in', Object.keys(users).map((id) => `<p><a href="/sign-in?user=${id}">Sign in as ${users[id].name}</a></p>`).join('')));
  }
  res.cookie('uid', req.query.user, { signed: true, httpOnly: true, sameSite: 'lax' });
  res.redirect('/');
});

app.get('/', (req, res) => {
  const user = signedInUser(req);
  if (!user) return res.redirect('/sign-in');
  res.send(
    page(
      'Billing · server-rendered',
      `<h1>Billing for ${user.name}</h1>
    ${widget('spend-breakdown')}
    ${widget('usage-chart', 'group-key="region"')}
    <button hx-get="/fragments/invoices" hx-target="#invoices">Show invoices</button>
    <section id="invoices"></section>`,
    ),
  );
});

// The fragment HTMX swaps in: the new element upgrades and loads as soon as it is in the page.
app.get('/fragments/invoices', (_req, res) => res.send(`<h2>Invoices</h2>${widget('invoice-list')}`));

// The widgets' token-url: a short-lived session token naming the signed-in user's Metronome customer.
app.get('/billing-token', async (req, res) => {
  const user = signedInUser(req);
  if (!user) return res.status(401).type('text/plain').send('Sign in first.');
  const token = await createSessionToken({ customerId: user.metronomeCustomerId, secret: sessionSecret, ttlSeconds: 900 });
  res.set('Cache-Control', 'no-store').type('text/plain').send(token);
});

const host = process.env.HOST || '127.0.0.1';
const server = app.listen(Number(process.env.PORT || 3001), host, (error) => {
  if (error) throw error;
  console.log(`Server-rendered app on http://localhost:${server.address().port}/`);
});
process.on('SIGTERM', () => server.close());
