import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Debian's Chromium, headless, as every Node-side browser test launches it; nothing downloads a browser (README, Test). */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** An HTTP server on a free loopback port; resolves to it and its origin. */
export async function serveOnLoopback(listener: RequestListener): Promise<{ server: Server; origin: string }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * A page running one module, `entry` bundled by esbuild, on loopback: `/` answers `html` (which loads
 * `/page.js`) with the headers `headers` gives for the request's URL, `/page.js` the bundle.
 */
export async function servePage(entry: string, html: string, headers: (url: URL) => Record<string, string> = () => ({})) {
  const bundle = await build({ entryPoints: [entry], bundle: true, format: 'esm', target: 'es2022', write: false, logLevel: 'warning' });
  const script = bundle.outputFiles[0]!.text;
  return serveOnLoopback((request, response) => {
    const url = new URL(request.url!, 'http://localhost');
    if (url.pathname === '/page.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (url.pathname === '/') return void response.writeHead(200, { 'content-type': 'text/html', ...headers(url) }).end(html);
    response.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
  });
}
