import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in web/ and builds to web/dist, which the Fastify server serves at `/`.
// In development Vite serves the app and forwards the API to the server, by default on port 3000
// (GONGZHI_API_URL points it elsewhere, e.g. at a second server started with another PORT).
const apiServer = process.env.GONGZHI_API_URL ?? 'http://127.0.0.1:3000';
const proxy = {
  '/api': { target: apiServer },
  '/healthz': { target: apiServer },
};

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: { proxy },
  preview: { proxy },
});
