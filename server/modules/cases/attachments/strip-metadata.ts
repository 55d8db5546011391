/**
 * Identifies an upload by its bytes (never by the name or the declared type) and removes the
 * metadata that can identify a person or a place: EXIF (GPS, camera serial), XMP, IPTC and
 * comments from JPEG; text, time and EXIF chunks from PNG; EXIF and XMP from WebP.
 * PDFs are accepted as they are.
 */
export type AttachmentType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export function sniffType(data: Buffer): AttachmentType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (data.length >= 5 && data.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

export class MalformedImageError extends Error {}

// JPEG markers kept before the scan: JFIF (APP0), ICC profile (APP2), Adobe (APP14) and every
// non-APP segment (tables, frame headers). APP1 (EXIF/XMP), APP13 (IPTC), COM and the rest go.
const KEEP_APP = new Set([0xe0, 0xe2, 0xee]);

function stripJpeg(data: Buffer): Buffer {
  const parts: Buffer[] = [data.subarray(0, 2)];
  let i = 2;
  while (i < data.length) {
    if (data[i] !== 0xff) throw new MalformedImageError('bad JPEG marker');
    const marker = data[i + 1]!;
    if (marker === 0xd9) {
      parts.push(data.subarray(i));
      return Buffer.concat(parts);
    }
    if (marker === 0xda) {
      // Start of scan: the entropy-coded data and everything after are kept as they are.
      parts.push(data.subarray(i));
      return Buffer.concat(parts);
    }
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (i + 4 > data.length) throw new MalformedImageError('truncated JPEG');
    const length = data.readUInt16BE(i + 2);
    const end = i + 2 + length;
    if (length < 2 || end > data.length) throw new MalformedImageError('truncated JPEG segment');
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (!(isApp && !KEEP_APP.has(marker)) && marker !== 0xfe) parts.push(data.subarray(i, end));
    i = end;
  }
  throw new MalformedImageError('JPEG without image data');
}

const DROP_PNG = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function stripPng(data: Buffer): Buffer {
  const parts: Buffer[] = [data.subarray(0, 8)];
  let i = 8;
  while (i < data.length) {
    if (i + 12 > data.length) throw new MalformedImageError('truncated PNG chunk');
    const length = data.readUInt32BE(i);
    const type = data.toString('latin1', i + 4, i + 8);
    const end = i + 12 + length;
    if (end > data.length) throw new MalformedImageError('truncated PNG chunk');
    if (!DROP_PNG.has(type)) parts.push(data.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(parts);
  }
  throw new MalformedImageError('PNG without IEND');
}

function stripWebp(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let i = 12;
  let vp8x: Buffer | null = null;
  while (i < data.length) {
    if (i + 8 > data.length) throw new MalformedImageError('truncated WebP chunk');
    const type = data.toString('latin1', i, i + 4);
    const size = data.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (end > data.length) throw new MalformedImageError('truncated WebP chunk');
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = Buffer.from(data.subarray(i, end));
      if (type === 'VP8X') vp8x = chunk;
      parts.push(chunk);
    }
    i = end;
  }
  // Clear the "has EXIF" (0x08) and "has XMP" (0x04) flags of the extended header.
  if (vp8x) vp8x[8] = vp8x[8]! & ~0x0c;
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

export function stripMetadata(type: AttachmentType, data: Buffer): Buffer {
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(data);
    case 'image/png':
      return stripPng(data);
    case 'image/webp':
      return stripWebp(data);
    case 'application/pdf':
      return data;
  }
}
