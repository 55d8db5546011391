import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm test`: type-check, the unit and integration suites (PGlite, and PostgreSQL when
 * TEST_DATABASE_URL or DATABASE_URL is set), then the browser journeys in Debian's Chromium.
 */
const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`✖ ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

run('type-check (server)', bin('tsc'), ['--noEmit', '-p', '.']);
if (fs.existsSync(path.join(root, 'web/tsconfig.json'))) run('type-check (web)', bin('tsc'), ['--noEmit', '-p', 'web']);

const postgres = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (!postgres) console.log('\nTEST_DATABASE_URL is not set: the integration suites run on PGlite only.');
// The suites make their own databases; DATABASE_URL must not point the app under test elsewhere.
run('unit and integration tests', bin('vitest'), ['run'], { ...process.env, TEST_DATABASE_URL: postgres ?? '' });

const browserDir = path.join(root, 'tests/browser');
if (fs.existsSync(browserDir)) {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (!chromium) {
    console.log('\nBrowser tests skipped: Chromium is not installed. Install it with `apt-get install -y chromium` (Debian), then run npm test again.');
  } else {
    run('build the web app', process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
    run('browser journeys', bin('vitest'), ['run', '--config', 'vitest.browser.config.ts'], { ...process.env, CHROMIUM_PATH: chromium });
  }
}
