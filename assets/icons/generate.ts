// Draws the app icon (an envelope on a blue rounded square, with a sweep stroke) and writes
// real PNGs plus a Windows .ico (PNG-compressed entries, valid since Windows Vista).
// Run: npx tsx assets/icons/generate.ts   (writes next to this file)
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size: number, pixels: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, pixels.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The colour at a point of the unit square (0..1), before anti-aliasing. */
function shade(x: number, y: number): Rgba | undefined {
  const radius = 0.2;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  if (Math.hypot(x - cx, y - cy) > radius || x < 0 || y < 0 || x > 1 || y > 1) return undefined;
  // Envelope body and flap.
  const inEnvelope = x > 0.2 && x < 0.8 && y > 0.3 && y < 0.68;
  const flap = distanceToSegment(x, y, 0.2, 0.3, 0.5, 0.52) < 0.025 || distanceToSegment(x, y, 0.8, 0.3, 0.5, 0.52) < 0.025;
  // Sweep stroke under the envelope.
  const sweep = distanceToSegment(x, y, 0.24, 0.8, 0.76, 0.76) < 0.03;
  if (flap && inEnvelope) return [30, 90, 170, 255];
  if (inEnvelope || sweep) return [255, 255, 255, 255];
  const t = y; // vertical gradient
  return [Math.round(40 + 20 * t), Math.round(120 - 40 * t), Math.round(215 - 45 * t), 255];
}

function draw(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const samples = size >= 256 ? 3 : 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const colour = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (colour === undefined) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += colour[3];
        }
      }
      const covered = a / 255;
      const offset = (py * size + px) * 4;
      pixels[offset] = covered > 0 ? Math.round(r / covered) : 0;
      pixels[offset + 1] = covered > 0 ? Math.round(g / covered) : 0;
      pixels[offset + 2] = covered > 0 ? Math.round(b / covered) : 0;
      pixels[offset + 3] = Math.round(a / (samples * samples));
    }
  }
  return pixels;
}

function encodeIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size; // 0 means 256
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

const outDir = import.meta.dirname;
const pngs = new Map<number, Buffer>();
for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) pngs.set(size, encodePng(size, draw(size)));

const pngOf = (size: number): Buffer => {
  const png = pngs.get(size);
  if (png === undefined) throw new Error(`no ${size} px image`);
  return png;
};

writeFileSync(join(outDir, 'icon.png'), pngOf(1024));
writeFileSync(join(outDir, '512x512.png'), pngOf(512));
writeFileSync(join(outDir, '256x256.png'), pngOf(256));
writeFileSync(join(outDir, 'icon.ico'), encodeIco([16, 32, 48, 64, 128, 256].map((size) => ({ size, png: pngOf(size) }))));
// Linux desktop icons: electron-builder picks sizes from the file names in this folder.
const linuxDir = join(outDir, 'linux');
mkdirSync(linuxDir, { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(linuxDir, `${size}x${size}.png`), pngOf(size));
