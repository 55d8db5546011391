import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const SCREENSHOTS = path.join(ARTIFACTS, 'screenshots');

export const INSTALL_HINT =
  'Browser tests skipped: Chromium is not installed. Install it with `apt-get install -y chromium` (Debian), then run them again.';

/** Debian's Chromium (never a browser downloaded from npm): CHROMIUM_PATH, else the usual places. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && fs.existsSync(p)) ?? null;
}
