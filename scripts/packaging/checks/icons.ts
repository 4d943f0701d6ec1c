import fs from 'node:fs';
import path from 'node:path';
import type { Project } from '../project';
import { Check } from '../report';

/** build/icon.png 1024×1024, build/icon.ico with a 256 image, the configured icons and the Linux set exist. */
export function checkIcons({ root, config }: Project): Check {
  const check = new Check('icons', 'icons (npm run icons)');
  const buildDir = config?.directories?.buildResources ?? 'build';
  const png = path.join(root, buildDir, 'icon.png');
  const size = fs.existsSync(png) ? pngSize(png) : undefined;
  if (!size) check.problem(`${buildDir}/icon.png is missing or not a PNG (run npm run icons).`);
  else if (size.width < 512 || size.width !== size.height) {
    check.problem(`${buildDir}/icon.png is ${size.width}×${size.height}; it must be square and at least 512 (1024 is generated).`);
  }
  const icoFile = path.join(root, buildDir, 'icon.ico');
  const ico = fs.existsSync(icoFile) ? icoImages(fs.readFileSync(icoFile)) : undefined;
  if (!ico) check.problem(`${buildDir}/icon.ico is missing or not a valid icon file (run npm run icons).`);
  else if (!ico.some((i) => i.size === 256)) check.problem(`${buildDir}/icon.ico has no 256×256 image (Windows installers need one).`);
  for (const [where, icon] of [
    ['icon', config?.icon],
    ['win.icon', config?.win?.icon],
    ['linux.icon', config?.linux?.icon],
    ['nsis.installerIcon', config?.nsis?.installerIcon],
  ] as const) {
    if (typeof icon !== 'string') continue;
    const candidates = [path.join(root, icon), path.join(root, buildDir, icon)];
    if (!candidates.some((c) => fs.existsSync(c))) check.problem(`${where} is ${icon}, which does not exist.`);
  }
  const linuxIcons = config?.linux?.icon;
  if (typeof linuxIcons === 'string' && fs.existsSync(path.join(root, linuxIcons)) && fs.statSync(path.join(root, linuxIcons)).isDirectory()) {
    const set = fs.readdirSync(path.join(root, linuxIcons)).filter((f) => /^\d+x\d+\.png$/.test(f));
    if (!set.includes('256x256.png')) check.problem(`${linuxIcons} has no 256x256.png.`);
  }
  if (ico && size) check.summary = `icon.png ${size.width}×${size.height}; icon.ico ${ico.map((i) => i.size).join('/')}`;
  return check;
}

function pngSize(file: string): { width: number; height: number } | undefined {
  const data = fs.readFileSync(file);
  if (data.length < 24 || data.toString('latin1', 1, 4) !== 'PNG' || data.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** The images of an .ico file: their sizes and whether each is a PNG or a BMP (DIB). */
export function icoImages(data: Buffer): Array<{ size: number; format: 'png' | 'bmp' }> | undefined {
  if (data.length < 6 || data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) return undefined;
  const count = data.readUInt16LE(4);
  const images: Array<{ size: number; format: 'png' | 'bmp' }> = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 16 * i;
    if (at + 16 > data.length) return undefined;
    const size = data.readUInt8(at) || 256;
    const length = data.readUInt32LE(at + 8);
    const offset = data.readUInt32LE(at + 12);
    if (offset + length > data.length) return undefined;
    const isPng = data.toString('latin1', offset + 1, offset + 4) === 'PNG';
    if (!isPng && data.readUInt32LE(offset) !== 40) return undefined;
    images.push({ size, format: isPng ? 'png' : 'bmp' });
  }
  return images;
}
