import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { IMAGE_TYPES, type ImageType } from './imageTypes.js';

export interface StoredAsset {
  file: string;
  type: ImageType;
}

const ASSET_ID = /^[A-Za-z0-9_-]{16,64}\.(png|jpg|gif|webp)$/;
const TYPE_BY_EXTENSION = Object.fromEntries(Object.entries(IMAGE_TYPES).map(([type, { extension }]) => [extension, type as ImageType]));

/** Uploaded board images, as files under `DATA_DIR/assets/<sessionId>/`. */
export class AssetStore {
  constructor(private readonly root: string) {}

  async save(sessionId: string, type: ImageType, bytes: Buffer): Promise<string> {
    const id = `${randomBytes(16).toString('base64url')}.${IMAGE_TYPES[type].extension}`;
    const dir = path.join(this.root, sessionId);
    await fs.mkdir(dir, { recursive: true });
    // Write then rename, so a half-written file is never served.
    const temp = path.join(dir, `.${id}.tmp`);
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, path.join(dir, id));
    return id;
  }

  /** The file of an asset, or null for an id that is malformed or unknown. */
  async find(sessionId: string, assetId: string): Promise<StoredAsset | null> {
    if (!ASSET_ID.test(assetId)) return null; // never a path outside the session's folder
    const file = path.join(this.root, sessionId, assetId);
    try {
      await fs.access(file);
    } catch {
      return null;
    }
    return { file, type: TYPE_BY_EXTENSION[assetId.split('.').pop()!]! };
  }
}
