import type { InstalledProxy } from './proxy-in-page.ts';

/**
 * From now on the proxy answers these paths (by pathname) with this JSON, fresh, and anything else
 * with 404: for data the simulator does not make, such as credit types in euros or yen.
 */
export function answerWith(proxy: InstalledProxy, routes: Record<string, object>) {
  proxy.override = async (request) => {
    const body = routes[new URL(request.url).pathname];
    return body ? Response.json({ ...body, as_of: new Date().toISOString(), stale: false }) : Response.json({ error: { code: 'not_found', message: 'Not found.' } }, { status: 404 });
  };
}

export const EUR_CENTS = { id: '8f3c1b7e-2d4a-4c6b-9e1f-0a5d7c3b2e91', name: 'EUR (cents)' };
export const JPY = { id: '1c7e9a3f-5b2d-4e8a-b6c4-9d0f2a7e5b13', name: 'JPY (cents)' };
export const GPU_CREDITS = { id: '5ae401dc-a648-4b49-9ac3-391bb5bc4d7b', name: 'GPU credits' };
