import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const adminRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/admin', import.meta.url));

// Same-origin in development as in production (the api serves the built UI), so the session cookie and the
// CSRF header work without CORS.
const apiTarget = 'http://localhost:3000';
const apiProxy = { '/v1': apiTarget, '/health': apiTarget, '/metrics': apiTarget, '/api': apiTarget };

export default defineConfig({
  root: adminRoot,
  base: '/',
  plugins: [react()],
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  build: {
    outDir,
    emptyOutDir: true,
    // antd stays one vendor chunk (about 270 kB gzipped) that browsers cache across releases; splitting it further
    // would only add requests, so the default 500 kB warning would be noise.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        // Vendor code changes far less often than the app, so separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 2 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
