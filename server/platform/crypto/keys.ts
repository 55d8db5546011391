import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

export interface MasterKey {
  key: Buffer;
  generated: boolean;
}

/**
 * ENCRYPTION_KEY when set; otherwise (demo mode) a key generated once and kept in DATA_DIR so
 * a restart can still read what it wrote. Production refuses the generated key at start-up.
 */
export function loadMasterKey(config: Config): MasterKey {
  if (config.ENCRYPTION_KEY) return { key: Buffer.from(config.ENCRYPTION_KEY, 'base64'), generated: false };
  const file = path.join(config.dataDir, 'encryption.key');
  if (fs.existsSync(file)) return { key: Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'), generated: true };
  const key = crypto.randomBytes(32);
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return { key, generated: true };
}
