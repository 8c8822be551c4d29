import type { RequestHandler } from 'express';

/**
 * The page's Content-Security-Policy: nothing runs but our own script files, and the page talks
 * only to its own origin (plus its websockets, added per request).
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // Our bundled modules only: no inline script, no eval. The page's one inline <script> is
  // `type="application/json"` (the client configuration), which browsers never execute. zod
  // probes once whether eval works (a reported violation) and validates without it when refused.
  "script-src 'self'",
  // tldraw and React position everything with inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  // Board images are served by us; tldraw draws exports and pasted previews through data: and blob: URLs.
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  // The API; tldraw also fetch()es data: and blob: URLs (its inlined translations, pasted files).
  // The websockets to this host are added per request (pageContentSecurityPolicy): not ws: wss:,
  // which would let injected script talk to any host.
  "connect-src 'self' data: blob:",
  // tldraw's embeds (a YouTube or Figma link pasted on the board) are cross-origin https frames;
  // they cannot read the page, and Referrer-Policy below keeps the page's URL (its token) from them.
  'frame-src https:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  // Nobody frames the app: a framed session page could be overlaid to trick a moderator's clicks.
  "frame-ancestors 'none'",
].join('; ');

/** A Host header we may repeat in a header: a name or address and a port, nothing else. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The page's policy for a request to `host`: its websockets (the y-websocket endpoint and
 * socket.io) on that very host. Browsers differ on whether 'self' covers ws: and wss:, so they
 * are named; behind a proxy the Host is the public one the browser used.
 */
export function pageContentSecurityPolicy(host: string | undefined): string {
  if (!host || !PLAIN_HOST.test(host)) return PAGE_CONTENT_SECURITY_POLICY;
  return PAGE_CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ws://${host} wss://${host}`);
}

/** Everything that is not the page (JSON, images, exports): nothing in it may load or run anything. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Paths that answer data, never the page. */
const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/') || path === '/healthz' || path === '/metrics';

/** An event's public schedule page, `/e/<event>`: the one page another site may frame, if allowed. */
const isSchedulePage = (path: string) => /^\/e\/[^/]+\/?$/.test(path);

export interface SecurityHeaderOptions {
  /** The sites that may frame the public schedule (`scheduleEmbedOrigins`); none when empty. */
  scheduleEmbedOrigins?: readonly string[];
}

/**
 * The browser-side protections every response carries. A route may set a stricter policy of its
 * own afterwards (the minutes' `html` export does).
 */
export function securityHeaders({ scheduleEmbedOrigins = [] }: SecurityHeaderOptions = {}): RequestHandler {
  const embeddable = scheduleEmbedOrigins.length > 0;
  return (req, res, next) => {
    const policy = isApiPath(req.path) ? API_CONTENT_SECURITY_POLICY : pageContentSecurityPolicy(req.headers.host);
    const framedSchedule = embeddable && isSchedulePage(req.path);
    res.set({
      'Content-Security-Policy': framedSchedule ? policy.replace("frame-ancestors 'none'", `frame-ancestors ${scheduleEmbedOrigins.join(' ')}`) : policy,
      // A response is what its Content-Type says: an uploaded "image" is never run as a script or page.
      'X-Content-Type-Options': 'nosniff',
      // Links carry their token in the URL (?token=): no Referer may take it to another site, nor to
      // an image or frame the board loads.
      'Referrer-Policy': 'no-referrer',
    });
    // frame-ancestors for browsers that predate it; it cannot name sites, so an embeddable schedule goes without.
    if (!framedSchedule) res.set('X-Frame-Options', 'DENY');
    next();
  };
}
