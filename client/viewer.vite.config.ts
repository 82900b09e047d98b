/**
 * The viewer bundle of published investigations: one classic script
 * (client/dist/viewer/viewer.js, an IIFE: it runs inline from file:// with no
 * module loading) and its styles (viewer.css). The explorer fetches both when
 * it publishes and inlines them into the page (investigations/publish).
 * Built after the main client by `npm run build:client`, into its dist.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  publicDir: false,
  build: {
    outDir: 'dist/viewer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    cssCodeSplit: false,
    chunkSizeWarningLimit: 1000,
    lib: {
      entry: fileURLToPath(new URL('./src/viewer/main.ts', import.meta.url)),
      name: 'claimgraphViewer',
      formats: ['iife'],
      fileName: () => 'viewer.js',
      cssFileName: 'viewer',
    },
  },
});
