import { photoTypeOf } from './photo-type';

describe('photoTypeOf', () => {
  it('recognises JPEG, PNG and WebP by their magic bytes', () => {
    expect(photoTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(photoTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('image/png');
    expect(photoTypeOf(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('image/webp');
  });

  it('refuses everything else, whatever it is called', () => {
    expect(photoTypeOf(Buffer.from('GIF89a......'))).toBeNull();
    expect(photoTypeOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(photoTypeOf(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(photoTypeOf(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVE')]))).toBeNull();
    expect(photoTypeOf(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(photoTypeOf(Buffer.alloc(0))).toBeNull();
  });
});
