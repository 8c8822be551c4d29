import type { RequestHandler } from 'express';

/**
 * The page's Content-Security-Policy: nothing runs but our own script files, and the page talks
 * only to its own origin (plus its websockets).
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
  // The API, the y-websocket endpoint and socket.io (browsers differ on whether 'self' covers
  // ws(s)); tldraw also fetch()es data: and blob: URLs (its inlined translations, pasted files).
  "connect-src 'self' ws: wss: data: blob:",
  // tldraw's embeds (a YouTube or Figma link pasted on the board) are cross-origin https frames;
  // they cannot read the page, and Referrer-Policy below keeps the page's URL (its token) from them.
  'frame-src https:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  // Nobody frames the app: a framed session page could be overlaid to trick a moderator's clicks.
  "frame-ancestors 'none'",
].join('; ');

/** Everything that is not the page (JSON, images, exports): nothing in it may load or run anything. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Paths that answer data, never the page. */
const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/') || path === '/healthz' || path === '/metrics';

/**
 * The browser-side protections every response carries. A route may set a stricter policy of its
 * own afterwards (the minutes' `html` export does).
 */
export const securityHeaders: RequestHandler = (req, res, next) => {
  res.set({
    'Content-Security-Policy': isApiPath(req.path) ? API_CONTENT_SECURITY_POLICY : PAGE_CONTENT_SECURITY_POLICY,
    // A response is what its Content-Type says: an uploaded "image" is never run as a script or page.
    'X-Content-Type-Options': 'nosniff',
    // frame-ancestors for browsers that predate it.
    'X-Frame-Options': 'DENY',
    // Links carry their token in the URL (?token=): no Referer may take it to another site, nor to
    // an image or frame the board loads.
    'Referrer-Policy': 'no-referrer',
  });
  next();
};
