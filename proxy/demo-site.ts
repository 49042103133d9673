/**
 * The demo page and the widget bundles, served by `npm start` on the simulator only (Node-only: it
 * reads files). The page gets a Content-Security-Policy without inline scripts or styles (the demo has
 * none: its scripts and its style sheet are files, its handlers and styles are set from them) and may be
 * framed by nobody.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export function demoHeaders(options: { frameOrigins: string[] }): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Style sheets from the page's origin only, and no inline styles at all: lit adopts constructed
      // style sheets, which CSP does not restrict, and the widgets and the demo set every dynamic value
      // through the CSSOM (style.setProperty), which it does not restrict either.
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      // <metronome-dashboard> frames the hosted dashboard, which the simulator serves on its own origin.
      frameSrc: options.frameOrigins,
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
    xFrameOptions: 'DENY',
    // The demo is plain http on this machine: nothing for HSTS to upgrade.
    strictTransportSecurity: false,
  });
}

/** Mounts the page (`demo/`) and the bundles (`dist/`), read from the working directory, on `app`. */
export function serveDemo(app: Hono<any>, options: { frameOrigins: string[] }): void {
  const headers = demoHeaders(options);
  app.use('/dist/*', headers, serveStatic({ root: './' }));
  app.use('/*', headers, serveStatic({ root: './demo' }));
}
