export { AssetStore } from './AssetStore.js';
export { IMAGE_TYPES, MAX_IMAGE_BYTES, isImageType, type ImageType } from './imageTypes.js';
