// POST /v1/dashboards/getEmbeddableUrl (embeddableDashboard-v1) and the hosted page its URL points
// to. The URL is the bearer of access (it goes into an iframe), so it is signed with HMAC-SHA-256
// keyed by the simulator's API token and expires after an hour; the page needs no Authorization.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { findCustomer } from '../catalog.ts';
import { BadRequest, apiError } from '../http.ts';
import { type DashboardConfig, type DashboardKind, type GroupKeyOverride, renderDashboard, renderRefusal } from '../dashboard-page.ts';
import { specBody } from './body.ts';

export const DASHBOARD_TTL_MS = 60 * 60 * 1000;
export const DASHBOARD_PATH = '/embed/dashboards';

/**
 * dashboard_options each dashboard understands, with their allowed values: the spec's description
 * names show_zero_usage_line_items and its example request adds hide_voided_invoices, both for the
 * invoices dashboard. Maps, as the keys come from the request: an option named `constructor` is
 * unknown, not Object's.
 */
const BOOLEAN = ['true', 'false'];
const OPTIONS: ReadonlyMap<DashboardKind, ReadonlyMap<string, ReadonlyArray<string>>> = new Map([
  ['invoices', new Map([['show_zero_usage_line_items', BOOLEAN], ['hide_voided_invoices', BOOLEAN]])],
  ['usage', new Map()],
  ['commits_and_credits', new Map()],
]);
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

interface Payload {
  customer_id: string;
  dashboard: DashboardKind;
  dashboard_options?: Array<{ key: string; value: string }>;
  color_overrides?: Array<{ name?: string; value?: string }>;
  bm_group_key_overrides?: GroupKeyOverride[];
}

const encoder = new TextEncoder();
const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64url = (text: string) => new TextDecoder().decode(Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0)));

async function sign(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message))));
}

/** Compares in time independent of where the strings differ, so a signature cannot be guessed byte by byte. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** The payload's customisation, checked: unknown options and non-hex colours are 400s naming the field. */
function configOf(payload: Payload): DashboardConfig {
  const allowed = OPTIONS.get(payload.dashboard)!;
  const options = new Map<string, string>();
  for (const [i, { key, value }] of (payload.dashboard_options ?? []).entries()) {
    const values = allowed.get(key);
    if (!values) throw new BadRequest(`dashboard_options[${i}].key "${key}" is not an option of the ${payload.dashboard} dashboard`);
    if (!values.includes(value)) throw new BadRequest(`dashboard_options[${i}].value for ${key} must be one of ${values.join(', ')}`);
    options.set(key, value);
  }
  const colors = new Map<string, string>();
  for (const [i, { name, value }] of (payload.color_overrides ?? []).entries()) {
    if (name === undefined || value === undefined) throw new BadRequest(`color_overrides[${i}] needs both name and value`);
    if (!HEX_COLOR.test(value)) throw new BadRequest(`color_overrides[${i}].value must be a hex colour such as #1a2b3c (got ${JSON.stringify(value)})`);
    colors.set(name, value);
  }
  // fromEntries makes own properties, whatever the names.
  return { dashboard: payload.dashboard, options: Object.fromEntries(options), colors: Object.fromEntries(colors), group_key_overrides: payload.bm_group_key_overrides ?? [] };
}

function refuse(c: Context, status: 403 | 410, title: string, message: string): Response {
  return c.html(renderRefusal(title, message), status);
}

export function dashboardsRoutes(options: { now: () => Date; seed: number; apiToken: string }): Hono {
  const app = new Hono();

  // The URL is on the simulator's own origin, as seen in this request.
  app.post('/v1/dashboards/getEmbeddableUrl', async (c) => {
    const payload = await specBody<Payload>(c, '/v1/dashboards/getEmbeddableUrl');
    const config = configOf(payload);
    const customer = findCustomer(payload.customer_id.toLowerCase());
    if (!customer) return apiError(c, 404, 'Customer not found');
    const query = new URLSearchParams({
      customer_id: customer.id,
      config: base64url(encoder.encode(JSON.stringify(config))),
      expires: String(Math.floor((options.now().getTime() + DASHBOARD_TTL_MS) / 1000)),
    });
    const url = `${new URL(c.req.url).origin}${DASHBOARD_PATH}?${query}&signature=${await sign(options.apiToken, query.toString())}`;
    return c.json({ data: { url } });
  });

  return app;
}

/**
 * The hosted page. Mounted before the bearer check: the signature (over every parameter before it,
 * which must come last; not the path, so the app may be mounted anywhere) and the expiry grant access.
 */
export function dashboardPageRoutes(options: { now: () => Date; seed: number; apiToken: string }): Hono {
  const app = new Hono();
  app.get(DASHBOARD_PATH, async (c) => {
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    const url = new URL(c.req.url);
    const match = /^\?(.*)&signature=([A-Za-z0-9_-]+)$/.exec(url.search);
    if (!match || !options.apiToken || !sameText(await sign(options.apiToken, match[1]!), match[2]!)) {
      return refuse(c, 403, 'Link not valid', 'This dashboard link is not valid. Ask for a new one.');
    }
    const expires = Number(url.searchParams.get('expires'));
    if (!(options.now().getTime() < expires * 1000)) return refuse(c, 410, 'Link expired', 'This dashboard link has expired. Reload the page that shows it.');
    const customer = findCustomer(url.searchParams.get('customer_id') ?? '');
    let config: DashboardConfig | undefined;
    try {
      config = JSON.parse(fromBase64url(url.searchParams.get('config') ?? '')) as DashboardConfig;
    } catch {
      config = undefined;
    }
    // Only the simulator signs these URLs, so this happens only if the token was reused elsewhere.
    if (!customer || !config) return refuse(c, 403, 'Link not valid', 'This dashboard link is not valid. Ask for a new one.');
    return c.html(renderDashboard(customer, config, options.seed, options.now()));
  });
  return app;
}
