// `npm run icons`: rasterises the one source image, resources/icon.svg, into the icons electron-builder
// reads from build/: icon.png (1024×1024), icons/NxN.png (Linux set, 16–512), icon.ico (Windows, multi-size).
// Chromium (playwright-core + Debian's chromium, as for the end-to-end tests) draws the SVG at each
// size; the ICO container is written here: small sizes as 32-bit BMP entries (what every Windows
// shell and NSIS read), 128 and 256 as PNG entries (Vista and later).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureChromium } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(root, 'resources/icon.svg');
const BUILD = path.join(root, 'build');
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];
const ICO_BMP_SIZES = [16, 24, 32, 48, 64];
const ICO_PNG_SIZES = [128, 256];

/* global Image, document -- this function runs inside the page, not in Node. */
/** Draws the SVG at `size`×`size` in a canvas; returns the PNG bytes and the raw RGBA pixels. */
async function rasterise(page, svg, size) {
  const result = await page.evaluate(
    async ({ svg, size }) => {
      const img = new Image();
      img.src = `data:image/svg+xml;base64,${btoa(svg)}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const ctx = canvas.getContext('2d');
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(img, 0, 0, size, size);
      const rgba = Array.from(ctx.getImageData(0, 0, size, size).data);
      const png = canvas.toDataURL('image/png').split(',')[1];
      return { png, rgba };
    },
    { svg, size },
  );
  return { png: Buffer.from(result.png, 'base64'), rgba: Uint8Array.from(result.rgba) };
}

/** A 32-bit BMP (DIB) icon image: BITMAPINFOHEADER, bottom-up BGRA rows, 1-bit AND mask. */
export function bmpIconImage(rgba, size) {
  const maskRow = Math.ceil(size / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0); // biSize
  header.writeInt32LE(size, 4); // biWidth
  header.writeInt32LE(size * 2, 8); // biHeight: colour rows + mask rows
  header.writeUInt16LE(1, 12); // biPlanes
  header.writeUInt16LE(32, 14); // biBitCount
  header.writeUInt32LE(0, 16); // BI_RGB
  header.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(maskRow * size);
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y; // bottom-up
    for (let x = 0; x < size; x++) {
      const src = (y * size + x) * 4;
      const dst = (row * size + x) * 4;
      pixels[dst] = rgba[src + 2];
      pixels[dst + 1] = rgba[src + 1];
      pixels[dst + 2] = rgba[src];
      pixels[dst + 3] = rgba[src + 3];
      if (rgba[src + 3] === 0) mask[row * maskRow + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

/** The ICO container: ICONDIR, one ICONDIRENTRY per image, then the images (BMP or PNG bytes). */
export function icoFile(images) {
  const dir = Buffer.alloc(6 + 16 * images.length);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2); // type: icon
  dir.writeUInt16LE(images.length, 4);
  let offset = dir.length;
  images.forEach(({ size, data }, i) => {
    const at = 6 + 16 * i;
    dir.writeUInt8(size >= 256 ? 0 : size, at);
    dir.writeUInt8(size >= 256 ? 0 : size, at + 1);
    dir.writeUInt8(0, at + 2); // no palette
    dir.writeUInt8(0, at + 3);
    dir.writeUInt16LE(1, at + 4); // planes
    dir.writeUInt16LE(32, at + 6); // bits per pixel
    dir.writeUInt32LE(data.length, at + 8);
    dir.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([dir, ...images.map((i) => i.data)]);
}

async function main() {
  const svg = fs.readFileSync(SOURCE, 'utf8');
  const executablePath = ensureChromium();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>icons</title>');
    const sizes = [...new Set([1024, ...LINUX_SIZES, ...ICO_BMP_SIZES, ...ICO_PNG_SIZES])].sort((a, b) => a - b);
    const drawn = new Map();
    for (const size of sizes) drawn.set(size, await rasterise(page, svg, size));

    fs.mkdirSync(path.join(BUILD, 'icons'), { recursive: true });
    const written = [];
    const write = (rel, data) => {
      fs.writeFileSync(path.join(BUILD, rel), data);
      written.push(`build/${rel} (${data.length} bytes)`);
    };
    write('icon.png', drawn.get(1024).png);
    for (const size of LINUX_SIZES) write(`icons/${size}x${size}.png`, drawn.get(size).png);
    const images = [
      ...ICO_BMP_SIZES.map((size) => ({ size, data: bmpIconImage(drawn.get(size).rgba, size) })),
      ...ICO_PNG_SIZES.map((size) => ({ size, data: drawn.get(size).png })),
    ];
    write('icon.ico', icoFile(images));
    console.log(`Icons from resources/icon.svg:\n  ${written.join('\n  ')}`);
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
