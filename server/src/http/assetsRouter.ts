import express, { Router } from 'express';
import { canEdit } from '@roundtable/shared';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, isImageType, type AssetStore } from '../assets/index.js';
import type { SessionService } from '../sessions/index.js';
import { authorizeRequest } from './auth.js';
import { HttpError } from './errors.js';

export interface AssetsRouterOptions {
  sessions: SessionService;
  assets: AssetStore;
}

/** Images pasted onto a session's board: uploaded by people with a seat, read with any token. */
export function assetsRouter({ sessions, assets }: AssetsRouterOptions): Router {
  const router = Router();

  router.post(
    '/api/sessions/:id/assets',
    express.raw({ type: () => true, limit: MAX_IMAGE_BYTES }),
    async (req, res) => {
      const auth = await authorizeRequest(sessions, req);
      if (!canEdit(auth.role)) throw new HttpError(403, 'followers cannot add images');
      const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!isImageType(type)) {
        throw new HttpError(415, `unsupported image type "${type}": use one of ${Object.keys(IMAGE_TYPES).join(', ')}`);
      }
      const body = req.body as Buffer | undefined;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'the request body must be the image');
      if (!IMAGE_TYPES[type].matches(body)) throw new HttpError(400, `the body is not a ${type} image`);
      const assetId = await assets.save(auth.session.id, type, body);
      res.status(201).json({ id: assetId, url: `/api/sessions/${auth.session.id}/assets/${assetId}` });
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
