/**
 * Vite build of the rendering benchmark's baseline page (bare.html): sigma.js
 * and graphology only, served by bench/render.ts at /__bare/ on the same
 * origin as the API.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/__bare/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    rollupOptions: { input: { bare: fileURLToPath(new URL('./bare.html', import.meta.url)) } },
  },
  worker: { format: 'es' },
});
