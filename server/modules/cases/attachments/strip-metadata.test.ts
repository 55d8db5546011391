import { describe, expect, it } from 'vitest';
import { MalformedImageError, sniffType, stripMetadata } from './strip-metadata.js';

const seg = (marker: number, payload: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};

function jpegWithExif(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01', 'latin1')),
    seg(0xe1, Buffer.from('Exif\0\0GPS 39.9N 116.4E serial XYZ', 'latin1')),
    seg(0xfe, Buffer.from('comment: taken at home', 'latin1')),
    seg(0xdb, Buffer.alloc(65, 1)),
    Buffer.from([0xff, 0xda, 0, 2, 0x12, 0x34, 0xff, 0xd9]),
  ]);
}

function pngChunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

describe('attachment type and metadata', () => {
  it('knows a file by its bytes, not its name', () => {
    expect(sniffType(jpegWithExif())).toBe('image/jpeg');
    expect(sniffType(Buffer.from('%PDF-1.7 ...'))).toBe('application/pdf');
    expect(sniffType(Buffer.from('<html><script>'))).toBeNull();
    expect(sniffType(Buffer.alloc(0))).toBeNull();
  });

  it('removes EXIF and comments from a JPEG and keeps the image data', () => {
    const out = stripMetadata('image/jpeg', jpegWithExif());
    expect(out.toString('latin1')).not.toContain('GPS');
    expect(out.toString('latin1')).not.toContain('comment');
    expect(out.toString('latin1')).toContain('JFIF');
    expect(out.subarray(-8)).toEqual(Buffer.from([0xff, 0xda, 0, 2, 0x12, 0x34, 0xff, 0xd9]));
  });

  it('removes text and EXIF chunks from a PNG', () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', Buffer.alloc(13)),
      pngChunk('tEXt', Buffer.from('Author\0Zhang San', 'latin1')),
      pngChunk('eXIf', Buffer.from('GPS', 'latin1')),
      pngChunk('IDAT', Buffer.alloc(10, 7)),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
    const out = stripMetadata('image/png', png);
    expect(out.toString('latin1')).not.toContain('Zhang');
    expect(out.toString('latin1')).not.toContain('GPS');
    expect(out.toString('latin1')).toContain('IDAT');
  });

  it('removes EXIF from a WebP and fixes its sizes and flags', () => {
    const chunk = (type: string, data: Buffer) => {
      const h = Buffer.alloc(8);
      h.write(type, 0, 'latin1');
      h.writeUInt32LE(data.length, 4);
      return Buffer.concat([h, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x08 | 0x04;
    const body = Buffer.concat([chunk('VP8X', vp8x), chunk('VP8 ', Buffer.alloc(20, 3)), chunk('EXIF', Buffer.from('GPS here', 'latin1'))]);
    const head = Buffer.alloc(12);
    head.write('RIFF', 0, 'latin1');
    head.writeUInt32LE(body.length + 4, 4);
    head.write('WEBP', 8, 'latin1');
    const out = stripMetadata('image/webp', Buffer.concat([head, body]));
    expect(out.toString('latin1')).not.toContain('GPS');
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out[20]! & 0x0c).toBe(0);
  });

  it('rejects a truncated image instead of storing it', () => {
    expect(() => stripMetadata('image/jpeg', jpegWithExif().subarray(0, 30))).toThrow(MalformedImageError);
  });
});
