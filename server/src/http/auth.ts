import type { Request } from 'express';

/** The token of a request: `Authorization: Bearer <token>` or `?token=<token>`. */
export function requestToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1];
  }
  const query = req.query.token;
  return typeof query === 'string' && query.length > 0 ? query : undefined;
}
