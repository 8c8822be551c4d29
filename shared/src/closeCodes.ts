/**
 * Websocket close codes of the live-document endpoint. Part of the external contract:
 * clients decide from them whether reconnecting can help.
 */
export const CLOSE_CODES = {
  /** The server is shutting down or restarting; reconnecting later helps. */
  goingAway: 1001,
  /** Something failed on the server (e.g. the document could not be loaded); retry later. */
  internalError: 1011,
  /** A message that is not a well-formed y-websocket message. */
  malformedMessage: 4400,
  badToken: 4401,
  unknownSession: 4404,
  messageTooLarge: 4413,
  /**
   * Too many messages: document messages above the connection's rate, or more than a connection
   * may send before it is accepted. Not permanent: reconnecting after a pause helps.
   */
  /**
   * Too many messages (a flood, or too much before the connection was accepted): 1013 "try again
   * later", not a 44xx code, because y-websocket treats 4400-4499 as final and would never reconnect.
   */
  tooManyMessages: 1013,
  roomFull: 4429,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** Codes after which a client should not reconnect on its own: nothing will change. */
export const PERMANENT_CLOSE_CODES: ReadonlySet<number> = new Set([
  CLOSE_CODES.badToken,
  CLOSE_CODES.unknownSession,
]);
