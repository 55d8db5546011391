import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { findChromium, INSTALL_HINT, ROOT } from './support/paths.js';
import { startServer } from './support/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server under test, e.g. http://127.0.0.1:41234; empty when the suite is skipped. */
    baseUrl: string;
    /** Debian's Chromium; empty when it is not installed (every browser test is then skipped). */
    chromiumPath: string;
  }
}

/** Starts one real server for all browser test files (they run one after another) and stops it. */
export default async function setup(project: TestProject) {
  const chromium = findChromium();
  project.provide('chromiumPath', chromium ?? '');
  project.provide('baseUrl', '');
  if (!chromium) {
    console.warn(`\n${INSTALL_HINT}\n`);
    return;
  }
  if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) {
    throw new Error('web/dist is missing: build the web app first (`npx vite build`, or run `npm test`).');
  }
  const started = Date.now();
  const server = await startServer();
  console.log(`Server for the browser tests: ${server.url} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  project.provide('baseUrl', server.url);
  return async () => {
    await server.stop();
  };
}
