import express, { Router } from 'express';
import { canEdit } from '@roundtable/shared';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, isImageType, type AssetStore, type ImageType } from '../assets/index.js';
import type { SessionRecord } from '../storage/index.js';
import type { SessionService } from '../sessions/index.js';
import { authorizeRequest } from './auth.js';
import { HttpError } from './errors.js';

export interface AssetsRouterOptions {
  sessions: SessionService;
  assets: AssetStore;
}

/** Reads an upload's body, whatever its type (checked before), up to the limit. */
const readImage = express.raw({ type: () => true, limit: MAX_IMAGE_BYTES });

/** body-parser's error for a body above its limit (told by Content-Length before reading, or while reading). */
function isTooLarge(error: unknown): boolean {
  return (error as { type?: unknown } | undefined)?.type === 'entity.too.large';
}

function imageTooLarge(): HttpError {
  const mib = MAX_IMAGE_BYTES / (1024 * 1024);
  return new HttpError(413, `the image is larger than ${mib} MiB (${MAX_IMAGE_BYTES} bytes), the limit for a board image`, { limitBytes: MAX_IMAGE_BYTES });
}

/** Images pasted onto a session's board: uploaded by people with a seat, read with any token. */
export function assetsRouter({ sessions, assets }: AssetsRouterOptions): Router {
  const router = Router();

  router.post(
    '/api/sessions/:id/assets',
    // The token and the declared type first: nobody without a seat, and nothing but an image, gets 10 MiB read.
    async (req, res, next) => {
      const auth = await authorizeRequest(sessions, req);
      if (!canEdit(auth.role)) throw new HttpError(403, 'followers cannot add images');
      const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!isImageType(type)) {
        throw new HttpError(415, `unsupported image type "${type}": use one of ${Object.keys(IMAGE_TYPES).join(', ')}`);
      }
      res.locals.session = auth.session;
      res.locals.type = type;
      next();
    },
    (req, res, next) => readImage(req, res, (error?: unknown) => next(isTooLarge(error) ? imageTooLarge() : error)),
    async (req, res) => {
      const session = res.locals.session as SessionRecord;
      const type = res.locals.type as ImageType;
      const body = req.body as Buffer | undefined;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'the request body must be the image');
      // The bytes must be what the type says (their magic number): a browser shown a "PNG" that is HTML must not guess.
      if (!IMAGE_TYPES[type].matches(body)) throw new HttpError(400, `the body is not a ${type} image`);
      const assetId = await assets.save(session.id, type, body);
      res.status(201).json({ id: assetId, url: `/api/sessions/${session.id}/assets/${assetId}` });
    },
  );

  router.get('/api/sessions/:id/assets/:assetId', async (req, res) => {
    const auth = await authorizeRequest(sessions, req);
    const asset = await assets.find(auth.session.id, req.params.assetId);
    if (!asset) throw new HttpError(404, 'no such image');
    // Private: the URL alone (without a token) gives nothing, and shared caches must not keep it.
    res.set({ 'Cache-Control': 'private, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' });
    res.type(asset.type).sendFile(asset.file);
  });

  return router;
}
