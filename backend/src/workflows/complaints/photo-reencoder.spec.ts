import sharp from 'sharp';
import { ApiError } from '../../platform/web/api-error';
import { reencodePhoto } from './photo-reencoder';

describe('reencodePhoto', () => {
  it('drops EXIF (GPS) and trailing bytes, keeps the pixels and the type', async () => {
    const withExif = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#336699' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'SerialX-123' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '32/1 3/1 0/1' } })
      .toBuffer();
    expect(withExif.toString('latin1')).toContain('SerialX-123');
    const polyglot = Buffer.concat([withExif, Buffer.from('<script>alert(1)</script>')]);
    const clean = await reencodePhoto(polyglot, 'image/jpeg');
    expect(clean.toString('latin1')).not.toContain('SerialX-123');
    expect(clean.toString('latin1')).not.toContain('<script>');
    const meta = await sharp(clean).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 8, 6, undefined]);
  });

  it('keeps PNG as PNG and refuses bytes that only look like an image', async () => {
    const png = await sharp({ create: { width: 2, height: 2, channels: 4, background: '#ff000080' } }).png().toBuffer();
    expect((await sharp(await reencodePhoto(png, 'image/png')).metadata()).format).toBe('png');
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg')]);
    await expect(reencodePhoto(fake, 'image/jpeg')).rejects.toBeInstanceOf(ApiError);
  });
});
