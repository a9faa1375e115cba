import sharp from 'sharp';
import { ApiError } from '../../platform/web/api-error';
import type { PhotoType } from './photo-type';

/** Larger photos are scaled down to this edge: enough to judge smoke or a discharge, and bounded in size. */
export const MAX_PHOTO_EDGE = 4096;
/** Refuse decompression bombs before decoding them (a few KB can claim gigapixels). */
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Decodes the upload and encodes a fresh image of the same type. What is kept is pixels only: EXIF
 * (GPS position of the reporter's phone, device serial), ICC/XMP comments, and any bytes after the
 * image's end (polyglot files) are dropped. The orientation is applied to the pixels first, so the
 * photo still shows upright without its EXIF.
 */
export async function reencodePhoto(bytes: Buffer, type: PhotoType): Promise<Buffer> {
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_PHOTO_EDGE, height: MAX_PHOTO_EDGE, fit: 'inside', withoutEnlargement: true });
    if (type === 'image/png') return await image.png().toBuffer();
    if (type === 'image/webp') return await image.webp({ quality: 85 }).toBuffer();
    return await image.jpeg({ quality: 85, mozjpeg: false }).toBuffer();
  } catch {
    throw new ApiError(400, 'unsupported_photo_type', 'The photo could not be read as a JPEG, PNG or WebP image');
  }
}
