import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The gateway serves the build from dist/playground. `vite --config playground/vite.config.ts` serves the
// page with hot reload and proxies the API to a gateway on port 8000 (`pnpm start`).
const gateway = process.env.LLMROUTER_GATEWAY_URL ?? 'http://127.0.0.1:8000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/playground', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or data: URLs, so the gateway can send a strict Content-Security-Policy.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: { '/v1': gateway, '/metrics': gateway, '/health': gateway },
  },
});
